// An in-memory CallPop main process for renderer tests: the real createApi over a fake
// invoke, so the tests also exercise the contract's channel names. Every API method is a spy,
// `emit` plays a push from main, and `handle` replaces one channel's behaviour.
import { vi, type Mock } from 'vitest';
import {
  createApi,
  type CallPopApi,
  type CallView,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponses,
  type IpcErrorCode,
  type OutboxSummary,
  type PushEvent,
  type PushEvents,
  type Result,
  type SettingsView,
  type SourceStatus,
} from '../../../shared/ipc';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { callKey } from '../../../shared/call-tracker';

type Handler<C extends InvokeChannel> = (
  req: InvokeRequest<C>,
) => Result<InvokeResponses[C]> | Promise<Result<InvokeResponses[C]>>;

export type SpiedApi = { [K in keyof CallPopApi]: Mock<CallPopApi[K]> };

export interface FakeApi {
  api: SpiedApi;
  calls: Map<string, CallView>;
  popups: CallView[];
  outbox: OutboxSummary;
  sources: SourceStatus[];
  settings: SettingsView;
  emit<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): void;
  listenerCount(event: PushEvent): number;
}

let seq = 0;

/** A call as main would send it; `number` defaults to a Dutch mobile. */
export function makeCall(overrides: Partial<CallView> = {}): CallView {
  const id = overrides.id ?? `call-${++seq}`;
  const number = overrides.number === undefined ? '0612345678' : overrides.number;
  return {
    key: callKey(id),
    id,
    direction: 'inbound',
    number,
    withheld: false,
    state: 'ringing',
    startedAt: Date.UTC(2025, 2, 14, 9, 30),
    answeredAt: null,
    endedAt: null,
    outcome: null,
    seen: { S: true, C: false, E: false },
    phone:
      number === null
        ? null
        : {
            display: '06 12345678',
            e164: '+31612345678',
            country: 'NL',
            city: null,
            lineType: 'mobile',
          },
    wrapUp: null,
    crm: { state: 'off' },
    deliveries: [],
    ...overrides,
    caller: overrides.caller ?? null,
  };
}

