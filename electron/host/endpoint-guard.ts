// The primary's side of a safe local endpoint (Unix): before it listens, the directory that
// holds the socket must be the user's and closed to everyone else, so no other local user can
// put a socket there, swap it, or read who calls. Plus how a refused argv is shown in the log.
import { chmodSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { scrub } from '../../shared/scrub';
import { SOCKET_FILE } from './forward';

/** How much of a refused argv goes into the log and the notice. */
export const ARGV_PREVIEW_CHARS = 300;

/** What the agent reads when a launch could not be handed over. */
export function refusalNotice(refusal: { reason: string; argv: string }): string {
  return `A 3CX start was refused (${refusal.reason}): ${refusal.argv}`;
}

/** The argv as JSON, secrets scrubbed first, then cut to a readable length. */
export function shortenArgv(argv: readonly string[], max = ARGV_PREVIEW_CHARS): string {
  const text = scrub(JSON.stringify(argv));
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * Makes the socket's directory ready and safe, or throws saying why not: a runtime directory
 * (`$XDG_RUNTIME_DIR`, `<tmp>/callpop-<uid>`) is created 0700 and must be a real directory of
 * this user with no access for others; the data directory must be this user's and is closed
 * to others (0700). A socket file there that is not ours is removed (the caller holds the lock).
 */
export function prepareEndpointDir(socketPath: string): void {
  const dir = dirname(socketPath);
  const runtimeDir = basename(socketPath) !== SOCKET_FILE;
  const uid = process.geteuid?.() ?? process.getuid?.();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory()) {
    throw new Error(`the endpoint directory ${dir} is not a directory (a link?): refusing it`);
  }
  if (uid !== undefined && st.uid !== uid) {
    throw new Error(
      `the endpoint directory ${dir} belongs to another user (uid ${st.uid}): refusing it`,
    );
  }
  if ((st.mode & (runtimeDir ? 0o077 : 0o022)) !== 0) chmodSync(dir, 0o700);
  let sock;
  try {
    sock = lstatSync(socketPath);
  } catch {
    return;
  }
  if (!sock.isSocket() || (uid !== undefined && sock.uid !== uid)) {
    rmSync(socketPath, { force: true });
  }
}
