// Single instance over a real Unix socket in a temp directory: the lock, stale recovery, races.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquire,
  breakStaleLock,
  listenLocal,
  lockPathFor,
  parseForwardRequest,
  pidAlive,
  type Acquired,
  type LocalServer,
  type Refusal,
} from '../../../electron/host/local-socket';
import {
  exchange,
  MAX_LINE_BYTES,
  socketPathFor,
  type ForwardReply,
} from '../../../electron/host/forward';

const dirs: string[] = [];
const servers: LocalServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cp-sock-'));
  dirs.push(d);
  return d;
}

/** A pid that certainly belongs to no running process. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

/** Leaves a socket file behind exactly like a crash: a process listens, then is SIGKILLed. */
async function crashLeavingSocket(path: string): Promise<number> {
  const child = spawn(process.execPath, [
    '-e',
    `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`,
  ]);
  await new Promise<void>((r) => child.stdout.once('data', () => r()));
  const pid = child.pid!;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return pid;
}

const echoHandler = async (req: { argv: string[] }): Promise<ForwardReply> => ({
  ok: true,
  outcome: { kind: 'echo', argv: req.argv },
});

async function becomePrimaryAndListen(dataDir: string, got: Acquired): Promise<LocalServer> {
  if (got.role !== 'primary') throw new Error('expected primary');
  const server = await listenLocal(socketPathFor(dataDir), echoHandler);
  servers.push(server);
  return server;
}

describe('acquire', () => {
  it('makes the first starter the primary and writes a lock with its pid', async () => {
    const dir = tempDir();
    const got = await acquire({ dataDir: dir });
    expect(got.role).toBe('primary');
    const lock = JSON.parse(readFileSync(lockPathFor(dir), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    if (got.role === 'primary') {
      got.lock.release();
      got.lock.release(); // idempotent
    }
    expect(existsSync(lockPathFor(dir))).toBe(false);
  });

  it('forwards once a primary listens', async () => {
    const dir = tempDir();
    await becomePrimaryAndListen(dir, await acquire({ dataDir: dir }));
    const second = await acquire({ dataDir: dir });
    expect(second.role).toBe('forward');
    if (second.role === 'forward') {
      expect(await exchange(second.socket, { argv: ['/N:S'], cwd: '/' })).toEqual({
        ok: true,
        outcome: { kind: 'echo', argv: ['/N:S'] },
      });
    }
  });

  it('recovers a stale socket and lock left by a SIGKILLed primary', async () => {
    const dir = tempDir();
    const sock = socketPathFor(dir);
    const pid = await crashLeavingSocket(sock);
    writeFileSync(lockPathFor(dir), JSON.stringify({ pid, nonce: 'old', at: Date.now() - 1000 }));
    expect(existsSync(sock)).toBe(true);
    expect(pidAlive(pid)).toBe(false);

    const got = await acquire({ dataDir: dir, timeoutMs: 3000 });
    expect(got.role).toBe('primary');
    expect(existsSync(sock)).toBe(false); // the stale file was removed, ready to listen
    await becomePrimaryAndListen(dir, got);
    expect((await acquire({ dataDir: dir })).role).toBe('forward');
  });

  it('recovers a stale socket without any lock file', async () => {
    const dir = tempDir();
    await crashLeavingSocket(socketPathFor(dir));
    const got = await acquire({ dataDir: dir, timeoutMs: 3000 });
    expect(got.role).toBe('primary');
  });

  it('waits for a live primary that is still starting, then forwards', async () => {
    const dir = tempDir();
    const first = await acquire({ dataDir: dir });
    expect(first.role).toBe('primary');
    const second = acquire({ dataDir: dir, timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 300)); // the primary opens its database...
    await becomePrimaryAndListen(dir, first);
    expect((await second).role).toBe('forward');
  });

  it('gives up after its timeout when a live lock holder never listens', async () => {
    const dir = tempDir();
    const first = await acquire({ dataDir: dir });
    expect(first.role).toBe('primary');
    await expect(acquire({ dataDir: dir, timeoutMs: 300 })).rejects.toThrow(/could not reach/);
  });

  it('breaks an old lock of a live pid when nothing listens (pid reused after a crash)', async () => {
    const dir = tempDir();
    // pid 1 is alive, but it is not CallPop: the lock is 10 minutes old and nobody listens.
    writeFileSync(
      lockPathFor(dir),
      JSON.stringify({ pid: 1, nonce: 'reused', at: Date.now() - 600_000 }),
    );
    const got = await acquire({ dataDir: dir, timeoutMs: 2000 });
    expect(got.role).toBe('primary');
  });

  it('breaks a half-written (unreadable) lock only once it is old', async () => {
    const dir = tempDir();
    writeFileSync(lockPathFor(dir), '');
    await expect(acquire({ dataDir: dir, timeoutMs: 200 })).rejects.toThrow();
    const old = new Date(Date.now() - 60_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(lockPathFor(dir), old, old);
    expect((await acquire({ dataDir: dir, timeoutMs: 2000 })).role).toBe('primary');
  });

  it('30 concurrent starters: exactly one primary, everybody else forwards', async () => {
    const dir = tempDir();
    const results = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const got = await acquire({ dataDir: dir, timeoutMs: 10_000 });
        if (got.role === 'primary') {
          await becomePrimaryAndListen(dir, got);
          return 'primary';
        }
        const reply = await exchange(got.socket, { argv: [`/I:${i}`], cwd: '/' });
        return reply && reply !== 'timeout' && reply.ok ? 'forwarded' : 'lost';
      }),
    );
    expect(results.filter((r) => r === 'primary')).toHaveLength(1);
    expect(results.filter((r) => r === 'forwarded')).toHaveLength(29);
  });

  it('30 concurrent starters after a crash: still exactly one primary', async () => {
    const dir = tempDir();
    const pid = await crashLeavingSocket(socketPathFor(dir));
    writeFileSync(
      lockPathFor(dir),
      JSON.stringify({ pid, nonce: 'crashed', at: Date.now() - 5000 }),
    );
    const results = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const got = await acquire({ dataDir: dir, timeoutMs: 10_000 });
        if (got.role === 'primary') {
          await becomePrimaryAndListen(dir, got);
          return 'primary';
        }
        got.socket.destroy();
        return 'forward';
      }),
    );
    expect(results.filter((r) => r === 'primary')).toHaveLength(1);
  });
});

