// A stand-in Core for the shell tests: the real core has its own tests; here only the wiring
// matters. dispatch() validates with the shared contract exactly as the real core does.
import { vi } from 'vitest';
import type { InvokeFn, PushArgs, Result } from '../../shared/ipc';
import { validateRequest } from '../../shared/ipc/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings-schema';
import type { ArgvOutcome, Core, PushListener } from '../../electron/core/core-types';
import { parseArgv } from '../../shared/crm-args';

export interface FakeCore extends Core {
  listeners: Set<PushListener>;
  emit(...args: PushArgs): void;
  setSettings(patch: (s: Settings) => Settings): void;
  locked: string[];
  handleArgv: Core['handleArgv'] & ReturnType<typeof vi.fn>;
  dispatch: Core['dispatch'] & ReturnType<typeof vi.fn>;
}

export function createFakeCore(initial: Settings = structuredClone(DEFAULT_SETTINGS)): FakeCore {
  let settings = initial;
  const listeners = new Set<PushListener>();
  const core: FakeCore = {
    listeners,
    locked: [],
    emit(...args) {
      for (const l of listeners) l(...args);
    },
    setSettings(fn) {
      settings = fn(settings);
      core.emit('settings.changed', { settings, problems: [], locked: core.locked });
    },
    handleArgv: vi.fn(async (argv: readonly string[]): Promise<ArgvOutcome> => {
      const inv = parseArgv(argv);
      if (inv.kind === 'call-notification')
        return { kind: 'call', callId: inv.notification.callId };
      if (inv.kind === 'dial-request') return { kind: 'dial', number: inv.number };
      if (inv.kind === 'open') return { kind: 'open' };
      return { kind: 'rejected', message: inv.message };
    }),
    dispatch: vi.fn(async (channel: string, payload: unknown): Promise<Result<unknown>> => {
      const v = validateRequest(channel, payload);
      if (!v.ok) return { ok: false, error: v.error };
      switch (v.channel) {
        case 'settings.get':
          return { ok: true, value: { settings, problems: [], locked: core.locked } };
        case 'settings.save': {
          const patch = (v.value as { patch: { popup?: Partial<Settings['popup']> } }).patch;
          core.setSettings((s) => ({ ...s, popup: { ...s.popup, ...(patch.popup ?? {}) } }));
          return { ok: true, value: { settings, problems: [], locked: core.locked } };
        }
        case 'outbox.summary':
          return {
            ok: true,
            value: { pending: 1, failed: 0, waitingSettings: 0, failedItems: [] },
          };
        default:
          return { ok: true, value: null };
      }
    }),
    invoke: ((channel, request) => core.dispatch(channel, request)) as InvokeFn,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settings: () => settings,
    close: vi.fn(async () => undefined),
  } as FakeCore;
  return core;
}
