// A small stand-in for createCore's result: records what the transports hand it.
import type {
  ArgvOutcome,
  ArgvSource,
  Core,
  PushListener,
} from '../../../electron/core/core-types';
import type { InvokeFn, PushArgs } from '../../../shared/ipc';
import { validateRequest } from '../../../shared/ipc/schemas';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';

export interface FakeCore extends Core {
  argvs: Array<{ argv: readonly string[]; source: ArgvSource }>;
  invokes: Array<{ channel: string; payload: unknown }>;
  push(...args: PushArgs): void;
  listenerCount(): number;
  /** Makes dispatch() throw (a transport must survive it). */
  failInvoke: boolean;
}

export function createFakeCore(): FakeCore {
  const listeners = new Set<PushListener>();
  const core: FakeCore = {
    argvs: [],
    invokes: [],
    failInvoke: false,
    async handleArgv(argv, source): Promise<ArgvOutcome> {
      core.argvs.push({ argv, source });
      if (argv.some((a) => a.toUpperCase() === '/N:X'))
        return { kind: 'rejected', message: 'bad /N:' };
      const id = argv.find((a) => /^\/i:/i.test(a));
      return id ? { kind: 'call', callId: id.slice(3) } : { kind: 'open' };
    },
    async dispatch(channel, payload) {
      core.invokes.push({ channel, payload });
      if (core.failInvoke) throw new Error('boom');
      const checked = validateRequest(channel, payload);
      if (!checked.ok) return { ok: false, error: checked.error };
      return { ok: true, value: null };
    },
    invoke: ((channel, request) => core.dispatch(channel, request)) as InvokeFn,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push(...args) {
      for (const l of listeners) l(...args);
    },
    listenerCount: () => listeners.size,
    settings: () => DEFAULT_SETTINGS,
    async close() {},
  };
  return core;
}

export const silentLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
