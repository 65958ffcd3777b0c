// Single instance for browser mode: the same semantics as Electron's requestSingleInstanceLock,
// over a local socket (a named pipe on Windows, `<dataDir>/callpop.sock` elsewhere).
//
// Who is the primary is decided by a lock file `<dataDir>/callpop.lock`, created atomically
// (link of a fully written temp file, so nobody ever reads a half-written lock) and held for
// the primary's whole life. The socket alone is not enough on Unix: a crash leaves the socket
// file behind, and two starters that both unlink it and listen would both think they are the
// primary. The rules:
//   1. connect works                      → forward.
//   2. nobody listens; create the lock    → re-check connect (forward if someone answers),
//                                           else remove the stale socket file and listen.
//   3. the lock exists and its owner lives → a primary is starting: wait a little, go to 1.
//   4. the lock's owner is dead (or it is old and nothing listens) → break it, go to 1.
// Breaking is guarded by a second, short-lived lock and re-reads the lock's nonce, so two
// starters that both saw the same stale lock cannot delete each other's fresh one.
import { createServer, type Server, type Socket } from 'node:net';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  closeSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readRegularFile } from '../core/private-files';
import {
  connectLocal,
  socketPathFor,
  MAX_LINE_BYTES,
  type ForwardReply,
  type ForwardRequest,
} from './forward';
import { prepareEndpointDir, shortenArgv } from './endpoint-guard';
import { epochNow } from '../core/latency';
import { CliError } from './cli-error';

export const LOCK_FILE = 'callpop.lock';
const BREAKER_SUFFIX = '.break';

export interface LockInfo {
  pid: number;
  /** Random per lock: identifies this very lock when someone wants to break it. */
  nonce: string;
  /** When the lock was taken (ms since epoch). */
  at: number;
}

export interface PrimaryLock {
  readonly path: string;
  readonly info: LockInfo;
  /** Removes the lock if it is still ours. Idempotent. */
  release(): void;
}

export type Acquired = { role: 'forward'; socket: Socket } | { role: 'primary'; lock: PrimaryLock };

export interface AcquireOptions {
  dataDir: string;
  socketPath?: string;
  /** Give up (throw) when neither forwarding nor becoming primary worked by then. */
  timeoutMs?: number;
  /** A lock older than this whose socket refuses connections is stale even if its pid lives
   * (the pid was reused after a crash). A real primary listens within a second or two. */
  staleAfterMs?: number;
  pollMs?: number;
  isAlive?: (pid: number) => boolean;
  now?: () => number;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

export function lockPathFor(dataDir: string): string {
  return join(dataDir, LOCK_FILE);
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.nonce === 'string' && typeof v.at === 'number') {
      return { pid: v.pid, nonce: v.nonce, at: v.at };
    }
  } catch {
    // fall through
  }
  return null;
}

type ReadLock =
  | { kind: 'none' }
  | { kind: 'lock'; info: LockInfo }
  /** Exists but cannot be parsed: written by the `wx` fallback right now, or garbage. */
  | { kind: 'unreadable'; ageMs: number };

function readLock(path: string, now: number): ReadLock {
  let text: string | undefined;
  try {
    // Not a plain read: a FIFO in place of the lock would block every start for ever.
    text = readRegularFile(path, 'the lock file');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTREGULAR')
      return { kind: 'unreadable', ageMs: Number.POSITIVE_INFINITY };
    throw err;
  }
  if (text === undefined) return { kind: 'none' };
  const info = parseLock(text);
  if (info) return { kind: 'lock', info };
  try {
    return { kind: 'unreadable', ageMs: now - statSync(path).mtimeMs };
  } catch {
    return { kind: 'none' };
  }
}

