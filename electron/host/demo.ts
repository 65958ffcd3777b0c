// `callpop demo`: a few scripted calls, delivered exactly like the 3CX Assistant delivers them
// (one argv per event over the local socket, to the running CallPop), for trying CallPop
// without a phone system.
import { connectLocal, exchange, socketPathFor } from './forward';
import type { CliMessages } from '../../shared/i18n/cli/en';
import { CliError } from './cli-error';
import type { CliTranslate } from './cli-i18n';

export interface DemoStep {
  /** What is printed before the step: its message under `demo.step`. */
  say: keyof CliMessages['demo']['step'];
  argv: string[];
  /** Pause after the step, in ms (skipped with --fast). */
  pauseMs: number;
}

/** The script; call ids are unique per run so a second demo adds new calls. */
export function demoScript(runId: string): DemoStep[] {
  const id = (n: number): string => `demo-${runId}-${n}`;
  return [
    {
      say: 'rings',
      argv: ['/N:S', '/C:0612345678', '/T:I', `/I:${id(1)}`],
      pauseMs: 2500,
    },
    // The Assistant sometimes starts the executable twice for the same event.
    {
      say: 'ringsTwice',
      argv: ['/N:S', '/C:0612345678', '/T:I', `/I:${id(1)}`],
      pauseMs: 800,
    },
    { say: 'answered', argv: ['/N:C', '/T:I', `/I:${id(1)}`], pauseMs: 2500 },
    {
      say: 'secondRings',
      argv: ['/N:S', '/C:+4930123456', '/T:I', `/I:${id(2)}`],
      pauseMs: 3000,
    },
    { say: 'missed', argv: ['/N:E', '/T:I', `/I:${id(2)}`], pauseMs: 1500 },
    { say: 'firstEnds', argv: ['/N:E', '/T:I', `/I:${id(1)}`], pauseMs: 2000 },
    {
      say: 'anonymousRings',
      argv: ['/N:S', '/C:Anonymous', '/T:I', `/I:${id(3)}`],
      pauseMs: 2000,
    },
    // Chromium on Windows reorders and lower-cases flags; CallPop reads them anyway.
    {
      say: 'anonymousAnswered',
      argv: ['--allow-file-access-from-files', `/i:${id(3)}`, '/t:i', '/n:c'],
      pauseMs: 2000,
    },
    { say: 'hangsUp', argv: ['/N:E', '/T:I', `/I:${id(3)}`], pauseMs: 1500 },
    {
      say: 'telLink',
      argv: ['tel:+31201234567'],
      pauseMs: 800,
    },
    {
      say: 'dialsOut',
      argv: ['/N:S', '/T:O', `/I:${id(4)}`],
      pauseMs: 2000,
    },
    { say: 'otherAnswers', argv: ['/N:C', '/T:O', `/I:${id(4)}`], pauseMs: 2500 },
    { say: 'callEnds', argv: ['/N:E', '/T:O', `/I:${id(4)}`], pauseMs: 0 },
  ];
}

export interface DemoOptions {
  dataDir: string;
  fast: boolean;
  /** Makes sure a primary runs (this process may become it). */
  ensurePrimary(): Promise<{ kind: 'delivered' | 'became-primary' }>;
  print?: (line: string) => void;
  /** The messages' language; by default the data directory's setting, else the system's. */
  t?: CliTranslate;
}

export async function runDemo(options: DemoOptions): Promise<{ servingHere: boolean }> {
  const print = options.print ?? ((line: string) => console.log(line));
  const t = options.t ?? (await import('./cli-i18n')).cliTranslate({ dataDir: options.dataDir });
  const started = await options.ensurePrimary();
  const servingHere = started.kind === 'became-primary';
  print(servingHere ? t('demo.servingHere') : t('demo.intoRunning'));
  const socketPath = socketPathFor(options.dataDir);
  const runId = Date.now().toString(36);
  const sleep = (ms: number): Promise<void> =>
    new Promise((r) => setTimeout(r, options.fast ? 0 : ms));
  await sleep(1500); // give a freshly opened tab a moment to connect

  for (const step of demoScript(runId)) {
    print(`  ${t(`demo.step.${step.say}`)}`);
    print(`    callpop ${step.argv.join(' ')}`);
    const c = await connectLocal(socketPath, 2000);
    if (!('socket' in c)) throw new CliError('demo.stopped', { error: c.error });
    const reply = await exchange(c.socket, { argv: step.argv, cwd: process.cwd() });
    if (reply === null || reply === 'timeout') throw new CliError('demo.notConfirmed');
    if (!reply.ok) {
      const error = reply.key ? t(`forward.${reply.key}`) : reply.error;
      print(`    ${t('demo.refused', { error })}`);
    }
    await sleep(step.pauseMs);
  }
  print(t('demo.done'));
  print(t('demo.doneWhere'));
  return { servingHere };
}
