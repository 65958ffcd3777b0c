// One log sink for the whole main process: a size-rotated file in <dataDir>/logs, every line
// passed through redact() first. Synchronous appends keep the order of lines across a crash,
// and the volume (a few lines per call) makes that cheap.
import { appendFileSync, mkdirSync, renameSync, statSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, LogLevel } from './core-types';
import { redact } from './redact';

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
      mkdirSync(dir, { recursive: true });
      file = join(dir, LOG_FILE);
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
    const line = redact(
      `${new Date(now()).toISOString()} ${level.toUpperCase()} ${message}${metaText}`,
      secrets,
    );
    if (level === 'warn' || level === 'error') {
      problems.push(line);
      if (problems.length > 20) problems.shift();
    }
    if (options.consoleEcho)
      (level === 'error' || level === 'warn' ? console.error : console.log)(line);
    if (file) {
      rotate(file);
      try {
        appendFileSync(file, line + '\n');
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
        values.filter((v) => typeof v === 'string' && v.length >= 4),
      );
      secrets = [...secretGroups.values()].flat();
    },
    recentProblems: () => [...problems],
    get file() {
      return file;
    },
  };
}
