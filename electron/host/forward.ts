// The forwarding half of single instance: what every 3CX launch runs. It must start nearly as
// fast as a bare `node -e 0`, so it imports only node built-ins and does no work that is not
// needed to hand an argv to the running CallPop and wait for its acknowledgement.
import { connect, type Socket } from 'node:net';
import { lstatSync } from 'node:fs';
import { basename, dirname, posix, win32 } from 'node:path';
import { tmpdir } from 'node:os';

/** What a forwarder sends: one JSON object per line. */
export interface ForwardRequest {
  argv: string[];
  cwd: string;
}

/** The primary's answer, written only after the event is journaled. */
export type ForwardReply =
  | { ok: true; outcome: unknown; url?: string }
  | { ok: false; error: string; key?: LocalReplyProblem };

/** A reply this forwarder could not read (never sent by a primary): printed translated. */
export type LocalReplyProblem = 'unreadableReply' | 'oversizedReply';

export const SOCKET_FILE = 'callpop.sock';
/** A Unix socket path longer than this does not fit sun_path on every platform (104 on macOS). */
const MAX_UNIX_SOCKET_PATH = 100;
/**
 * The longest request line the endpoint accepts: Windows allows a 32,767-character command
 * line, and JSON may escape one character as six (`\u0001`), UTF-8 takes up to three bytes.
 */
export const MAX_LINE_BYTES = 1024 * 1024;
/** The longest reply line a forwarder reads. */
export const MAX_REPLY_BYTES = 64 * 1024;

/** FNV-1a over the UTF-16 code units, twice with different seeds: 16 hex digits, no crypto. */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 0x3c6ef372) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export interface EndpointEnv {
  platform?: NodeJS.Platform;
  tmpDir?: string;
  xdgRuntimeDir?: string;
  uid?: number;
}

/** Where the endpoint is, and the directory that must belong to the user for it to be trusted. */
export interface Endpoint {
  path: string;
  /** null on Windows (a named pipe). */
  dir: string | null;
  /** The runtime directory (not the data directory): it must be exactly 0700. */
  privateDir: boolean;
}

/**
 * Where the CallPop for `dataDir` listens; the native trampoline (native/src/notify-core.c)
 * computes the same. Windows: a named pipe named after the data directory (pipes vanish with
 * their process, so they never go stale). Elsewhere `<dataDir>/callpop.sock`; when that path is
 * too long for a Unix socket, `callpop-<hash>.sock` in `$XDG_RUNTIME_DIR`, else in a per-user
 * `<tmp>/callpop-<uid>` directory that must be 0700 and the user's: never a predictable name
 * directly in the shared temp directory, where another user could create it first.
 */
export function endpointFor(dataDir: string, env: EndpointEnv = {}): Endpoint {
  const platform = env.platform ?? process.platform;
  if (platform === 'win32') {
    // Windows paths are case-insensitive; only A-Z are lowered so C can do the same.
    const abs = win32.resolve(dataDir).replace(/[A-Z]/g, (c) => c.toLowerCase());
    return { path: `\\\\.\\pipe\\callpop-${hashText(abs)}`, dir: null, privateDir: false };
  }
  const abs = posix.resolve(dataDir);
  const inDir = posix.join(abs, SOCKET_FILE);
  if (Buffer.byteLength(inDir) <= MAX_UNIX_SOCKET_PATH) {
    return { path: inDir, dir: abs, privateDir: false };
  }
  const xdg = env.xdgRuntimeDir ?? process.env.XDG_RUNTIME_DIR;
  const uid = env.uid ?? process.getuid?.() ?? 0;
  const dir =
    xdg && xdg.startsWith('/') ? xdg : posix.join(env.tmpDir ?? tmpdir(), `callpop-${uid}`);
  return { path: posix.join(dir, `callpop-${hashText(abs)}.sock`), dir, privateDir: true };
}

export function socketPathFor(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
  tmpDir?: string,
): string {
  return endpointFor(dataDir, { platform, tmpDir }).path;
}