/** Creates `path` with `content` atomically; false when it already exists. */
function createExclusive(path: string, content: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: exclusive create, then write (readers tolerate the
    // short moment in which the file is empty).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV') {
      let fd: number;
      try {
        fd = openSync(path, 'wx', 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
      return true;
    }
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function tryTakeLock(path: string, now: number): PrimaryLock | null {
  const info: LockInfo = { pid: process.pid, nonce: randomBytes(12).toString('hex'), at: now };
  if (!createExclusive(path, JSON.stringify(info))) return null;
  let released = false;
  return {
    path,
    info,
    release() {
      if (released) return;
      released = true;
      try {
        const current = parseLock(readFileSync(path, 'utf8'));
        if (current?.nonce === info.nonce) rmSync(path, { force: true });
      } catch {
        // already gone
      }
    },
  };
}

/**
 * Removes the lock only if it is still the one we judged stale (same nonce), under a short
 * breaker lock so two breakers cannot interleave read and delete.
 */
export function breakStaleLock(path: string, stale: LockInfo | null, now: number): void {
  const breaker = path + BREAKER_SUFFIX;
  const mine = JSON.stringify({ pid: process.pid, at: now });
  if (!createExclusive(breaker, mine)) {
    // Another starter is breaking it right now; a breaker lives for microseconds, so an old
    // one belongs to a process that died in between.
    try {
      if (now - statSync(breaker).mtimeMs > 5000) rmSync(breaker, { force: true });
    } catch {
      // gone already
    }
    return;
  }
  try {
    const current = readLock(path, now);
    if (
      stale === null
        ? current.kind === 'unreadable'
        : current.kind === 'lock' && current.info.nonce === stale.nonce
    ) {
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(breaker, { force: true });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Decides this process's role for `dataDir`: forwarder (with a connected socket) or primary
 * (holding the lock; the socket path is free to listen on). Throws after `timeoutMs`.
 */
export async function acquire(options: AcquireOptions): Promise<Acquired> {
  const now = options.now ?? Date.now;
  const platform = options.platform ?? process.platform;
  const socketPath = options.socketPath ?? socketPathFor(options.dataDir, platform);
  const lockPath = lockPathFor(options.dataDir);
  const isAlive = options.isAlive ?? pidAlive;
  const staleAfter = options.staleAfterMs ?? 30_000;
  const pollMs = options.pollMs ?? 40;
  const log = options.log ?? (() => undefined);
  const deadline = now() + (options.timeoutMs ?? 10_000);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

  for (;;) {
    const first = await connectLocal(socketPath, 2000);
    if ('socket' in first) return { role: 'forward', socket: first.socket };
    if (first.error.startsWith('EFOREIGN')) {
      throw new CliError('forward.refusingEndpoint', {
        path: socketPath,
        reason: first.error.slice(10),
      });
    }
    // ENOENT / ECONNREFUSED: nobody listens. EUNTRUSTED: a socket file that is not the user's
    // (squatted, or left by something else): never talked to, replaced by the primary.
    // EAGAIN / ETIMEDOUT: a busy primary's backlog is full; no reason to think it is gone.
    const nobodyListens =
      first.error === 'ENOENT' || first.error === 'ECONNREFUSED' || first.error === 'EUNTRUSTED';

    const lock = tryTakeLock(lockPath, now());
    if (lock) {
      const again = await connectLocal(socketPath, 2000);
      if ('socket' in again) {
        // A primary whose lock was broken by mistake still answers: it stays the primary.
        lock.release();
        return { role: 'forward', socket: again.socket };
      }
      if (platform !== 'win32') rmSync(socketPath, { force: true });
      log(`became primary (pid ${process.pid})`);
      return { role: 'primary', lock };
    }

    const held = readLock(lockPath, now());
    if (held.kind === 'lock') {
      const age = now() - held.info.at;
      if (held.info.pid !== process.pid && !isAlive(held.info.pid)) {
        log(`breaking the lock of dead pid ${held.info.pid}`);
        breakStaleLock(lockPath, held.info, now());
        continue;
      }
      if (nobodyListens && age > staleAfter) {
        log(
          `breaking a ${Math.round(age / 1000)} s old lock of pid ${held.info.pid}: nothing listens`,
        );
        breakStaleLock(lockPath, held.info, now());
        continue;
      }
    } else if (held.kind === 'unreadable' && held.ageMs > 5000) {
      breakStaleLock(lockPath, null, now());
      continue;
    } else if (held.kind === 'none') {
      continue; // released between our attempt and the read: try again at once
    }

    if (now() > deadline) {
      throw new CliError('forward.unreachable', { code: first.error, lock: lockPath });
    }
    await sleep(pollMs + Math.floor(Math.random() * pollMs));
  }
}

export interface LocalServer {
  readonly path: string;
  /** Stops accepting, waits for requests in flight, removes the socket file. */
  close(): Promise<void>;
}

/** `receivedAt`: when the whole request line was read (epoch ms, the latency budget's clock). */
export type ForwardHandler = (request: ForwardRequest, receivedAt: number) => Promise<ForwardReply>;

/** A request the endpoint could not take: logged with its shortened argv, shown as a notice. */
export interface Refusal {
  reason: string;
  /** The argv (or the raw start of the line when it is not readable), scrubbed and shortened. */
  argv: string;
}

/** As many arguments as a 32,767-character Windows command line can hold. */
const MAX_ARGS = 16_384;

export function parseForwardRequest(line: string): ForwardRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not an object';
  const { argv, cwd } = value as { argv?: unknown; cwd?: unknown };
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
    return 'argv must be an array of strings';
  }
  if (argv.length > MAX_ARGS) return `more than ${MAX_ARGS} arguments`;
  return { argv: argv as string[], cwd: typeof cwd === 'string' ? cwd : '' };
}

function argvOfRefused(line: string): string {
  try {
    const v = JSON.parse(line) as { argv?: unknown };
    if (Array.isArray(v.argv)) return shortenArgv(v.argv.map(String));
  } catch {
    // not JSON: show the start of the line itself
  }
  return shortenArgv([line]);
}

/**
 * Listens on the socket path; each connection sends one request line and gets one reply.
 * `onRefused` hears of every request that never reached the handler (the host shows a notice).
 */
export function listenLocal(
  path: string,
  handler: ForwardHandler,
  log: (level: 'warn' | 'error', message: string) => void = () => undefined,
  platform: NodeJS.Platform = process.platform,
  onRefused: (refusal: Refusal) => void = () => undefined,
): Promise<LocalServer> {
  const refuse = (refusal: Refusal): void => {
    log('warn', `local socket: refused a request (${refusal.reason}); argv ${refusal.argv}`);
    try {
      onRefused(refusal);
    } catch {
      // a failing notice must not take the endpoint down
    }
  };
  const inFlight = new Set<Promise<unknown>>();
  /** Connections that have not sent their request line yet (closed at once on shutdown). */
  const idle = new Set<Socket>();

  const server: Server = createServer((conn) => {
    idle.add(conn);
    conn.setEncoding('utf8');
    conn.setTimeout(60_000, () => conn.destroy());
    let buffer = '';
    let handled = false;
    conn.on('error', () => undefined);
    conn.on('close', () => idle.delete(conn));
    conn.on('data', (chunk: string) => {
      if (handled) return;
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if ((nl < 0 ? buffer.length : nl) > MAX_LINE_BYTES) {
        handled = true;
        idle.delete(conn);
        const reason = `malformed request: longer than ${MAX_LINE_BYTES} characters`;
        refuse({ reason, argv: argvOfRefused(buffer.slice(0, 2000)) });
        conn.end(JSON.stringify({ ok: false, error: reason }) + '\n');
        return;
      }
      if (nl < 0) return;
      handled = true;
      idle.delete(conn);
      const receivedAt = epochNow();
      const line = buffer.slice(0, nl);
      const request = parseForwardRequest(line);
      const work = (async (): Promise<void> => {
        let reply: ForwardReply;
        if (typeof request === 'string') {
          refuse({ reason: `malformed request: ${request}`, argv: argvOfRefused(line) });
          reply = { ok: false, error: `malformed request: ${request}` };
        } else {
          try {
            reply = await handler(request, receivedAt);
          } catch (err) {
            log('error', `local socket: handler failed: ${(err as Error).message}`);
            reply = { ok: false, error: (err as Error).message };
          }
        }
        if (!conn.destroyed) conn.end(JSON.stringify(reply) + '\n');
      })();
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    });
  });

  if (platform !== 'win32') prepareEndpointDir(path);
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      server.on('error', (err) => log('error', `local socket: ${err.message}`));
      if (platform !== 'win32') {
        try {
          chmodSync(path, 0o600);
        } catch {
          // the data directory is private anyway
        }
      }
      resolvePromise({
        path,
        async close() {
          await new Promise<void>((r) => {
            server.close(() => r());
            // Connections that never sent a line must not hold the close up.
            for (const c of idle) c.destroy();
          });
          await Promise.allSettled([...inFlight]);
          if (platform !== 'win32') rmSync(path, { force: true });
        },
      });
    });
  });
}
