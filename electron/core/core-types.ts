// The shapes the composition root (createCore) and its callers share. The Electron shell,
// browser mode and the tests all wire a core from these; none of it imports Electron.
import { spawn, type SpawnOptions, type ChildProcess } from 'node:child_process';
import type { InvokeFn, NoticeLevel, PushListener, Result } from '../../shared/ipc';
import type { Settings } from '../../shared/settings-schema';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export type SpawnFn = (
  command: string,
  args: readonly string[],
  options?: SpawnOptions,
) => ChildProcess;

/** node's spawn behind our one signature (its overloads do not assign to a single type). */
export const nodeSpawn: SpawnFn = (command, args, options) =>
  spawn(command, [...args], options ?? {});

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Timers must never keep a CLI process alive on their own.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Where an argv came from; only used for the log. */
export type ArgvSource = 'startup' | 'second-instance' | 'socket';

export type ArgvOutcome =
  | { kind: 'call'; callId: string }
  | { kind: 'dial'; number: string }
  | { kind: 'open' }
  | { kind: 'rejected'; message: string };

export type { PushListener };

export interface Core {
  /**
   * Handles one process's argv (3CX notification, tel: URL, or nothing). Never throws.
   * `receivedAt`: when the local endpoint read it (epoch ms), the latency budget's first mark.
   */
  handleArgv(
    argv: readonly string[],
    source: ArgvSource,
    receivedAt?: number,
  ): Promise<ArgvOutcome>;
  /** Tells the agent something (a launch the endpoint refused, ...). */
  notice(level: NoticeLevel, message: string): void;
  /** One request off the wire (any channel name, any payload), validated here; transports
   *  only check the sender. Never throws. */
  dispatch(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** The same, typed by channel, for main's own callers (tray, diagnostics). */
  invoke: InvokeFn;
  /** Keys of the calls with a card open, oldest first. The call router owns this list. */
  openCards(): string[];
  /** Main → renderer pushes; returns an unsubscribe function. */
  subscribe(listener: PushListener): () => void;
  settings(): Settings;
  close(): Promise<void>;
}