export function createFakeApi(init: { calls?: CallView[]; popups?: CallView[] } = {}): FakeApi {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls = new Map((init.calls ?? []).map((c) => [c.key, c]));
  const fake = {
    calls,
    popups: init.popups ?? [],
    outbox: { pending: 0, failed: 0, waitingSettings: 0, failedItems: [] } as OutboxSummary,
    sources: [] as SourceStatus[],
    settings: { settings: DEFAULT_SETTINGS, problems: [], locked: [] } as SettingsView,
  };
  const ok = <T>(value: T): Result<T> => ({ ok: true, value });
  const fail = (code: IpcErrorCode, message: string): Result<never> => ({
    ok: false,
    error: { code, message },
  });
  const missing = (id: string): Result<never> => fail('not-found', `no call ${id}`);

  const handlers: { [C in InvokeChannel]?: Handler<C> } = {
    'contacts.search': () => ok({ contacts: [], more: false }),
    'calls.list': () => ok([...calls.values()].sort((a, b) => b.startedAt - a.startedAt)),
    'calls.get': ({ callId }) => {
      const call = calls.get(callKey(callId));
      if (!call) return missing(callId);
      const history = [...calls.values()]
        .filter(
          (c) =>
            c.key !== call.key &&
            c.number !== null &&
            c.number === call.number &&
            c.startedAt < call.startedAt,
        )
        .sort((a, b) => b.startedAt - a.startedAt);
      return ok({ call, history });
    },
    'wrapup.save': ({ callId, status, comments }) => {
      const call = calls.get(callKey(callId)) ?? fake.popups.find((c) => c.key === callKey(callId));
      if (!call) return missing(callId);
      const revision = (call.wrapUp?.revision ?? 0) + 1;
      const saved: CallView = {
        ...call,
        wrapUp: { status, comments, savedAt: Date.now(), revision },
      };
      calls.set(saved.key, saved);
      return ok(saved);
    },
    'popup.list': () => ok(fake.popups),
    'popup.dismiss': ({ callId }) => {
      fake.popups = fake.popups.filter((c) => c.key !== callKey(callId));
      return ok(null);
    },
    dial: () => ok({ via: 'assistant' }),
    'settings.get': () => ok(fake.settings),
    'settings.save': () => ok(fake.settings),
    'outbox.summary': () => ok(fake.outbox),
    'outbox.retry': () => ok(fake.outbox),
    'outbox.discard': () => ok(fake.outbox),
    'log.write': () => ok(null),
    'sources.status': () => ok(fake.sources),
    'call.control': () => ok(null),
    'callcontrol.test': () =>
      ok({ ok: false, kind: 'not-configured', message: 'pbx.callControl.baseUrl is not set' }),
    'latency.painted': () => ok(null),
    'latency.report': () =>
      ok({
        summary: { events: 0, steps: [], inApp: { count: 0, p50: 0, p95: 0, budgetMs: 16 } },
        recent: [],
      }),
    // The history's filters, as main applies them over the journal (simplified: digits
    // anywhere in the number, a name in the caller's name or company), paged by a cursor.
    'calls.find': ({ filter, after, limit }) => {
      const sorted = [...calls.values()].sort(
        (a, b) => b.startedAt - a.startedAt || a.key.localeCompare(b.key),
      );
      const picked = sorted.filter((c) => fakeFilterMatches(c, filter));
      const start = after ? picked.findIndex((c) => c.key === after.key) + 1 : 0;
      const page = picked.slice(start, start + limit);
      const last = page[page.length - 1];
      return ok({
        calls: page,
        next:
          start + limit < picked.length && last
            ? { startedAt: last.startedAt, key: last.key }
            : null,
        total: after ? null : picked.length,
      });
    },
    'calls.exportCsv': ({ filter }) =>
      ok(
        [...calls.values()]
          .filter((c) => fakeFilterMatches(c, filter))
          .map((c) => c.id)
          .join('\n'),
      ),
    'missed.get': () => ok({ count: 0, seenAt: 0 }),
    'missed.seen': () => ok({ count: 0, seenAt: Date.now() }),
    'main.show': (route) => {
      for (const cb of [...(listeners.get('main.show') ?? [])]) cb(route);
      return ok(null);
    },
    'contacts.phonebook': () => ok({ asked: false, contacts: [] }),
    // No PBX is set up unless a test says otherwise.
    'pbx.agent.get': () => ({ ok: false, error: { code: 'failed', message: 'no PBX' } }),
    'pbx.agent.change': () => ({ ok: false, error: { code: 'failed', message: 'no PBX' } }),
    'pbx.board.get': () => ({ ok: false, error: { code: 'failed', message: 'no PBX' } }),
    'pbx.board.change': () => ({ ok: false, error: { code: 'failed', message: 'no PBX' } }),
    'pbx.call.get': ({ callId }) =>
      ok({
        callId,
        available: false,
        parked: false,
        parkedSince: null,
        parkedMs: 0,
        recording: 'off',
        consulting: null,
      }),
    'pbx.call.act': () => ({ ok: false, error: { code: 'failed', message: 'no PBX' } }),
    'pbx.test': () => ({ ok: false, error: { code: 'failed', message: 'no PBX' } }),
    'dbn.test': () => ({ ok: false, error: { code: 'failed', message: 'no DBN' } }),
    'egards.test': () => ok({ host: null, last: null, lastDeliveredAt: null, problem: null }),
    // Main's file without secrets; a test that needs another answer handles the channel.
    'settings.export': () =>
      ok(`${JSON.stringify({ language: fake.settings.settings.language })}\n`),
  };

  const invoke = async <C extends InvokeChannel>(channel: C, req: InvokeRequest<C>) => {
    const handler = handlers[channel] as Handler<C> | undefined;
    if (!handler) return fail('unknown-channel', `unhandled ${channel}`);
    return handler(req);
  };
  const subscribe = <E extends PushEvent>(event: E, cb: (p: PushEvents[E]) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const fn = cb as (p: unknown) => void;
    set.add(fn);
    return () => void set.delete(fn);
  };

  const real = createApi(invoke, subscribe, async () => undefined);
  const api = Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [name, vi.fn(fn as (...a: unknown[]) => unknown)]),
  ) as unknown as SpiedApi;

  return {
    api,
    get calls() {
      return calls;
    },
    get popups() {
      return fake.popups;
    },
    set popups(v) {
      fake.popups = v;
    },
    get outbox() {
      return fake.outbox;
    },
    set outbox(v) {
      fake.outbox = v;
    },
    get sources() {
      return fake.sources;
    },
    set sources(v) {
      fake.sources = v;
    },
    get settings() {
      return fake.settings;
    },
    set settings(v) {
      fake.settings = v;
    },
    emit(event, payload) {
      for (const cb of [...(listeners.get(event) ?? [])]) cb(payload);
    },
    handle(channel, handler) {
      (handlers as Record<string, unknown>)[channel] = handler;
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

function fakeFilterMatches(c: CallView, f: { kind: string; text: string }): boolean {
  if (f.kind === 'missed' && c.outcome !== 'missed') return false;
  if (f.kind === 'today' && new Date(c.startedAt).toDateString() !== new Date().toDateString())
    return false;
  const text = f.text.trim().toLowerCase();
  if (!text) return true;
  const digits = text.replace(/\D/g, '');
  if (/^[\d\s+\-./()]+$/.test(text))
    return (c.number ?? '').replace(/\D/g, '').includes(digits.replace(/^0+/, ''));
  return `${c.caller?.name ?? ''} ${c.caller?.company ?? ''}`.toLowerCase().includes(text);
}