/**
 * Whether a Unix endpoint may be talked to: its directory is the user's and nobody else can
 * write to it (so nobody else can put a socket there), and the socket file is the user's.
 * Node cannot read SO_PEERCRED, so ownership of the file and its directory is the check; the
 * native trampoline checks the peer's uid too. 'foreign' is returned for a directory that is
 * not ours: then nothing can be trusted nor recovered. 'untrusted' for a socket file that is
 * not ours in our own directory (or one in a data directory others may write to): CallPop
 * removes it, closes the directory and listens there itself.
 */
export function endpointTrust(
  socketPath: string,
  platform: NodeJS.Platform = process.platform,
): 'ok' | 'missing' | 'untrusted' | { foreign: string } {
  if (platform === 'win32') return 'ok';
  const uid = process.geteuid?.() ?? process.getuid?.();
  const dir = dirname(socketPath);
  // A runtime directory holds nothing but sockets: it must be exactly 0700.
  const privateDir = basename(socketPath) !== SOCKET_FILE;
  let dirStat;
  try {
    dirStat = lstatSync(dir);
  } catch {
    return 'missing';
  }
  if (!dirStat.isDirectory()) return { foreign: `${dir} is not a directory (or is a link)` };
  if (uid !== undefined && dirStat.uid !== uid)
    return { foreign: `${dir} belongs to another user (uid ${dirStat.uid})` };
  if (privateDir && (dirStat.mode & 0o077) !== 0)
    return { foreign: `others may use ${dir} (mode ${(dirStat.mode & 0o777).toString(8)})` };
  // Our data directory, but others may write to it: nothing in it is trusted until CallPop
  // has closed it (it does when it listens).
  if ((dirStat.mode & 0o022) !== 0) return 'untrusted';
  let sock;
  try {
    sock = lstatSync(socketPath);
  } catch {
    return 'missing';
  }
  if (!sock.isSocket() || (uid !== undefined && sock.uid !== uid)) return 'untrusted';
  return 'ok';
}

export type ConnectResult = { socket: Socket } | { error: string };

/**
 * Connects to the primary; resolves with the error code (ENOENT, ECONNREFUSED, ...) if none.
 * A socket file that is not the user's is never connected to: 'EUNTRUSTED' (CallPop may replace
 * it), or 'EFOREIGN: ...' when its directory is not the user's.
 */
export function connectLocal(path: string, timeoutMs = 2000): Promise<ConnectResult> {
  const trust = endpointTrust(path);
  if (trust === 'missing') return Promise.resolve({ error: 'ENOENT' });
  if (trust === 'untrusted') return Promise.resolve({ error: 'EUNTRUSTED' });
  if (trust !== 'ok') return Promise.resolve({ error: `EFOREIGN: ${trust.foreign}` });
  return new Promise((done) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      done({ error: 'ETIMEDOUT' });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      done({ socket });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      done({ error: err.code ?? err.message });
    });
  });
}

/**
 * Sends one request over a connected socket and waits for the reply line. Resolves with null
 * when the primary closed the connection without answering (it died; the caller may retry).
 */
export function exchange(
  socket: Socket,
  request: ForwardRequest,
  timeoutMs = 10_000,
): Promise<ForwardReply | null | 'timeout'> {
  return new Promise((done) => {
    let buffer = '';
    let settled = false;
    const finish = (value: ForwardReply | null | 'timeout'): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      done(value);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl >= 0) {
        try {
          finish(JSON.parse(buffer.slice(0, nl)) as ForwardReply);
        } catch {
          finish({ ok: false, error: 'unreadable reply from CallPop', key: 'unreadableReply' });
        }
      } else if (buffer.length > MAX_REPLY_BYTES) {
        finish({ ok: false, error: 'oversized reply from CallPop', key: 'oversizedReply' });
      }
    });
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(null));
    socket.write(JSON.stringify(request) + '\n');
  });
}
