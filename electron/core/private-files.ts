// The data directory holds both secrets (settings.json), every call (callpop.sqlite) and the
// browser token, so it is the user's alone: the directory 0700, every file CallPop writes
// there 0600, also when an older version or an admin's copy left them wider (tightened, and
// the log says so). On Windows modes mean little: the directory lives in the user's profile
// (%APPDATA%) and inherits its ACL; diagnostics check that (see windows-acl.ts).
//
// Also here: reading a file that must be a regular file. A FIFO in place of settings.json
// blocks a plain read forever; a device or a socket is no settings file either. Such a file is
// refused at once with a message that says what it is.
import {
  chmodSync,
  closeSync,
  constants,
  fsyncSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { dirname, join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The files CallPop writes directly in the data directory (and the log directory). */
export const PRIVATE_FILES = [
  'settings.json',
  'callpop.sqlite',
  'callpop.sqlite-wal',
  'callpop.sqlite-shm',
  'browser-token',
  'callpop.lock',
  'popup-positions.json',
] as const;

const isWindows = (platform: NodeJS.Platform) => platform === 'win32';

/** What a non-regular file is, in words an agent or IT can act on. */
export function fileKind(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
  /** The message is written for the agent (see public-error.ts). */
  readonly expose = true;
  constructor(
    readonly path: string,
    readonly kind: string,
    label: string,
  ) {
    super(`${label} (${path}) is ${kind}, not a regular file; remove or replace it`);
  }
}

/**
 * Throws NotRegularFileError when `path` exists and (after following links) is not a regular
 * file. A missing file is fine: CallPop creates it.
 */
export function refuseSpecialFile(path: string, label: string): void {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (!st.isFile()) throw new NotRegularFileError(path, fileKind(st), label);
}

/**
 * Reads a UTF-8 file that must be a regular file; undefined when it does not exist. Opens
 * without blocking (a FIFO with no writer would block a plain open), then checks what was
 * opened, so a file swapped in between the check and the read is caught too.
 */
export function readRegularFile(path: string, label: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(path, fileKind(st), label);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Sets `mode` when the path exists with more permissions than that. Returns the old mode when
 * it changed something, else null. A no-op on Windows (ACLs, not modes).
 */
export function tightenMode(
  path: string,
  mode: number,
  platform: NodeJS.Platform = process.platform,
): number | null {
  if (isWindows(platform)) return null;
  let st: Stats;
  try {
    // lstat: never chmod the target of a link someone placed here.
    st = lstatSync(path);
  } catch {
    return null;
  }
  if (st.isSymbolicLink()) return null;
  const current = st.mode & 0o777;
  if ((current & ~mode) === 0) return null;
  chmodSync(path, current & mode);
  return current;
}

const octal = (m: number) => `0${(m & 0o777).toString(8)}`;

/**
 * Creates the data directory 0700, or tightens an existing one and the files CallPop keeps in
 * it; each change is reported through `log` ("was 0755, now 0700").
 */
export function securePrivateDir(
  dir: string,
  log: (message: string) => void,
  platform: NodeJS.Platform = process.platform,
): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (isWindows(platform)) return;
  const say = (path: string, was: number | null, now: number) => {
    if (was !== null)
      log(`${path} was readable by others (mode ${octal(was)}); now ${octal(was & now)}`);
  };
  say(dir, tightenMode(dir, PRIVATE_DIR_MODE, platform), PRIVATE_DIR_MODE);
  for (const name of PRIVATE_FILES) {
    const path = join(dir, name);
    say(path, tightenMode(path, PRIVATE_FILE_MODE, platform), PRIVATE_FILE_MODE);
  }
  const logs = join(dir, 'logs');
  say(logs, tightenMode(logs, PRIVATE_DIR_MODE, platform), PRIVATE_DIR_MODE);
  let logFiles: string[] = [];
  try {
    logFiles = readdirSync(logs);
  } catch {
    // no logs yet
  }
  for (const name of logFiles) {
    const path = join(logs, name);
    say(path, tightenMode(path, PRIVATE_FILE_MODE, platform), PRIVATE_FILE_MODE);
  }
}

/** Writes a private (0600) file: a temp file, fsync, rename, so no reader sees half of it. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: PRIVATE_FILE_MODE });
  // A temp file left by a crash keeps its old mode through writeFileSync: set it.
  chmodSync(tmp, PRIVATE_FILE_MODE);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
