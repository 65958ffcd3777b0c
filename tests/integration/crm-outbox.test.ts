// The CRM effects end to end against strict DBN and Egards test servers (real HTTP on
// 127.0.0.1, a real SQLite file, a fake clock): exact requests, lookups, and every fault the
// outbox must survive without losing a record.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDbnServer, type DbnServer } from '../fixtures/dbn-server';
import { startEgardsServer, type EgardsServer } from '../fixtures/egards-server';
import {
  AGENT,
  DBN_TOKEN,
  EGARDS_KEY,
  FakeClock,
  createHarness,
  crmSettings,
  wrapUp,
  type Harness,
} from '../fixtures/crm-harness';
import type { Settings } from '../../shared/settings-schema';

let dbn: DbnServer;
let egards: EgardsServer;
const open: Harness[] = [];

beforeEach(async () => {
  dbn = await startDbnServer(DBN_TOKEN);
  egards = await startEgardsServer(EGARDS_KEY);
});
afterEach(async () => {
  for (const h of open.splice(0)) h.close();
  await dbn.close();
  await egards.close();
});

function harness(
  patch?: (s: Settings) => void,
  opts: Parameters<typeof createHarness>[1] = {},
): Harness {
  const h = createHarness(crmSettings({ dbnUrl: dbn.url, egardsUrl: egards.url, patch }), opts);
  open.push(h);
  return h;
}

/** Moves the fake clock in steps, letting the outbox finish its real I/O after each. */
async function runFor(h: Harness, ms: number, step = 1000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    h.clock.advance(Math.min(step, ms - t));
    await h.crm.drain();
  }
}

const NUMBER = '0235551234';
const E164 = '+31235551234';

/** An inbound call: rings at t, answered 12 s later, ends 5 min after that. */
function playAnsweredCall(h: Harness, id = 'Call-4711', number = NUMBER) {
  const t = h.clock.now();
  return h.play(id, [
    { type: 'S', direction: 'inbound', number, at: t },
    { type: 'C', direction: 'inbound', number, at: t + 12_000 },
    { type: 'E', direction: 'inbound', number, at: t + 312_000 },
  ]);
}

function expectNoSecrets(h: Harness): void {
  const everything = [
    ...h.logger.lines,
    JSON.stringify(h.pushes),
    JSON.stringify(h.crm.summary()),
    JSON.stringify(h.db.prepare('SELECT * FROM outbox').all()),
    JSON.stringify(h.db.prepare('SELECT * FROM outbox_discards').all()),
    JSON.stringify(h.db.prepare('SELECT * FROM crm_lookups').all()),
  ].join('\n');
  expect(everything).not.toContain(DBN_TOKEN);
  expect(everything).not.toContain(EGARDS_KEY);
}

