// @vitest-environment node
// The native trampoline as the 3CX Assistant starts it: the built dist/bin/callpop-notify as
// real processes, against real CallPop processes (browser mode) and real local sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointFor, socketPathFor, type ForwardRequest } from '../../electron/host/forward';
import { listenLocal, type LocalServer } from '../../electron/host/local-socket';
import {
  callEvents,
  CLI,
  expectedRecord,
  journalOf,
  lockPid as primaryPid,
  prng,
  processPool,
  ROOT,
  waitFor,
  type CallSpec,
  type ExportRecord,
} from '../fixtures/cli-processes';
import { HARD_ARGUMENTS } from '../fixtures/hard-arguments';

const NOTIFY = join(ROOT, 'dist', 'bin', 'callpop-notify');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const dirs: string[] = [];
const pool = processPool();
const closers: Array<() => Promise<void> | void> = [];

function tempDir(prefix = 'cp-tramp-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

const run = (file: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT) =>
  pool.runToEnd(file, args, { env, cwd });

function envFor(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, CALLPOP_DATA_DIR: dataDir, CALLPOP_NO_OPEN: '1', ...extra };
}

const notify = (dataDir: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
  run(NOTIFY, args, envFor(dataDir, extra));

function exportJson(dataDir: string): ExportRecord[] {
  const out = execFileSync(process.execPath, [CLI, 'export', '--format', 'json'], {
    env: envFor(dataDir),
    encoding: 'utf8',
  });
  return JSON.parse(out) as ExportRecord[];
}

// The primary a trampoline started is detached, so not our child: primaryPid reads the lock.
function stopDetachedPrimary(dataDir: string): void {
  const pid = primaryPid(dataDir);
  if (pid === null) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // gone already
  }
}

async function startServe(dataDir: string): Promise<ChildProcess> {
  const serve = pool.start(process.execPath, [CLI, 'serve', '--no-open', '--port', '0'], {
    env: envFor(dataDir),
  });
  await waitFor('callpop serve', () =>
    (serve.stdout + serve.stderr).includes('CallPop is running at'),
  );
  return serve.child;
}

/** A test endpoint that records what arrives and acknowledges like CallPop. */
async function recordingEndpoint(dataDir: string): Promise<ForwardRequest[]> {
  const got: ForwardRequest[] = [];
  const server: LocalServer = await listenLocal(socketPathFor(dataDir), async (req) => {
    got.push(req);
    return { ok: true, outcome: { kind: 'call', callId: 'x' } };
  });
  closers.push(() => server.close());
  return got;
}

beforeAll(() => {
  if (!existsSync(CLI) || !existsSync(NOTIFY))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
}, 300_000);

