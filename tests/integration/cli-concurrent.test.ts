// The `callpop` command as the 3CX Assistant drives it: real child processes of the built CLI,
// fired all at once in shuffled order, racing for the single-instance lock; then the journal
// (through `callpop export`) must hold exactly the right records. Needs `node scripts/build.mjs`
// (run here when dist/cli is missing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  alive,
  callEvents,
  CLI,
  expectedRecord as expected,
  journalOf,
  lockPid as lockPidOf,
  prng,
  processPool,
  ROOT,
  waitFor,
  type CallSpec,
  type ExportRecord,
  type Run,
} from '../fixtures/cli-processes';

let dataDir: string;
const pool = processPool();

function env(): NodeJS.ProcessEnv {
  return { ...process.env, CALLPOP_DATA_DIR: dataDir, CALLPOP_NO_OPEN: '1' };
}

const start = (args: string[]): Run => pool.start(process.execPath, [CLI, ...args], { env: env() });

/** Runs the CLI to completion (a forward, export, ...). */
const runToEnd = (args: string[]) =>
  pool.runToEnd(process.execPath, [CLI, ...args], { env: env() });

const lockPid = (): number => lockPidOf(dataDir)!;

async function exportJson(): Promise<ExportRecord[]> {
  const r = await runToEnd(['export', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ExportRecord[];
}

const NUMBERS = [
  '0612345678',
  '+4930123456',
  '0031 20 123 4567',
  '+32 2 555 12 34',
  '020-7946 0958',
  '101',
];

function makeCalls(): CallSpec[] {
  return Array.from({ length: 20 }, (_, i) => {
    const direction = i % 3 === 2 ? 'outbound' : 'inbound';
    return {
      id: `Call${1000 + i}Ab`,
      direction,
      answered: i % 4 !== 1,
      raw: direction === 'inbound' ? NUMBERS[i % NUMBERS.length]! : null,
    };
  });
}

/** The argv lists the Assistant would start for a call, mangled the way Windows Chromium does. */
function argvsFor(call: CallSpec, rnd: () => number): string[][] {
  const events = callEvents(call);
  // One event of each call keeps its original spelling, so the id's capitals survive.
  const keep = Math.floor(rnd() * events.length);
  const out: string[][] = [];
  events.forEach((ev, k) => {
    let argv = [...ev];
    if (k !== keep) {
      if (rnd() < 0.4) argv = argv.map((a) => a.toLowerCase());
      if (rnd() < 0.5) argv.sort(() => rnd() - 0.5);
      if (rnd() < 0.4)
        argv.unshift(
          '--allow-file-access-from-files',
          `--original-process-start-time=${13_300_000_000_000_000 + k}`,
        );
    }
    out.push(argv);
    // The Assistant sometimes starts the executable twice for the same event.
    if (rnd() < 0.15) out.push([...ev]);
  });
  return out;
}

beforeAll(() => {
  if (!existsSync(CLI))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  dataDir = mkdtempSync(join(tmpdir(), 'cp-cli-'));
}, 120_000);

afterAll(async () => {
  await pool.killAll();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('callpop as the 3CX Assistant starts it', () => {
  const calls = makeCalls();
  let primary: Run;

  it('20 calls, every event its own process, all at once and shuffled: exactly the right journal', async () => {
    const rnd = prng(20261122);
    const argvs = calls.flatMap((c) => argvsFor(c, rnd));
    argvs.sort(() => rnd() - 0.5);
    expect(argvs.length).toBeGreaterThanOrEqual(50);

    const runs = argvs.map((argv) => start(argv));
    // Every process but one (the primary, which keeps running) exits 0 after its ack.
    const exits = runs.map((r) => r.exit.then((code) => ({ r, code })));
    const finished: Array<{ r: Run; code: number | null }> = [];
    for (const e of exits) void e.then((x) => finished.push(x));
    await waitFor('all forwarders to exit', () => finished.length >= runs.length - 1, 60_000);
    await new Promise((r) => setTimeout(r, 300)); // a second primary would have shown by now
    expect(finished.length, 'exactly one process keeps running').toBe(runs.length - 1);
    for (const f of finished) expect(f.code, `${f.r.stderr}`).toBe(0);

    const running = runs.filter((r) => r.child.exitCode === null);
    expect(running).toHaveLength(1);
    primary = running[0]!;
    expect(lockPid()).toBe(primary.pid);
    await waitFor('the primary to report its URL', () =>
      primary.stdout.includes('CallPop is running at'),
    );
    expect(primary.stdout).toMatch(
      /CallPop is running at http:\/\/127\.0\.0\.1:\d+\/ \(your access link: .*open-callpop\.html\)/,
    );
    expect(primary.stdout).not.toMatch(/token=|[0-9a-f]{64}/);

    const records = await exportJson();
    expect(journalOf(records)).toEqual(journalOf(calls.map(expected)));
  }, 90_000);

  it('bad argv exits cleanly, is logged, and the primary keeps running', async () => {
    const badType = await runToEnd(['/N:X', '/C:0612345678', '/T:I', '/I:bad1']);
    expect(badType.code).toBe(0);
    expect(badType.stderr).toMatch(/ignored: Unknown 3CX notification type/);
    const noId = await runToEnd(['/N:S', '/C:0612345678', '/T:I']);
    expect(noId.code).toBe(0);
    expect(noId.stderr).toMatch(/no call id/);
    const usage = await runToEnd(['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown command "frobnicate"/);

    const log = readFileSync(join(dataDir, 'logs', 'callpop.log'), 'utf8');
    expect(log).toMatch(/Unknown 3CX notification type \/N:X/);
    expect(log).toMatch(/has no call id/);
    expect(alive(primary.pid)).toBe(true);

    const good = await runToEnd(['/N:S', '/C:+31201234567', '/T:I', '/I:after-bad']);
    expect(good.code).toBe(0);
    expect((await exportJson()).map((r) => r.id)).toContain('after-bad');
    expect((await exportJson()).map((r) => r.id)).not.toContain('bad1');
  }, 60_000);

  it('`serve` while running says where CallPop runs instead of starting a second one', async () => {
    const r = await runToEnd(['serve', '--no-open']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/already running at http:\/\/127\.0\.0\.1:\d+\/ \(your access link: /);
    expect(r.stdout).not.toMatch(/token=|[0-9a-f]{64}/);
    expect(alive(primary.pid)).toBe(true);
    expect(lockPid()).toBe(primary.pid);
  }, 30_000);

  it('after SIGKILL of the primary (stale socket and lock) the next start recovers', async () => {
    primary.child.kill('SIGKILL');
    await primary.exit;
    expect(existsSync(join(dataDir, 'callpop.sock'))).toBe(true); // left behind by the crash
    expect(alive(lockPid())).toBe(false);

    // Several starts at once after the crash: one recovers and becomes the primary.
    const runs = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) =>
      start(['/N:S', `/C:06123456${s === 'a' ? '00' : '01'}`, '/T:I', `/I:after-crash-${s}`]),
    );
    const finished: Run[] = [];
    for (const r of runs) void r.exit.then(() => finished.push(r));
    await waitFor(
      'the forwarders after the crash',
      () => finished.length >= runs.length - 1,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    const running = runs.filter((r) => r.child.exitCode === null);
    expect(running).toHaveLength(1);
    primary = running[0]!;
    expect(lockPid()).toBe(primary.pid);
    await waitFor('the new primary', () => primary.stdout.includes('CallPop is running at'));

    const ids = (await exportJson()).map((r) => r.id);
    for (const s of ['a', 'b', 'c', 'd', 'e', 'f']) expect(ids).toContain(`after-crash-${s}`);
    expect(ids).toContain('Call1000Ab'); // the journal from before the crash is intact
    expect(ids).toHaveLength(20 + 1 + 6);
  }, 60_000);

  it('SIGTERM stops the primary cleanly: socket and lock are gone', async () => {
    primary.child.kill('SIGTERM');
    expect(await primary.exit).toBe(0);
    expect(existsSync(join(dataDir, 'callpop.sock'))).toBe(false);
    expect(existsSync(join(dataDir, 'callpop.lock'))).toBe(false);
  }, 30_000);
});
