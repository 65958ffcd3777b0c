// @vitest-environment node
// The contract is checked by the compiler: each `@ts-expect-error` below must be an error,
// or `npm run typecheck` fails ("unused directive"). The runtime assertions only prove that
// the well-typed cases also behave.
import { describe, expect, it } from 'vitest';
import type {
  CallView,
  InvokeFn,
  InvokeResponses,
  PushArgs,
  PushEvents,
  PushListener,
  Result,
  SettingsView,
} from '../../../shared/ipc';
import { PUSH_EVENTS } from '../../../shared/ipc';
import type { InvokeChannel } from '../../../shared/ipc/schemas';
import { invokeSchemas } from '../../../shared/ipc/schemas';
import type { Handler, Handlers } from '../../../electron/core/handlers/types';
import { createDispatcher } from '../../../electron/core/dispatcher';
import { outboxHandlers } from '../../../electron/core/handlers/outbox';

const summary = { pending: 0, failed: 0, waitingSettings: 0, failedItems: [] };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

function allHandlers(): Handlers {
  return {
    'calls.list': ({ limit }) => (limit ? [] : []),
    'calls.get': () => {
      throw new Error('not here');
    },
    'wrapup.save': () => {
      throw new Error('not here');
    },
    'popup.list': () => [],
    'contacts.search': () => ({ contacts: [], more: false }),
    'contacts.save': () => {
      throw new Error('not here');
    },
    'contacts.delete': () => null,
    'contacts.readFile': () => ({ kind: 'vcard', format: 'vcard', rows: 0 }),
    'contacts.import': () => ({ added: 0, updated: 0, skipped: 0, problems: [] }),
    'contacts.toPhonebook': () => {
      throw new Error('not here');
    },
    'contacts.export': () => '',
    'contacts.phonebook': () => ({ asked: false, contacts: [] }),
    'missed.get': () => ({ count: 0, seenAt: 0 }),
    'missed.seen': () => ({ count: 0, seenAt: 0 }),
    'main.show': () => null,
    'calls.find': () => ({ calls: [], next: null, total: 0 }),
    'calls.exportCsv': () => '',
    'popup.dismiss': () => null,
    dial: async ({ number }) => ({ via: number }),
    'settings.get': () => {
      throw new Error('not here');
    },
    'settings.save': () => {
      throw new Error('not here');
    },
    ...outboxHandlers({ summary: () => summary, retry: () => summary, discard: () => summary }),
    'log.write': () => null,
    'sources.status': () => [],
    'call.control': () => null,
    'callcontrol.test': () => ({ ok: false, kind: 'not-configured', message: 'not here' }),
    'latency.painted': () => null,
    'latency.report': () => {
      throw new Error('not here');
    },
    'pbx.agent.get': () => {
      throw new Error('not here');
    },
    'pbx.agent.change': () => {
      throw new Error('not here');
    },
    'pbx.board.get': () => {
      throw new Error('not here');
    },
    'pbx.board.change': () => {
      throw new Error('not here');
    },
    'pbx.call.get': () => {
      throw new Error('not here');
    },
    'pbx.call.act': () => {
      throw new Error('not here');
    },
    'pbx.test': () => {
      throw new Error('not here');
    },
    'dbn.test': () => {
      throw new Error('not here');
    },
    'egards.test': () => {
      throw new Error('not here');
    },
    'settings.export': () => '{}\n',
  };
}

describe('handler map types', () => {
  it('infers each request from its schema and checks each answer', async () => {
    // A handler's request type comes from the zod schema: `limit` is number | undefined.
    const list: Handler<'calls.list'> = ({ limit }) => {
      const n: number | undefined = limit;
      void n;
      return [];
    };
    // @ts-expect-error calls.get's request has callId, not id
    const wrongField: Handler<'calls.get'> = ({ id }) => ({ call: id, history: [] });
    // @ts-expect-error popup.dismiss answers null, not a string
    const wrongAnswer: Handler<'popup.dismiss'> = () => 'done';
    // @ts-expect-error dial answers { via }, and a promise of the wrong shape is wrong too
    const wrongAsync: Handler<'dial'> = async () => ({ through: 'assistant' });
    void [list, wrongField, wrongAnswer, wrongAsync];

    const { 'log.write': _dropped, ...withoutLog } = allHandlers();
    // @ts-expect-error a map without 'log.write' is not a Handlers
    const missing: Handlers = withoutLog;
    const extra: Pick<Handlers, 'popup.list'> = {
      'popup.list': () => [],
      // @ts-expect-error a handler for a channel that is not in the contract
      'popup.open': () => null,
    };
    void [missing, extra];

    const d = createDispatcher({ handlers: allHandlers(), logger: silent, redact: (t) => t });
    expect(await d.invoke('dial', { number: '123' })).toEqual({ ok: true, value: { via: '123' } });
  });

  it('types Core.invoke by channel', async () => {
    const d = createDispatcher({ handlers: allHandlers(), logger: silent, redact: (t) => t });
    const invoke: InvokeFn = d.invoke;
    const r = await invoke('outbox.summary', {});
    // The answer needs no cast: it is the channel's response type.
    if (r.ok) expect(r.value.failedItems).toEqual([]);
    const settings: Result<SettingsView> = await Promise.resolve({
      ok: false,
      error: { code: 'failed', message: 'x' },
    });
    void settings;
    // @ts-expect-error no such channel
    void invoke('settings.open', {});
    // @ts-expect-error a wrong request for a real channel
    void invoke('calls.get', { callId: 7 });
    // @ts-expect-error the answer of outbox.summary is not a SettingsView
    const wrong: Result<SettingsView> = r;
    void wrong;
  });

  it('names exactly the channels of the schemas in the response map', () => {
    type Same = [keyof InvokeResponses] extends [InvokeChannel]
      ? [InvokeChannel] extends [keyof InvokeResponses]
        ? true
        : false
      : false;
    const same: Same = true;
    expect(same).toBe(true);
    expect(Object.keys(invokeSchemas)).toHaveLength(40);
  });
});

describe('push event types', () => {
  it('narrows the payload by event for every listener', () => {
    const heard: string[] = [];
    const listener: PushListener = (event, payload) => {
      if (event === 'popup.hide') heard.push(payload.callId);
      else if (event === 'notice') heard.push(payload.message);
      else if (event === 'call.updated') {
        const call: CallView = payload;
        heard.push(call.id);
        // @ts-expect-error a call view has no callId
        void payload.callId;
      }
    };
    listener('popup.hide', { callId: 'A1' });
    listener('notice', { level: 'info', message: 'hello' });
    // @ts-expect-error the payload does not match the event
    listener('popup.hide', { level: 'info', message: 'hello' });
    // @ts-expect-error not a push event
    listener('popup.wiggle', {});
    expect(heard).toEqual(['A1', 'hello', undefined]);
  });

  it('lists every push event once', () => {
    const args: PushArgs = ['outbox.changed', summary];
    void args;
    const names: Array<keyof PushEvents> = [...PUSH_EVENTS];
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual([
      'call.updated',
      'dial.confirm',
      'main.show',
      'missed.changed',
      'notice',
      'outbox.changed',
      'pbx.agent.changed',
      'popup.hide',
      'popup.show',
      'settings.changed',
      'sources.changed',
    ]);
  });
});