describe('breakStaleLock', () => {
  it('never deletes a fresh lock that replaced the stale one it was judged on', () => {
    const dir = tempDir();
    const path = lockPathFor(dir);
    const stale = { pid: deadPid(), nonce: 'stale', at: 1 };
    writeFileSync(path, JSON.stringify(stale));
    breakStaleLock(path, stale, Date.now()); // the first breaker removes it
    expect(existsSync(path)).toBe(false);
    const fresh = { pid: process.pid, nonce: 'fresh', at: Date.now() };
    writeFileSync(path, JSON.stringify(fresh)); // ...and a new primary takes the lock
    breakStaleLock(path, stale, Date.now()); // a late breaker with the old judgement
    expect(JSON.parse(readFileSync(path, 'utf8')).nonce).toBe('fresh');
  });

  it('leaves the lock alone while another breaker works, and clears a dead breaker', () => {
    const dir = tempDir();
    const path = lockPathFor(dir);
    const stale = { pid: deadPid(), nonce: 'stale', at: 1 };
    writeFileSync(path, JSON.stringify(stale));
    writeFileSync(path + '.break', '{}');
    breakStaleLock(path, stale, Date.now());
    expect(existsSync(path)).toBe(true);
    const mtime = statSync(path + '.break').mtimeMs;
    breakStaleLock(path, stale, mtime + 10_000);
    expect(existsSync(path + '.break')).toBe(false);
  });
});