describe('CRM: the happy path, request by request', () => {
  it('looks the caller up, reports connect and disconnect, writes the wrap-up back', async () => {
    dbn.known.add(NUMBER);
    const h = harness();
    const t0 = h.clock.now();
    const ring = h.play('Call-4711', [{ type: 'S', direction: 'inbound', number: NUMBER, at: t0 }]);
    // The card never waits: the badge is pending the moment the call is seen.
    expect(h.lookupFor(ring.key)).toEqual({ state: 'pending' });
    await h.crm.drain();
    expect(h.lookupFor(ring.key)).toEqual({ state: 'known' });
    expect(dbn.requests[0]).toMatchObject({
      method: 'GET',
      path: '/3cx/query',
      rawQuery: `cid=${NUMBER}&token=${DBN_TOKEN}`,
      query: { cid: NUMBER, token: DBN_TOKEN },
      body: '',
    });
    expect(egards.requests).toHaveLength(0); // connectOn: answer

    h.clock.advance(12_000);
    h.play('Call-4711', [
      { type: 'S', direction: 'inbound', number: NUMBER, at: t0 },
      { type: 'C', direction: 'inbound', number: NUMBER, at: t0 + 12_000 },
    ]);
    await h.crm.drain();
    h.clock.advance(300_000);
    const call = h.play('Call-4711', [
      { type: 'S', direction: 'inbound', number: NUMBER, at: t0 },
      { type: 'C', direction: 'inbound', number: NUMBER, at: t0 + 12_000 },
      { type: 'E', direction: 'inbound', number: NUMBER, at: t0 + 312_000 },
    ]);
    h.crm.onWrapUpSaved(call, wrapUp('Schedule Later', 'Due to driving', 1, h.clock.now()));
    await h.crm.drain();

    expect(egards.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /3cx/connect 202',
      'POST /3cx/disconnect 202',
    ]);
    const [connect, disconnect] = egards.requests;
    expect(connect?.headers['x-api-key']).toBe(EGARDS_KEY);
    expect(connect?.headers['content-type']).toBe('application/json');
    expect(connect?.headers['idempotency-key']).toBe('call-4711:egards-connect:1');
    expect(connect?.query).toEqual({});
    const base = {
      agentId: AGENT.agentId,
      phoneNumber: E164,
      callId: 'Call-4711',
      email: AGENT.email,
      extensionNumber: AGENT.extension,
      type: 'Incoming',
      holdDuration: 12,
      callStartedAt: new Date(t0).toISOString(),
      callAnsweredAt: new Date(t0 + 12_000).toISOString(),
      details: { city: 'Haarlem', country: 'Netherlands' },
    };
    expect(JSON.parse(connect?.body ?? '')).toEqual(base);
    expect(JSON.parse(disconnect?.body ?? '')).toEqual({
      ...base,
      callEndedAt: new Date(t0 + 312_000).toISOString(),
    });
    expect(disconnect?.headers['idempotency-key']).toBe('call-4711:egards-disconnect:1');

    const writeBack = dbn.requests[1];
    expect(writeBack).toMatchObject({
      method: 'GET',
      path: '/3cx/query',
      query: {
        cid: NUMBER,
        status: 'Schedule Later',
        comments: 'Due to driving',
        token: DBN_TOKEN,
      },
    });
    expect(writeBack?.rawQuery).toBe(
      `cid=${NUMBER}&status=Schedule%20Later&comments=Due%20to%20driving&token=${DBN_TOKEN}`,
    );
    expect(writeBack?.headers['idempotency-key']).toBe('call-4711:dbn-writeback:1');
    expect(dbn.records).toHaveLength(1);

    const deliveries = h.deliveriesFor(call.key);
    expect(deliveries.map((d) => `${d.kind}:${d.status}:${d.attempts}`)).toEqual([
      'egards-connect:delivered:1',
      'egards-disconnect:delivered:1',
      'dbn-writeback:delivered:1',
    ]);
    expect(h.crm.summary()).toEqual({ pending: 0, failed: 0, waitingSettings: 0, failedItems: [] });
    const view = h.crm.decorate({
      ...call,
      phone: null,
      caller: null,
      wrapUp: null,
      crm: { state: 'off' },
      deliveries: [],
    });
    expect(view.crm).toEqual({ state: 'known' });
    expect(view.deliveries).toHaveLength(3);
    expect(h.changed).toContain(call.key);
    expect(h.pushes.some((p) => p.event === 'outbox.changed')).toBe(true);
    expectNoSecrets(h);
  });

  it('POST sends the same parameters as a form body, the token out of the URL', async () => {
    dbn.known.add(NUMBER);
    const h = harness((s) => (s.dbn.method = 'POST'));
    const call = playAnsweredCall(h);
    h.crm.onWrapUpSaved(call, wrapUp('Completed', 'Paid, thanks & bye', 1));
    await h.crm.drain();
    expect(h.lookupFor(call.key)).toEqual({ state: 'known' });
    expect(
      dbn.requests.map((r) => [r.method, r.path, r.rawQuery, r.headers['content-type'], r.body]),
    ).toEqual([
      [
        'POST',
        '/3cx/query',
        '',
        'application/x-www-form-urlencoded',
        `cid=${NUMBER}&token=${DBN_TOKEN}`,
      ],
      [
        'POST',
        '/3cx/query',
        '',
        'application/x-www-form-urlencoded',
        `cid=${NUMBER}&status=Completed&comments=Paid%2C%20thanks%20%26%20bye&token=${DBN_TOKEN}`,
      ],
    ]);
    expect(dbn.records[0]).toMatchObject({ status: 'Completed', comments: 'Paid, thanks & bye' });
  });

  it('an edited wrap-up is written back again, in revision order, each with its own key', async () => {
    const h = harness((s) => (s.egards.enabled = false));
    const call = playAnsweredCall(h);
    h.crm.onWrapUpSaved(call, wrapUp('No Answer', 'first', 1));
    h.crm.onWrapUpSaved(call, wrapUp('Do not Disturb', 'second', 2));
    h.crm.onWrapUpSaved(call, wrapUp('Do not Disturb', 'second', 2)); // the same save twice: one item
    await h.crm.drain();
    expect(dbn.records.map((r) => [r.status, r.comments, r.idempotencyKey])).toEqual([
      ['No Answer', 'first', 'call-4711:dbn-writeback:1'],
      ['Do not Disturb', 'second', 'call-4711:dbn-writeback:2'],
    ]);
  });

  it('an outbound call reports type Outgoing and no hold time; no lookup', async () => {
    const h = harness();
    const t = h.clock.now();
    h.play('out-1', [
      { type: 'S', direction: 'outbound', number: '+4930123456', at: t },
      { type: 'C', direction: 'outbound', at: t + 20_000 },
      { type: 'E', direction: 'outbound', at: t + 60_000 },
    ]);
    await h.crm.drain();
    expect(dbn.requests).toHaveLength(0);
    expect(
      egards.events().map((e) => [e.kind, e.body.type, e.body.holdDuration, e.body.phoneNumber]),
    ).toEqual([
      ['connect', 'Outgoing', 0, '+4930123456'],
      ['disconnect', 'Outgoing', 0, '+4930123456'],
    ]);
  });
});

