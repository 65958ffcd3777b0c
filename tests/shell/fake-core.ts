// A stand-in Core for the shell tests: the real core has its own tests; here only the wiring
// matters. invoke() validates with the shared contract exactly as the real core does.
import { vi } from 'vitest';
import {
  validateRequest,
  type PushEvent,
  type PushEvents,
  type Result,
} from '../../shared/ipc-contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings-schema';
import type { ArgvOutcome, Core, PushListener } from '../../electron/core/core-types';
import { parseArgv } from '../../shared/crm-args';

export interface FakeCore extends Core {
  listeners: Set<PushListener>;
  emit<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
  setSettings(patch: (s: Settings) => Settings): void;
  locked: string[];
  handleArgv: Core['handleArgv'] & ReturnType<typeof vi.fn>;
  invoke: Core['invoke'] & ReturnType<typeof vi.fn>;
}

export function createFakeCore(initial: Settings = structuredClone(DEFAULT_SETTINGS)): FakeCore {
  let settings = initial;
  const listeners = new Set<PushListener>();
  const core: FakeCore = {
    listeners,
    locked: [],
    emit(event, payload) {
      for (const l of listeners) l(event, payload);
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
    invoke: vi.fn(async (channel: string, payload: unknown): Promise<Result<never>> => {
      const v = validateRequest(channel, payload);
      if (!v.ok) return { ok: false, error: v.error };
      switch (v.channel) {
        case 'settings.get':
          return { ok: true, value: { settings, problems: [], locked: core.locked } as never };
        case 'settings.save': {
          const patch = (v.value as { patch: { popup?: Partial<Settings['popup']> } }).patch;
          core.setSettings((s) => ({ ...s, popup: { ...s.popup, ...(patch.popup ?? {}) } }));
          return { ok: true, value: { settings, problems: [], locked: core.locked } as never };
        }
        case 'outbox.summary':
          return {
            ok: true,
            value: { pending: 1, failed: 0, waitingSettings: 0, failedItems: [] } as never,
          };
        default:
          return { ok: true, value: null as never };
      }
    }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settings: () => settings,
    close: vi.fn(async () => undefined),
  } as FakeCore;
  return core;
}