afterAll(async () => {
  for (const c of closers) await c();
  await pool.killAll();
  for (const d of dirs) {
    stopDetachedPrimary(d);
  }
  await new Promise((r) => setTimeout(r, 300));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('callpop-notify, the native trampoline', () => {
  it('20 calls, every S/C/E its own trampoline, all at once and shuffled: exactly the right journal', async () => {
    const dataDir = tempDir();
    const serve = await startServe(dataDir);
    const numbers = ['0612345678', '+4930123456', '0031 20 123 4567', '+32 2 555 12 34', '101'];
    const calls = Array.from({ length: 20 }, (_, i): CallSpec => ({
      id: `Tramp${2000 + i}Cd`,
      direction: i % 3 === 2 ? 'outbound' : 'inbound',
      answered: i % 4 !== 1,
      raw: i % 3 === 2 ? null : numbers[i % numbers.length]!,
    }));
    const rnd = prng(20261201);
    const argvs = calls.flatMap((c) =>
      callEvents(c).map((ev) => (rnd() < 0.5 ? [...ev].sort(() => rnd() - 0.5) : ev)),
    );
    argvs.sort(() => rnd() - 0.5);

    const results = await Promise.all(argvs.map((argv) => notify(dataDir, argv)));
    for (const r of results) expect(r.code, r.stderr).toBe(0);

    expect(journalOf(exportJson(dataDir))).toEqual(journalOf(calls.map(expectedRecord)));
    expect(existsSync(join(dataDir, 'logs', 'notify.log'))).toBe(false);
    serve.kill('SIGTERM');
  }, 120_000);

  it('hands over a 32 KB argument, Unicode, quotes, backslashes and spaces unchanged', async () => {
    const dataDir = tempDir();
    const got = await recordingEndpoint(dataDir);
    const argv = [
      '/N:S',
      '/C:+31 6 1234 5678',
      `/X:${'x'.repeat(32 * 1024)}`,
      ...HARD_ARGUMENTS,
      '/I:Uni-1',
    ];
    const cwd = tempDir();
    const r = await run(NOTIFY, argv, envFor(dataDir), cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(got).toEqual([{ argv, cwd }]);
  });

  it('a 32 KB argument reaches the real CallPop as a call, not a lost event', async () => {
    const dataDir = tempDir();
    const serve = await startServe(dataDir);
    const r = await notify(dataDir, [
      '/N:S',
      '/C:0612345678',
      '/T:I',
      '/I:Big-1',
      'y'.repeat(33_000),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(exportJson(dataDir).map((c) => c.id)).toEqual(['Big-1']);
    serve.kill('SIGTERM');
  });

  it('starts CallPop with the same arguments when none runs', async () => {
    const dataDir = tempDir();
    const first = await notify(dataDir, ['/N:S', '/C:0201234567', '/T:I', '/I:Cold-1']);
    expect(first.code, first.stderr).toBe(0);
    // The started CallPop (detached: not our child) takes the lock and journals the call.
    await waitFor('the started CallPop to journal the call', () => {
      try {
        return exportJson(dataDir).some((c) => c.id === 'Cold-1');
      } catch {
        return false;
      }
    });
    const pid = primaryPid(dataDir);
    expect(pid).not.toBeNull();
    // Now it is running: the next events are handed over to it.
    await waitFor('its endpoint', () => existsSync(join(dataDir, 'callpop.sock')));
    for (const ev of [['/N:C'], ['/N:E']]) {
      const r = await notify(dataDir, [...ev, '/T:I', '/I:Cold-1']);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(exportJson(dataDir)).toMatchObject([
      { id: 'Cold-1', state: 'ended', outcome: 'answered', number: '0201234567' },
    ]);
    expect(primaryPid(dataDir)).toBe(pid);
    stopDetachedPrimary(dataDir);
  }, 60_000);

  it('recovers a socket left behind by a crashed CallPop', async () => {
    const dataDir = tempDir();
    const serve = await startServe(dataDir);
    serve.kill('SIGKILL');
    await new Promise((r) => serve.once('exit', r));
    expect(existsSync(join(dataDir, 'callpop.sock'))).toBe(true);
    const r = await notify(dataDir, ['/N:S', '/C:0612345678', '/T:I', '/I:After-crash']);
    expect(r.code, r.stderr).toBe(0);
    await waitFor('the new CallPop to journal the call', () => {
      try {
        return exportJson(dataDir).some((c) => c.id === 'After-crash');
      } catch {
        return false;
      }
    });
    stopDetachedPrimary(dataDir);
  }, 60_000);

  it('does not trust a data directory others may write to; the CallPop it starts closes it', async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o777);
    let connections = 0;
    const planted = createServer((c) => {
      connections++;
      c.destroy();
    });
    await new Promise<void>((r) => planted.listen(socketPathFor(dataDir), r));
    closers.push(() => new Promise<void>((r) => planted.close(() => r())));
    const r = await notify(dataDir, ['/N:S', '/C:0612345678', '/T:I', '/I:Open-dir']);
    expect(r.code, r.stderr).toBe(0);
    await waitFor('the started CallPop to journal the call', () => {
      try {
        return exportJson(dataDir).some((c) => c.id === 'Open-dir');
      } catch {
        return false;
      }
    });
    expect(connections).toBe(0);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    stopDetachedPrimary(dataDir);
  }, 60_000);

  it('never hangs: a listener that never answers makes it give up, exit 1 and log one line', async () => {
    const dataDir = tempDir();
    const received: string[] = [];
    const mute: Server = createServer((c) => c.on('data', (d) => received.push(String(d))));
    await new Promise<void>((r) => mute.listen(socketPathFor(dataDir), r));
    closers.push(() => new Promise<void>((r) => mute.close(() => r())));
    const r = await notify(dataDir, ['/N:S', '/C:0612345678', '/T:I', '/I:Mute-1']);
    expect(r.code).toBe(1);
    expect(received.join('')).toContain('/I:Mute-1'); // it was sent, never acknowledged
    const log = readFileSync(join(dataDir, 'logs', 'notify.log'), 'utf8')
      .trim()
      .split('\n');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/did not confirm the event/);
    expect(log[0]).toContain('"/I:Mute-1"');
    expect(statSync(join(dataDir, 'logs', 'notify.log')).mode & 0o777).toBe(0o600);
  }, 30_000);

  it('a data directory that does not exist yet still gets the line when CallPop cannot start', async () => {
    const dataDir = join(tempDir(), 'not', 'made', 'yet');
    const r = await notify(dataDir, ['/N:S', '/I:Nowhere-1'], {
      CALLPOP_NODE: join(tempDir(), 'no-such-node'),
    });
    expect(r.code).toBe(1);
    const log = readFileSync(join(dataDir, 'logs', 'notify.log'), 'utf8')
      .trim()
      .split('\n');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/no CallPop runs and starting one failed/);
    expect(log[0]).toContain('["/N:S","/I:Nowhere-1"]');
    for (const d of [join(dataDir, '..'), dataDir, join(dataDir, 'logs')])
      expect(statSync(d).mode & 0o777).toBe(0o700);
  }, 30_000);

  it.runIf(isRoot)(
    'never talks to a socket another user put in place of the endpoint, and CallPop replaces it',
    async () => {
      const dataDir = tempDir();
      let connections = 0;
      const squatter = createServer((c) => {
        connections++;
        c.destroy();
      });
      await new Promise<void>((r) => squatter.listen(socketPathFor(dataDir), r));
      closers.push(() => new Promise<void>((r) => squatter.close(() => r())));
      chownSync(socketPathFor(dataDir), NOBODY, NOBODY);

      const r = await notify(dataDir, ['/N:S', '/C:0612345678', '/T:I', '/I:Squat-1']);
      expect(r.code, r.stderr).toBe(0);
      await waitFor('CallPop to take the endpoint back and journal the call', () => {
        try {
          return exportJson(dataDir).some((c) => c.id === 'Squat-1');
        } catch {
          return false;
        }
      });
      expect(statSync(socketPathFor(dataDir)).uid).toBe(0);
      expect(connections).toBe(0);
      stopDetachedPrimary(dataDir);
    },
    60_000,
  );

  it.runIf(isRoot)(
    'refuses an endpoint directory that belongs to another user: nothing is sent',
    async () => {
      // A data directory path too long for a Unix socket puts the endpoint in the runtime dir.
      const dataDir = join(tempDir(), 'd'.repeat(110));
      mkdirSync(dataDir, { mode: 0o700 });
      const runtime = tempDir('cp-xdg-');
      chownSync(runtime, NOBODY, NOBODY);
      chmodSync(runtime, 0o700);
      const ep = endpointFor(dataDir, { xdgRuntimeDir: runtime });
      expect(ep.dir).toBe(runtime);
      const r = await notify(dataDir, ['/N:S', '/C:0612345678', '/T:I', '/I:Foreign-1'], {
        XDG_RUNTIME_DIR: runtime,
      });
      expect(r.code).toBe(2);
      const log = readFileSync(join(dataDir, 'logs', 'notify.log'), 'utf8');
      expect(log).toMatch(/belongs to another user/);
      expect(log).toContain('"/I:Foreign-1"');
      // The Node command line refuses it too, with the reason.
      const cli = await run(process.execPath, [CLI, '/N:S', '/I:Foreign-2'], {
        ...envFor(dataDir),
        XDG_RUNTIME_DIR: runtime,
      });
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(/belongs to another user/);
    },
    60_000,
  );
});
