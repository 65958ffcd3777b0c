// The 3CX HTTP API client against a real HTTP server that implements the German seed: the
// exact URL of every action, plain-text and HTML answers, refusals with the PBX's answer, the
// unreachable state with its backoff, and never `/stop`.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpApiClient, type HttpApiClient } from '../../electron/core/clients/pbx-http-api';
import { systemClock } from '../../electron/core/core-types';
import { FakeClock, MemoryLogger } from '../fixtures/crm-harness';
import { startHttpApiServer, type HttpApiServer } from '../fixtures/pbx-http-api-server';

let srv: HttpApiServer;
let logger: MemoryLogger;
let client: HttpApiClient;
const stopSeen: string[] = [];
let phoneType: 'Soft' | 'Desktop' = 'Soft';

beforeEach(async () => {
  srv = await startHttpApiServer();
  logger = new MemoryLogger();
  phoneType = 'Soft';
  client = createHttpApiClient({ fetch, clock: systemClock, logger }, () => ({
    enabled: true,
    baseUrl: `${srv.url}/`,
    phoneType,
  }));
});
afterEach(async () => {
  stopSeen.push(...srv.stopRequests().map((r) => r.path));
  await srv.close();
});
afterAll(() => {
  // Across every test in this file, nothing asked the API to end itself.
  expect(stopSeen).toEqual([]);
});

describe('exact URLs', () => {
  it('sends each agent command to its seed path', async () => {
    srv.addCall({ dn: '101', state: 'Ringing' });
    expect((await client.setReady('101', true)).ok).toBe(true);
    expect((await client.setReady('101', false)).ok).toBe(true);
    expect((await client.setQueuesLogin('101', true)).ok).toBe(true);
    expect((await client.setQueuesLogin('101', false)).ok).toBe(true);
    expect((await client.logout('101')).ok).toBe(true);
    expect(await client.setPresence('101', 'away')).toMatchObject({ ok: true, value: 'away' });
    expect(await client.getPresence('101')).toMatchObject({ ok: true, value: 'away' });
    expect(await client.callControl('101', 'answer')).toMatchObject({ ok: true });
    expect(await client.record('101', 'start')).toMatchObject({ ok: true });
    expect(await client.record('101', 'pause')).toMatchObject({ ok: true });
    expect(await client.record('101', 'resume')).toMatchObject({ ok: true });
    expect(await client.record('101', 'stop')).toMatchObject({ ok: true });
    expect(await client.callControl('101', 'park')).toMatchObject({ ok: true });
    expect(await client.callControl('101', 'unpark')).toMatchObject({ ok: true });
    expect(await client.callControl('101', 'attendedTransfer')).toMatchObject({ ok: true });
    expect(await client.callerId('101')).toMatchObject({ ok: true, value: { idle: false } });
    expect(await client.callControl('101', 'transfer', '+31 (20) 555-0101')).toMatchObject({
      ok: true,
    });
    expect(await client.callerId('101')).toMatchObject({ ok: true, value: { idle: true } });
    srv.addCall({ dn: '102', state: 'Ringing' });
    expect(await client.callControl('102', 'divert', '103')).toMatchObject({ ok: true });
    expect(await client.callControl('103', 'drop')).toMatchObject({ ok: true });
    expect(srv.paths()).toEqual([
      '/ready/101',
      '/notready/101',
      '/login/101/login_all',
      '/login/101/logout_all',
      '/logout/101',
      '/setstatus/101/away',
      '/showstatus/101',
      '/answer/101',
      '/record/101/0',
      '/record/101/2',
      '/record/101/3',
      '/record/101/1',
      '/park/101',
      '/unpark/101',
      '/atttrans/101',
      '/getcallerid/101',
      '/transfer/101/%2B31205550101',
      '/getcallerid/101',
      '/divert/102/103',
      '/drop/103',
    ]);
  });

  it('places a call with the configured phone type and returns the call id', async () => {
    const soft = await client.makeCall('101', '+31 6 1234 5678');
    expect(soft).toMatchObject({ ok: true, value: '98741' });
    phoneType = 'Desktop';
    await client.makeCall('101', '0612345678');
    expect(srv.paths()).toEqual([
      '/makecall/101/%2B31612345678/Soft',
      '/makecall/101/0612345678/Desktop',
    ]);
    // The server really has the calls, and showallcalls reads them back.
    const calls = await client.liveCalls();
    expect(calls.ok && calls.value.map((c) => [c.id, c.dn, c.endpoint, c.state])).toEqual([
      ['98741', '101', '+31612345678', 'Dialing'],
      ['98742', '101', '0612345678', 'Dialing'],
    ]);
  });

  it('validates data before it becomes a path segment, and sends nothing for bad data', async () => {
    const bad = [
      await client.setReady('101/../stop', true),
      await client.setPresence('stop', 'away'),
      await client.makeCall('101', '12;DROP'),
      await client.callControl('101', 'transfer', '../stop'),
      await client.callControl('101', 'transfer'),
      await client.makeCall('', '101'),
    ];
    for (const r of bad) expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(srv.requests).toHaveLength(0);
  });
});