describe('listenLocal', () => {
  async function roundTrip(path: string, raw: string): Promise<string> {
    return new Promise((resolve) => {
      const c = createConnection(path);
      let got = '';
      c.on('data', (d) => (got += d.toString()));
      c.on('close', () => resolve(got));
      c.on('error', () => resolve(got));
      c.write(raw);
    });
  }

  it('answers malformed requests with an error and keeps serving', async () => {
    const dir = tempDir();
    const path = socketPathFor(dir);
    servers.push(await listenLocal(path, echoHandler));
    expect(JSON.parse(await roundTrip(path, 'not json\n'))).toMatchObject({ ok: false });
    expect(JSON.parse(await roundTrip(path, '{"argv":[1,2]}\n'))).toMatchObject({ ok: false });
    expect(JSON.parse(await roundTrip(path, '{"argv":["/N:S"],"cwd":"/"}\n'))).toMatchObject({
      ok: true,
    });
  });

  it('refuses an oversized request with a reason and survives a handler that throws', async () => {
    const dir = tempDir();
    const path = socketPathFor(dir);
    const refusals: Refusal[] = [];
    const logged: string[] = [];
    servers.push(
      await listenLocal(
        path,
        async (req) => {
          if (req.argv[0] === 'throw') throw new Error('handler broke');
          return { ok: true, outcome: null };
        },
        (_level, message) => logged.push(message),
        process.platform,
        (r) => refusals.push(r),
      ),
    );
    const huge = JSON.stringify({ argv: ['/N:S', '/I:huge', 'x'.repeat(MAX_LINE_BYTES)] });
    expect(JSON.parse(await roundTrip(path, huge + '\n'))).toMatchObject({ ok: false });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.reason).toMatch(/longer than/);
    // The agent and the log see which call it was, shortened.
    expect(refusals[0]!.argv).toContain('/I:huge');
    expect(refusals[0]!.argv.length).toBeLessThan(400);
    expect(logged.join('\n')).toContain('/I:huge');
    expect(JSON.parse(await roundTrip(path, '{"argv":["throw"]}\n'))).toEqual({
      ok: false,
      error: 'handler broke',
    });
    expect(JSON.parse(await roundTrip(path, '{"argv":["ok"]}\n'))).toEqual({
      ok: true,
      outcome: null,
    });
  });

  it('closes after the requests in flight are answered and removes the socket file', async () => {
    const dir = tempDir();
    const path = socketPathFor(dir);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const server = await listenLocal(path, async () => {
      await gate;
      return { ok: true, outcome: 'late' };
    });
    const pending = roundTrip(path, '{"argv":[]}\n');
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close();
    release();
    await closed;
    expect(JSON.parse(await pending)).toEqual({ ok: true, outcome: 'late' });
    expect(existsSync(path)).toBe(false);
  });

  it('validates forwarded requests', () => {
    expect(parseForwardRequest('{"argv":["a"],"cwd":"/x"}')).toEqual({ argv: ['a'], cwd: '/x' });
    expect(parseForwardRequest('{"argv":["a"]}')).toEqual({ argv: ['a'], cwd: '' });
    expect(parseForwardRequest('[]')).toBe('argv must be an array of strings');
    expect(parseForwardRequest('null')).toBe('not an object');
    expect(parseForwardRequest(JSON.stringify({ argv: Array(17_000).fill('a') }))).toMatch(
      /arguments/,
    );
  });

  it('takes a 32,767-character argument and thousands of arguments', () => {
    const long = 'ä"\\ '.repeat(8192);
    expect(parseForwardRequest(JSON.stringify({ argv: [long] }))).toEqual({
      argv: [long],
      cwd: '',
    });
    const many = Array(16_000).fill('a');
    expect(parseForwardRequest(JSON.stringify({ argv: many }))).toEqual({ argv: many, cwd: '' });
  });

  it('refuses a malformed request with its argv in the refusal', async () => {
    const dir = tempDir();
    const path = socketPathFor(dir);
    const refusals: Refusal[] = [];
    servers.push(
      await listenLocal(path, echoHandler, undefined, process.platform, (r) => refusals.push(r)),
    );
    await roundTrip(path, '{"argv":["/N:S","/I:77",5]}\n');
    expect(refusals).toEqual([
      {
        reason: 'malformed request: argv must be an array of strings',
        argv: '["/N:S","/I:77","5"]',
      },
    ]);
  });
});
