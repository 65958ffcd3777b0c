// `callpop demo`: a few scripted calls, delivered exactly like the 3CX Assistant delivers them
// (one argv per event over the local socket, to the running CallPop), for trying CallPop
// without a phone system.
import { connectLocal, exchange, socketPathFor } from './forward';

export interface DemoStep {
  /** What is printed before the step. */
  say: string;
  argv: string[];
  /** Pause after the step, in ms (skipped with --fast). */
  pauseMs: number;
}

/** The script; call ids are unique per run so a second demo adds new calls. */
export function demoScript(runId: string): DemoStep[] {
  const id = (n: number): string => `demo-${runId}-${n}`;
  return [
    {
      say: 'Inbound call from a Dutch mobile (0612345678) rings…',
      argv: ['/N:S', '/C:0612345678', '/T:I', `/I:${id(1)}`],
      pauseMs: 2500,
    },
    // The Assistant sometimes starts the executable twice for the same event.
    {
      say: '…the Assistant reports the same ring twice (deduplicated)',
      argv: ['/N:S', '/C:0612345678', '/T:I', `/I:${id(1)}`],
      pauseMs: 800,
    },
    { say: '…and is answered', argv: ['/N:C', '/T:I', `/I:${id(1)}`], pauseMs: 2500 },
    {
      say: 'A second inbound call from Berlin (+4930123456) rings while the first is running',
      argv: ['/N:S', '/C:+4930123456', '/T:I', `/I:${id(2)}`],
      pauseMs: 3000,
    },
    { say: '…nobody answers it: missed', argv: ['/N:E', '/T:I', `/I:${id(2)}`], pauseMs: 1500 },
    { say: 'The first call ends', argv: ['/N:E', '/T:I', `/I:${id(1)}`], pauseMs: 2000 },
    {
      say: 'An anonymous caller rings…',
      argv: ['/N:S', '/C:Anonymous', '/T:I', `/I:${id(3)}`],
      pauseMs: 2000,
    },
    // Chromium on Windows reorders and lower-cases flags; CallPop reads them anyway.
    {
      say: '…is answered (flags arrive reordered and lower-cased, as Chromium does on Windows)',
      argv: ['--allow-file-access-from-files', `/i:${id(3)}`, '/t:i', '/n:c'],
      pauseMs: 2000,
    },
    { say: '…and hangs up', argv: ['/N:E', '/T:I', `/I:${id(3)}`], pauseMs: 1500 },
    {
      say: 'The agent clicks a tel: link to call +31201234567',
      argv: ['tel:+31201234567'],
      pauseMs: 800,
    },
    {
      say: '…3CX dials out (outbound S carries no number; CallPop correlates it with the dial)',
      argv: ['/N:S', '/T:O', `/I:${id(4)}`],
      pauseMs: 2000,
    },
    { say: '…the other side answers', argv: ['/N:C', '/T:O', `/I:${id(4)}`], pauseMs: 2500 },
    { say: '…and the call ends', argv: ['/N:E', '/T:O', `/I:${id(4)}`], pauseMs: 0 },
  ];
}

export interface DemoOptions {
  dataDir: string;
  fast: boolean;
  /** Makes sure a primary runs (this process may become it). */
  ensurePrimary(): Promise<{ kind: 'delivered' | 'became-primary' }>;
  print?: (line: string) => void;
}

export async function runDemo(options: DemoOptions): Promise<{ servingHere: boolean }> {
  const print = options.print ?? ((line: string) => console.log(line));
  const started = await options.ensurePrimary();
  const servingHere = started.kind === 'became-primary';
  print(
    servingHere
      ? 'No CallPop was running: this process is it now (Ctrl+C stops it after the demo).'
      : 'Playing the demo into the running CallPop.',
  );
  const socketPath = socketPathFor(options.dataDir);
  const runId = Date.now().toString(36);
  const sleep = (ms: number): Promise<void> =>
    new Promise((r) => setTimeout(r, options.fast ? 0 : ms));
  await sleep(1500); // give a freshly opened tab a moment to connect

  for (const step of demoScript(runId)) {
    print(`  ${step.say}`);
    print(`    callpop ${step.argv.join(' ')}`);
    const c = await connectLocal(socketPath, 2000);
    if (!('socket' in c)) throw new Error(`CallPop stopped during the demo (${c.error})`);
    const reply = await exchange(c.socket, { argv: step.argv, cwd: process.cwd() });
    if (reply === null || reply === 'timeout')
      throw new Error('CallPop did not confirm a demo event');
    if (!reply.ok) print(`    → refused: ${reply.error}`);
    await sleep(step.pauseMs);
  }
  print(
    'Demo done. Without the 3CX Assistant installed the tel: dial itself fails (a notice says so);',
  );
  print('the calls are in the history and in `callpop export --format csv`.');
  return { servingHere };
}