describe('answers', () => {
  it('reads HTML answers and showallcalls lines separated by <br>', async () => {
    srv.mode = 'html';
    srv.addCall({ dn: '101', state: 'Connected', endpoint: '+49301234' });
    srv.addCall({ dn: '102', state: 'Ringing' });
    expect(await client.getPresence('102')).toMatchObject({ ok: true, value: 'avail' });
    expect(await client.callControl('101', 'park')).toMatchObject({ ok: true });
    const calls = await client.liveCalls();
    expect(calls).toMatchObject({
      ok: true,
      value: [
        { id: '98741', ccid: '1', state: 'Parked', dn: '101', endpoint: '+49301234', rec: 'Stop' },
        { id: '98742', state: 'Ringing', dn: '102' },
      ],
    });
  });

  it('an empty showallcalls is no calls', async () => {
    expect(await client.liveCalls()).toMatchObject({ ok: true, value: [] });
  });

  it('"is not an agent of the queues" is a refusal with its own code', async () => {
    const r = await client.setReady('104', true);
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'refused', code: 'not-an-agent', raw: 'is not an agent of the queues' },
    });
  });

  it('false is a refusal, and the server state did not change', async () => {
    const r = await client.callControl('101', 'park'); // no call to park
    expect(r).toMatchObject({ ok: false, error: { kind: 'refused', raw: 'false' } });
  });

  it('anything else is an error that shows the raw answer, shortened', async () => {
    srv.refusals.set('login', `Exception: ${'x'.repeat(500)}`);
    const r = await client.setQueuesLogin('101', true);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('bad-answer');
    expect(r.error.raw?.startsWith('Exception: xxx')).toBe(true);
    expect(r.error.raw!.length).toBeLessThanOrEqual(200);
  });

  it('a non-2xx status is an http error with the body', async () => {
    srv.faults.push({ status: 500, body: '<h1>Internal error</h1>' });
    expect(await client.getPresence('101')).toMatchObject({
      ok: false,
      error: { kind: 'http', status: 500, raw: 'Internal error' },
    });
  });

  it('not configured: says so and sends nothing', async () => {
    const off = createHttpApiClient({ fetch, clock: systemClock, logger }, () => ({
      enabled: false,
      baseUrl: srv.url,
      phoneType: 'Soft',
    }));
    expect(await off.setReady('101', true)).toMatchObject({
      ok: false,
      error: { kind: 'not-configured' },
    });
    expect(srv.requests).toHaveLength(0);
  });
});

describe('unreachable', () => {
  it('a stopped PBX is unreachable with the last good time; background reads back off', async () => {
    const clock = new FakeClock(Date.now());
    const c = createHttpApiClient({ fetch, clock, logger, random: () => 1 }, () => ({
      enabled: true,
      baseUrl: srv.url,
      phoneType: 'Soft',
    }));
    expect((await c.getPresence('101')).ok).toBe(true);
    const goodAt = clock.now();
    expect(c.health()).toMatchObject({ reachable: true, lastGoodAt: goodAt, failures: 0 });
    await srv.stop();
    clock.advance(1000);
    const down = await c.getPresence('101', { background: true });
    expect(down).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    expect(c.health()).toMatchObject({ reachable: false, lastGoodAt: goodAt, failures: 1 });
    const asked = srv.requests.length;
    await srv.restart();
    // Within the backoff a poll is not sent...
    expect((await c.getPresence('101', { background: true })).ok).toBe(false);
    expect(srv.requests.length).toBe(asked);
    // ...but what the agent asks for is.
    expect((await c.setPresence('101', 'away')).ok).toBe(true);
    expect(c.health()).toMatchObject({ reachable: true, failures: 0 });
    expect(logger.lines.filter((l) => l.includes('unreachable'))).toHaveLength(1);
  });

  it('a PBX that does not answer times out', async () => {
    const clock = new FakeClock(Date.now());
    const c = createHttpApiClient({ fetch, clock, logger, timeoutMs: 3000 }, () => ({
      enabled: true,
      baseUrl: srv.url,
      phoneType: 'Soft',
    }));
    srv.faults.push('hang');
    const pending = c.setReady('101', true);
    await srv.waitFor(() => srv.requests.length === 1);
    clock.advance(3000);
    const r = await pending;
    expect(r).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    expect(!r.ok && r.error.message).toContain('no answer within 3000 ms');
  });
});