describe('CRM: when Egards is told', () => {
  it('connectOn answer: a call never answered sends neither connect nor disconnect', async () => {
    const h = harness();
    const t = h.clock.now();
    const call = h.play('missed-1', [
      { type: 'S', direction: 'inbound', number: NUMBER, at: t },
      { type: 'E', direction: 'inbound', number: NUMBER, at: t + 30_000 },
    ]);
    await h.crm.drain();
    expect(egards.requests).toHaveLength(0);
    expect(h.deliveriesFor(call.key)).toEqual([]);
  });

  it('connectOn ring: connect at ring, disconnect at the end, also unanswered', async () => {
    const h = harness((s) => (s.egards.connectOn = 'ring'));
    const t = h.clock.now();
    h.play('missed-2', [{ type: 'S', direction: 'inbound', number: NUMBER, at: t }]);
    await h.crm.drain();
    expect(egards.events().map((e) => e.kind)).toEqual(['connect']);
    expect(egards.events()[0]?.body.callAnsweredAt).toBeUndefined();
    h.clock.advance(25_000);
    h.play('missed-2', [
      { type: 'S', direction: 'inbound', number: NUMBER, at: t },
      { type: 'E', direction: 'inbound', number: NUMBER, at: t + 25_000 },
    ]);
    await h.crm.drain();
    const events = egards.events();
    expect(events.map((e) => [e.kind, e.body.holdDuration])).toEqual([
      ['connect', 0],
      ['disconnect', 25],
    ]);
  });

  it('E before C (out of order): the late answer still pairs connect then disconnect', async () => {
    const h = harness();
    const t = h.clock.now();
    h.play('ooo-1', [
      { type: 'S', direction: 'inbound', number: NUMBER, at: t },
      { type: 'E', direction: 'inbound', number: NUMBER, at: t + 90_000 },
      { type: 'C', direction: 'inbound', number: NUMBER, at: t + 8000 },
    ]);
    await h.crm.drain();
    expect(egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
  });

  it('withheld numbers and internal extensions are not reported to Egards', async () => {
    const h = harness();
    const t = h.clock.now();
    h.play('anon-1', [
      { type: 'S', direction: 'inbound', withheld: true, at: t },
      { type: 'C', direction: 'inbound', at: t + 1000 },
      { type: 'E', direction: 'inbound', at: t + 2000 },
    ]);
    h.play('int-1', [
      { type: 'S', direction: 'inbound', number: '1002', at: t },
      { type: 'C', direction: 'inbound', number: '1002', at: t + 1000 },
      { type: 'E', direction: 'inbound', number: '1002', at: t + 2000 },
    ]);
    await h.crm.drain();
    expect(egards.requests).toHaveLength(0);
    expect(h.logger.lines.filter((l) => l.includes('is not reported'))).toHaveLength(2);
  });

  it('missing agent e-mail: items wait, the agent is told, and they go out once it is set', async () => {
    const h = harness((s) => (s.agent.email = ''));
    const call = playAnsweredCall(h);
    await h.crm.drain();
    expect(egards.requests).toHaveLength(0);
    const waiting = h.deliveriesFor(call.key);
    expect(waiting.map((d) => [d.kind, d.status, d.lastError])).toEqual([
      ['egards-connect', 'waiting-settings', 'Set your agent e-mail and extension in Settings'],
      ['egards-disconnect', 'waiting-settings', 'Set your agent e-mail and extension in Settings'],
    ]);
    expect(h.crm.summary()).toMatchObject({ pending: 0, waitingSettings: 2, failed: 0 });
    expect(h.pushes.filter((p) => p.event === 'notice')).toEqual([
      {
        event: 'notice',
        payload: {
          level: 'warn',
          message: 'CRM deliveries are waiting: Set your agent e-mail and extension in Settings',
        },
      },
    ]);
    // An unrelated settings change does not release them.
    h.setSettings({ ...h.settings, language: 'nl' });
    await runFor(h, 5000);
    expect(egards.requests).toHaveLength(0);
    h.setSettings({ ...h.settings, agent: { ...h.settings.agent, email: 'fixed@example.com' } });
    await h.crm.drain();
    expect(egards.events().map((e) => [e.kind, e.body.email])).toEqual([
      ['connect', 'fixed@example.com'],
      ['disconnect', 'fixed@example.com'],
    ]);
    expect(h.crm.summary().waitingSettings).toBe(0);
  });
});

describe('CRM: DBN lookup answers', () => {
  async function lookup(h: Harness, id: string) {
    const call = h.play(id, [
      { type: 'S', direction: 'inbound', number: NUMBER, at: h.clock.now() },
    ]);
    await h.crm.drain();
    return h.lookupFor(call.key);
  }

  it('unknown caller → not in CRM', async () => {
    expect(await lookup(harness(), 'l-1')).toEqual({ state: 'unknown' });
  });

  it.each([
    [{ status: 200, body: '{"success": tru' }, /not JSON/],
    [
      { status: 200, body: '<html><head><title>Error</title></head><body>oops</body></html>' },
      /HTML page/,
    ],
    [{ status: 200, body: '' }, /empty body/],
    [
      { status: 500, body: '<html><title>500 Internal Server Error</title></html>' },
      /HTTP 500.*HTML page/,
    ],
    [{ status: 401, body: '{"success": false}' }, /rejected the token/],
  ])('%j → a clear error, no crash', async (fault, message) => {
    const h = harness();
    dbn.faults.push(fault);
    const result = await lookup(h, 'l-2');
    expect(result.state).toBe('error');
    if (result.state === 'error') expect(result.message).toMatch(message);
  });

  it('a server that does not answer within dbn.timeoutMs → timeout', async () => {
    const h = harness();
    dbn.faults.push('hang');
    const call = h.play('l-3', [
      { type: 'S', direction: 'inbound', number: NUMBER, at: h.clock.now() },
    ]);
    const done = h.crm.drain();
    await dbn.waitFor(() => dbn.requests.length === 1);
    h.clock.advance(2999);
    expect(h.lookupFor(call.key)).toEqual({ state: 'pending' });
    h.clock.advance(1);
    await done;
    expect(h.lookupFor(call.key)).toEqual({ state: 'timeout' });
  });

  it('an unreachable CRM → error, and the token never shows', async () => {
    await dbn.stop();
    const h = harness();
    const result = await lookup(h, 'l-4');
    expect(result.state).toBe('error');
    if (result.state === 'error') expect(result.message).toMatch(/cannot reach the CRM/);
    expectNoSecrets(h);
  });

  it('lookups are off when DBN is off, and for outbound calls', async () => {
    const h = harness((s) => (s.dbn.enabled = false));
    expect(await lookup(h, 'l-5')).toEqual({ state: 'off' });
    expect(dbn.requests).toHaveLength(0);
  });
});

describe('CRM outbox: faults, each ending with every record delivered', () => {
  function expectAllDelivered(h: Harness, callKey: string, kinds: string[]) {
    expect(h.deliveriesFor(callKey).map((d) => `${d.kind}:${d.status}`)).toEqual(
      kinds.map((k) => `${k}:delivered`),
    );
    expect(h.crm.summary()).toEqual({ pending: 0, failed: 0, waitingSettings: 0, failedItems: [] });
  }
  const ALL = ['egards-connect', 'egards-disconnect', 'dbn-writeback'];

  it('both servers down when the call ends, back a minute later', async () => {
    await dbn.stop();
    await egards.stop();
    const h = harness();
    const call = playAnsweredCall(h);
    h.crm.onWrapUpSaved(call, wrapUp('Completed', 'ok', 1));
    await h.crm.drain();
    const pending = h.deliveriesFor(call.key);
    expect(pending.map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    expect(pending[0]?.lastError).toMatch(/cannot reach Egards/);
    expect(pending[2]?.lastError).toMatch(/cannot reach the CRM/);
    expect(pending[1]?.attempts).toBe(0); // the disconnect waits behind its connect
    await runFor(h, 30_000);
    expect(h.crm.summary().pending).toBe(3);
    await dbn.restart();
    await egards.restart();
    await runFor(h, 60_000);
    expectAllDelivered(h, call.key, ALL);
    expect(egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    expect(dbn.records).toHaveLength(1);
    expectNoSecrets(h);
  });

  it('500s, then success', async () => {
    egards.faults.push(
      { status: 500, body: 'boom' },
      { status: 503, body: 'later' },
      { status: 502 },
    );
    const h = harness((s) => (s.dbn.enabled = false));
    const call = playAnsweredCall(h);
    await h.crm.drain();
    const first = h.deliveriesFor(call.key)[0];
    expect(first).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'Egards answered HTTP 500: boom',
    });
    // random() = 0.5: 1 s, then 1.5 s, then 2.5 s.
    expect(first?.nextAttemptAt).toBe(h.clock.now() + 1000);
    await runFor(h, 10_000, 500);
    expectAllDelivered(h, call.key, ['egards-connect', 'egards-disconnect']);
    expect(h.deliveriesFor(call.key)[0]?.attempts).toBe(4);
    expect(egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
  });

  it('429 with Retry-After (seconds and HTTP date) is honoured exactly', async () => {
    const h = harness((s) => (s.dbn.enabled = false));
    const later = new Date(h.clock.now() + 20_000).toUTCString();
    egards.faults.push(
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 429, headers: { 'retry-after': later } },
    );
    const call = playAnsweredCall(h);
    const t = h.clock.now();
    await h.crm.drain();
    expect(h.deliveriesFor(call.key)[0]?.nextAttemptAt).toBe(t + 7000);
    h.clock.advance(6999);
    await h.crm.drain();
    expect(egards.requests).toHaveLength(1);
    h.clock.advance(1);
    await h.crm.drain();
    expect(egards.requests).toHaveLength(2);
    // The second Retry-After is a date, 20 s after the test started.
    expect(h.deliveriesFor(call.key)[0]?.nextAttemptAt).toBe(Date.parse(later));
    await runFor(h, 15_000);
    expectAllDelivered(h, call.key, ['egards-connect', 'egards-disconnect']);
  });

  it('a server that hangs: the request times out and is retried', async () => {
    const h = harness((s) => (s.egards.enabled = false));
    const call = playAnsweredCall(h);
    await h.crm.drain(); // the lookup
    dbn.faults.push('hang');
    h.crm.onWrapUpSaved(call, wrapUp('Completed', 'hung', 1));
    const done = h.crm.drain();
    await dbn.waitFor(() => dbn.requests.length === 2);
    h.clock.advance(2999);
    expect(h.deliveriesFor(call.key)[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: null,
    });
    h.clock.advance(1); // dbn.timeoutMs
    await done;
    expect(h.deliveriesFor(call.key)[0]).toMatchObject({
      status: 'pending',
      lastError: 'the CRM did not answer within 3000 ms',
    });
    await runFor(h, 5000);
    expectAllDelivered(h, call.key, ['dbn-writeback']);
    expect(dbn.records.map((r) => r.comments)).toEqual(['hung']);
  });

  it('a connection reset mid-answer is retried', async () => {
    const h = harness();
    egards.faults.push('reset');
    dbn.faults.push('ok', 'reset'); // the lookup passes, the write-back is cut off
    const call = playAnsweredCall(h);
    h.crm.onWrapUpSaved(call, wrapUp('Completed', 'reset', 1));
    await h.crm.drain();
    expect(h.deliveriesFor(call.key)[0]?.lastError).toMatch(/cannot reach Egards/);
    await runFor(h, 5000);
    expectAllDelivered(h, call.key, ALL);
    expect(egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    expect(dbn.records).toHaveLength(1);
  });

  it('Egards 401: failed list "API key rejected"; fix the key, Retry, delivered', async () => {
    egards.apiKey = 'the-real-key-4242';
    const h = harness((s) => (s.dbn.enabled = false));
    const call = playAnsweredCall(h);
    await runFor(h, 5000);
    const summary = h.crm.summary();
    expect(summary).toMatchObject({ pending: 1, failed: 1, waitingSettings: 0 });
    expect(summary.failedItems).toHaveLength(1);
    expect(summary.failedItems[0]).toMatchObject({
      kind: 'egards-connect',
      status: 'failed',
      lastError: 'API key rejected (HTTP 401)',
    });
    expect(egards.requests).toHaveLength(1); // not retried on its own; disconnect waits
    h.setSettings({ ...h.settings, egards: { ...h.settings.egards, apiKey: 'the-real-key-4242' } });
    await h.crm.drain();
    expect(h.crm.summary().failed).toBe(1); // a settings change alone does not retry a failure
    const after = h.crm.retry(summary.failedItems[0]?.id as number);
    expect(after.failed).toBe(0);
    await h.crm.drain();
    expectAllDelivered(h, call.key, ['egards-connect', 'egards-disconnect']);
    expect(egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    expect(JSON.stringify(h.logger.lines)).not.toContain('the-real-key-4242');
  });

  it.each([
    ['malformed JSON', { status: 200, body: '{"success": 1' }, /not JSON/],
    [
      'an HTML error page',
      { status: 500, body: '<html><title>Internal Server Error</title></html>' },
      /HTML page/,
    ],
    ['an empty body', { status: 200, body: '' }, /empty body/],
  ])(
    'DBN write-back answered with %s: retried with a clear error, then delivered',
    async (_name, fault, msg) => {
      const h = harness((s) => (s.egards.enabled = false));
      const call = playAnsweredCall(h);
      await h.crm.drain(); // the lookup
      dbn.faults.push(fault);
      h.crm.onWrapUpSaved(call, wrapUp('Completed', 'x', 1));
      await h.crm.drain();
      const d = h.deliveriesFor(call.key)[0];
      expect(d?.status).toBe('pending');
      expect(d?.lastError).toMatch(msg);
      await runFor(h, 3000);
      expectAllDelivered(h, call.key, ['dbn-writeback']);
      expect(dbn.records).toHaveLength(1);
    },
  );

  it('DBN success: 0 goes to the failed list with its message; discard is journaled', async () => {
    dbn.refuse.add(NUMBER);
    const h = harness((s) => (s.egards.enabled = false));
    const call = playAnsweredCall(h);
    h.crm.onWrapUpSaved(call, wrapUp('Completed', 'x', 1));
    h.crm.onWrapUpSaved(call, wrapUp('Completed', 'y', 2));
    await runFor(h, 5000);
    const s = h.crm.summary();
    expect(s.failedItems.map((d) => [d.revision, d.lastError])).toEqual([
      [1, 'the CRM did not insert the record (success: 0): duplicate record'],
    ]);
    expect(s.pending).toBe(1); // revision 2 waits behind revision 1
    const id = s.failedItems[0]?.id as number;
    const after = h.crm.discard(id);
    expect(after.failed).toBe(0);
    expect(
      h.db
        .prepare(
          'SELECT outbox_id, kind, revision, previous_status, last_error, discarded_at FROM outbox_discards',
        )
        .all(),
    ).toEqual([
      {
        outbox_id: id,
        kind: 'dbn-writeback',
        revision: 1,
        previous_status: 'failed',
        last_error: 'the CRM did not insert the record (success: 0): duplicate record',
        discarded_at: h.clock.now(),
      },
    ]);
    // Discarding the head lets revision 2 go; the CRM now accepts it.
    dbn.refuse.clear();
    await h.crm.drain();
    expect(h.deliveriesFor(call.key).map((d) => d.status)).toEqual(['discarded', 'delivered']);
    expect(dbn.records.map((r) => r.comments)).toEqual(['y']);
    expect(() => h.crm.discard(id)).not.toThrow(); // a second discard is a no-op
    expect(() => h.crm.retry(99_999)).toThrow(/no delivery/);
  });

  it('a server echoing the request URL does not leak the token into lastError', async () => {
    const h = harness((s) => (s.egards.enabled = false));
    const call = playAnsweredCall(h);
    await h.crm.drain();
    dbn.faults.push({ status: 400, body: `bad request: /3cx/query?cid=1&token=${DBN_TOKEN}` });
    h.crm.onWrapUpSaved(call, wrapUp('Completed', 'x', 1));
    await h.crm.drain();
    const d = h.deliveriesFor(call.key)[0];
    expect(d?.status).toBe('failed');
    expect(d?.lastError).toContain('token=***');
    expectNoSecrets(h);
  });

  it('resumes pending items after a restart on the same data directory', async () => {
    await egards.stop();
    const clock = new FakeClock();
    const first = harness((s) => (s.dbn.enabled = false), { clock });
    const call = playAnsweredCall(first);
    await first.crm.drain();
    expect(first.crm.summary().pending).toBe(2);
    void first.crm.close();
    first.db.close();
    open.splice(open.indexOf(first), 1);
    await egards.restart();
    const second = harness((s) => (s.dbn.enabled = false), { clock, dir: first.dir });
    await second.crm.drain();
    expect(second.crm.summary().pending).toBe(2); // still backing off after the failure
    await runFor(second, 2000);
    expectAllDelivered(second, call.key, ['egards-connect', 'egards-disconnect']);
    second.close();
    open.splice(open.indexOf(second), 1);
    rmSync(first.dir, { recursive: true, force: true });
  });
});

describe('the test servers are as strict as the seeds', () => {
  const good = {
    phoneNumber: '+1234567890',
    callId: 'call-67890',
    email: 'agent@example.com',
    extensionNumber: '1001',
    type: 'Incoming',
    holdDuration: 12,
    callStartedAt: '2024-11-25T09:35:36.946Z',
  };
  const post = (path: string, body: unknown, key: string | null = EGARDS_KEY) =>
    fetch(`${egards.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key === null ? {} : { 'x-api-key': key }),
      },
      body: JSON.stringify(body),
    }).then((r) => r.status);

  it('Egards: the seed samples pass; anything off is refused', async () => {
    expect(await post('/3cx/connect', good)).toBe(202);
    expect(
      await post('/3cx/disconnect', { ...good, callEndedAt: '2024-11-25T09:55:36.946Z' }),
    ).toBe(202);
    expect(await post('/3cx/connect', good, null)).toBe(401);
    expect(await post('/3cx/connect', good, 'wrong')).toBe(401);
    expect(await post('/3cx/disconnect', good)).toBe(400); // callEndedAt missing
    expect(await post('/3cx/connect', { ...good, email: undefined })).toBe(400);
    expect(await post('/3cx/connect', { ...good, holdDuration: '12' })).toBe(400);
    expect(await post('/3cx/connect', { ...good, holdDuration: 1.5 })).toBe(400);
    expect(await post('/3cx/connect', { ...good, type: 'incoming' })).toBe(400);
    expect(await post('/3cx/connect', { ...good, callStartedAt: '2024-11-25 09:35:36' })).toBe(400);
    expect(await post('/3cx/connect', { ...good, callStartedAt: '2024-11-25T09:35:36Z' })).toBe(
      400,
    );
    expect(await post('/3cx/connect', { ...good, phoneNumber: '0612345678' })).toBe(400);
    expect(await post('/3cx/connect', { ...good, extra: 1 })).toBe(400);
  });

  it('DBN: cid and token required, the four statuses only, lower-case keys', async () => {
    const get = (q: string) => fetch(`${dbn.url}/3cx/query?${q}`).then((r) => r.status);
    expect(await get(`cid=1&token=${DBN_TOKEN}`)).toBe(200);
    expect(await get(`cid=1&status=Completed&comments=x&token=${DBN_TOKEN}`)).toBe(200);
    expect(await get(`token=${DBN_TOKEN}`)).toBe(400);
    expect(await get('cid=1')).toBe(400);
    expect(await get('cid=1&token=wrong')).toBe(401);
    expect(await get(`cid=1&status=Scheduled%20Later&comments=x&token=${DBN_TOKEN}`)).toBe(400);
    expect(await get(`cid=1&status=Completed&Comments=x&token=${DBN_TOKEN}`)).toBe(400);
    expect(await get(`cid=1&status=Completed&token=${DBN_TOKEN}`)).toBe(400);
  });
});
