// The one stand-in Core for tests of what sits around the core (Electron shell, IPC bridge,
// web server): the real core has its own tests; here only the wiring matters. dispatch()
// validates with the shared contract exactly as the real core does, and the fake keeps the
// open cards the way the call router does, from the pushes it emits.
import { vi } from 'vitest';
import type { InvokeFn, MainRoute, PushArgs, Result } from '../shared/ipc';
import { validateRequest } from '../shared/ipc/schemas';
import { callKey } from '../shared/call-tracker';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings-schema';
import type { ArgvOutcome, Core, PushListener } from '../electron/core/core-types';
import { parseArgv } from '../shared/crm-args';

export interface FakeCore extends Core {
  listeners: Set<PushListener>;
  /** Plays a push from the core to every listener. */
  emit(...args: PushArgs): void;
  setSettings(patch: (s: Settings) => Settings): void;
  locked: string[];
  /** What missed.get answers (missed calls not looked at yet). */
  missedCount: number;
  handleArgv: Core['handleArgv'] & ReturnType<typeof vi.fn>;
  dispatch: Core['dispatch'] & ReturnType<typeof vi.fn>;
}

export function createFakeCore(initial: Settings = structuredClone(DEFAULT_SETTINGS)): FakeCore {
  let settings = initial;
  const listeners = new Set<PushListener>();
  const cards = new Set<string>();
  const core: FakeCore = {
    listeners,
    locked: [],
    missedCount: 0,
    emit(...args) {
      if (args[0] === 'popup.show') cards.add(args[1].key);
      if (args[0] === 'popup.hide') cards.delete(callKey(args[1].callId));
      for (const l of listeners) l(...args);
    },
    setSettings(fn) {
      settings = fn(settings);
      core.emit('settings.changed', { settings, problems: [], locked: core.locked });
    },
    notice: vi.fn(),
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
        case 'latency.report':
          return {
            ok: true,
            value: {
              summary: {
                events: 3,
                steps: [{ from: 'received', to: 'applied', count: 3, p50: 0.4, p95: 0.9 }],
                inApp: { count: 3, p50: 6.5, p95: 9.25, budgetMs: 16 },
              },
              recent: [],
            },
          };
        case 'outbox.summary':
          return {
            ok: true,
            value: { pending: 1, failed: 0, waitingSettings: 0, failedItems: [] },
          };
        case 'sources.status':
          return { ok: true, value: [] };
        case 'main.show':
          // As the real core does: the push is what shows the main window.
          core.emit('main.show', v.value as MainRoute);
          return { ok: true, value: null };
        case 'missed.get':
          return { ok: true, value: { count: core.missedCount, seenAt: 0 } };
        default:
          return { ok: true, value: null };
      }
    }),
    invoke: ((channel, request) => core.dispatch(channel, request)) as InvokeFn,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openCards: () => [...cards],
    settings: () => settings,
    close: vi.fn(async () => undefined),
  } as FakeCore;
  return core;
}

export const silentLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
