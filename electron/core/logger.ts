// One log sink for the whole main process: a size-rotated file in <dataDir>/logs (0700, its
// files 0600). Every line is scrubbed of secrets first, then its control characters are
// escaped (one event is one line: an argv, a call id or a server answer with a newline or an
// ESC sequence can neither forge a line nor colour a terminal), then it is capped in length.
// Synchronous appends keep the order of lines across a crash, and the volume (a few lines per
// call) makes that cheap.
import { appendFileSync, mkdirSync, renameSync, statSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, LogLevel } from './core-types';
import { MIN_SECRET_CHARS, scrub } from '../../shared/scrub';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, refuseSpecialFile } from './private-files';

export interface FileLogger extends Logger {
  /**
   * Values to scrub from every line from now on (tokens, API keys). Each group (settings,
   * browser token, …) replaces only its own earlier values.
   */
  setSecrets(values: readonly string[], group?: string): void;
  /** The last error and warning lines, newest last, for "Copy diagnostics". */
  recentProblems(): string[];
  readonly file: string | null;
}

export interface LoggerOptions {
  /** Omit for a logger that only echoes (tests, the forwarder). */
  dataDir?: string;
  consoleEcho?: boolean;
  maxBytes?: number;
  keepFiles?: number;
  now?: () => number;
}

export const LOG_DIR = 'logs';
export const LOG_FILE = 'callpop.log';
/** A longer line (a 2 MB argv) is cut: the log is for reading, not a copy of the input. */
export const MAX_LINE_CHARS = 8000;

/**
 * C0 and C1 control characters, DEL and the Unicode line/paragraph separators, written as
 * `\n`, `\r`, `\t` or `\xNN`/`\uNNNN`, so a value can never start a new line or a terminal
 * sequence. A backslash stays as it is: the escapes are for reading, not for parsing back.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function createLogger(options: LoggerOptions = {}): FileLogger {
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const keep = options.keepFiles ?? 3;
  const now = options.now ?? Date.now;
  let secrets: readonly string[] = [];
  const secretGroups = new Map<string, readonly string[]>();
  const problems: string[] = [];
  let file: string | null = null;
  if (options.dataDir) {
    const dir = join(options.dataDir, LOG_DIR);
    try {
      mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      file = join(dir, LOG_FILE);
      // A FIFO in place of the log would block every append (and so every call) forever.
      // (Modes of an existing wider directory are tightened, and logged, by the core.)
      refuseSpecialFile(file, 'the log file');
    } catch {
      file = null; // an unwritable data dir must not stop calls from popping
    }
  }

  function rotate(path: string): void {
    try {
      if (!existsSync(path) || statSync(path).size < maxBytes) return;
      rmSync(`${path}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--) {
        if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      }
      renameSync(path, `${path}.1`);
      // the renamed files keep their (private) mode; the new one is created 0600 on append
    } catch {
      // rotation is best effort
    }
  }

  function write(level: LogLevel, message: string, meta?: Record<string, unknown>): void {
    let metaText = '';
    if (meta && Object.keys(meta).length > 0) {
      try {
        metaText = ' ' + JSON.stringify(meta);
      } catch {
        metaText = ' [unserialisable meta]';
      }
    }
    let line = escapeControls(
      scrub(
        `${new Date(now()).toISOString()} ${level.toUpperCase()} ${message}${metaText}`,
        secrets,
      ),
    );
    if (line.length > MAX_LINE_CHARS) {
      const more = line.length - MAX_LINE_CHARS;
      line = `${scrub(line.slice(0, MAX_LINE_CHARS), secrets)}… (${more} more characters)`;
    }
    if (level === 'warn' || level === 'error') {
      problems.push(line);
      if (problems.length > 20) problems.shift();
    }
    if (options.consoleEcho)
      (level === 'error' || level === 'warn' ? console.error : console.log)(line);
    if (file) {
      rotate(file);
      try {
        appendFileSync(file, line + '\n', { mode: PRIVATE_FILE_MODE });
      } catch {
        // keep running without a log file
      }
    }
  }

  return {
    debug: (m, meta) => write('debug', m, meta),
    info: (m, meta) => write('info', m, meta),
    warn: (m, meta) => write('warn', m, meta),
    error: (m, meta) => write('error', m, meta),
    setSecrets(values, group = 'default') {
      secretGroups.set(
        group,
        values.filter((v) => typeof v === 'string' && v.length >= MIN_SECRET_CHARS),
      );
      secrets = [...secretGroups.values()].flat();
    },
    recentProblems: () => [...problems],
    get file() {
      return file;
    },
  };
}
