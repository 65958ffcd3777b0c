// The forwarding half of single instance: what every 3CX launch runs. It must start nearly as
// fast as a bare `node -e 0`, so it imports only node:net and node:path and does no work that
// is not needed to hand an argv to the running CallPop and wait for its acknowledgement.
import { connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

/** What a forwarder sends: one JSON object per line. */
export interface ForwardRequest {
  argv: string[];
  cwd: string;
}

/** The primary's answer, written only after the event is journaled. */
export type ForwardReply =
  { ok: true; outcome: unknown; url?: string } | { ok: false; error: string };

export const SOCKET_FILE = 'callpop.sock';
/** A Unix socket path longer than this does not fit sun_path on every platform (104 on macOS). */
const MAX_UNIX_SOCKET_PATH = 100;
/** The longest line either side accepts; an argv is a few hundred bytes. */
export const MAX_LINE_BYTES = 64 * 1024;

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

/**
 * Where the primary for `dataDir` listens: a named pipe on Windows (pipes vanish with their
 * process, so they never go stale), else `<dataDir>/callpop.sock`, or a socket in the temp
 * directory named after the data dir when that path would be too long for a Unix socket.
 */
export function socketPathFor(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
  tmpDir = tmpdir(),
): string {
  const abs = resolve(dataDir);
  if (platform === 'win32') return `\\\\.\\pipe\\callpop-${hashText(abs.toLowerCase())}`;
  const inDir = join(abs, SOCKET_FILE);
  if (Buffer.byteLength(inDir) <= MAX_UNIX_SOCKET_PATH) return inDir;
  return join(tmpDir, `callpop-${hashText(abs)}.sock`);
}

export type ConnectResult = { socket: Socket } | { error: string };

/** Connects to the primary; resolves with the error code (ENOENT, ECONNREFUSED, ...) if none. */
export function connectLocal(path: string, timeoutMs = 2000): Promise<ConnectResult> {
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
          finish({ ok: false, error: 'unreadable reply from CallPop' });
        }
      } else if (buffer.length > MAX_LINE_BYTES) {
        finish({ ok: false, error: 'oversized reply from CallPop' });
      }
    });
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(null));
    socket.write(JSON.stringify(request) + '\n');
  });
}
