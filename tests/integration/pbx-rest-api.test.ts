// The REST API client against a real HTTP server that implements the Russian seed, with the
// answer written in every shape CallPop accepts; exact URLs; refusals with the server's
// answer; the phonebook with the seed's field mapping; and the key, which sits in the URL
// path, never in a log line, an error or a kept answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRestApiClient, type RestApiClient } from '../../electron/core/clients/pbx-rest-api';
import { systemClock } from '../../electron/core/core-types';
import type { PbxResult } from '../../shared/pbx';
import { MemoryLogger } from '../fixtures/crm-harness';
import {
  startRestApiServer,
  type RestApiServer,
  type RestShapes,
} from '../fixtures/pbx-rest-api-server';

const KEY = 'k3y/Secret+8f3a91';
let srv: RestApiServer;
let logger: MemoryLogger;
let client: RestApiClient;
const seen: Array<PbxResult<unknown>> = [];

beforeEach(async () => {
  srv = await startRestApiServer(KEY.replace('/', '_'));
  logger = new MemoryLogger();
  client = createRestApiClient({ fetch, clock: systemClock, logger }, () => ({
    enabled: true,
    baseUrl: `${srv.url}/webapi/`,
    key: srv.key,
  }));
});
afterEach(async () => {
  await srv.close();
});

async function keep<T>(p: Promise<PbxResult<T>>): Promise<PbxResult<T>> {
  const r = await p;
  seen.push(r);
  return r;
}

describe('exact URLs', () => {
  it('sends every command to <base>/<key>/<command> with the seed parameters', async () => {
    await client.listQueues();
    await client.queueMembers('800');
    await client.queueFree('800');
    await client.queueTalking('800');
    await client.extensionState('102');
    await client.setQueueLogin('102', '800', false);
    await client.setQueueLogin('102', '800', true);
    await client.setQueuesLogin('102', false);
    await client.setPresence('102', 'oof');
    await client.makeCall('101', '+31 20 555 0101');
    await client.callsCount();
    await client.callsInfo();
    await client.contactFind('+31612345678', 9);
    await client.contactGet('1');
    await client.contactNew({ firstName: 'Jan', mobile: '+31600000001', email: 'jan@x.example' });
    await client.contactUpdate('1', { business: '+31201111111' });
    expect(srv.commands()).toEqual([
      '/webapi/<key>/all.queue.get',
      '/webapi/<key>/queue.members.get?num=800',
      '/webapi/<key>/queue.free.get?num=800',
      '/webapi/<key>/queue.talk.get?num=800',
      '/webapi/<key>/ext.state.get?num=102',
      '/webapi/<key>/ext.queue.set?num=102&queue=800&log=off',
      '/webapi/<key>/ext.queue.set?num=102&queue=800&log=on',
      '/webapi/<key>/ext.queueglobal.set?num=102&log=off',
      '/webapi/<key>/ext.fwd.set?num=102&status=Out+of+office',
      '/webapi/<key>/makecall?first=101&second=%2B31205550101',
      '/webapi/<key>/pbx.calls.get',
      '/webapi/<key>/pbx.callsinfo.get',
      '/webapi/<key>/contact.find?num=%2B31612345678&min_len=9',
      '/webapi/<key>/contact.get?id=1',
      '/webapi/<key>/contact.new?firstname=Jan&phone=%2B31600000001&data5=jan%40x.example',
      '/webapi/<key>/contact.update?id=1&data3=%2B31201111111',
    ]);
    // The key is URL-encoded as one path segment.
    expect(srv.requests[0]!.path).toBe(`/webapi/${encodeURIComponent(srv.key)}/all.queue.get`);
  });

  it('changes the server state the supervisor asked for', async () => {
    expect(srv.isLoggedIn('102', '800')).toBe(true);
    expect(await client.setQueueLogin('102', '800', false)).toMatchObject({ ok: true });
    expect(srv.isLoggedIn('102', '800')).toBe(false);
    const state = await client.extensionState('102');
    expect(state).toMatchObject({
      ok: true,
      value: {
        num: '102',
        registered: true,
        busy: false,
        queuesGlobal: true,
        queues: [
          { queue: '800', loggedIn: false },
          { queue: '801', loggedIn: true },
        ],
      },
    });
    expect(await client.setPresence('102', 'away')).toMatchObject({ ok: true, value: 'away' });
    expect(srv.extensions.get('102')!.fwdName).toBe('Away');
    expect(await client.getPresence('102')).toMatchObject({ ok: true, value: 'away' });
  });

  it('validates data before it is sent, and sends nothing for bad data', async () => {
    for (const r of [
      await client.extensionState('10 2'),
      await client.setQueueLogin('102', '800&log=on', false),
      await client.queueMembers('../x'),
      await client.contactGet('1&id=2'),
      await client.contactFind('abc'),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(srv.requests).toHaveLength(0);
  });
});

describe('lenient answers', () => {
  const shapes: RestShapes[] = [];
  for (const list of ['bare', 'wrapped'] as const)
    for (const item of ['plain', 'num-name', 'number-firstname'] as const)
      shapes.push({ list, item, login: 'bool', result: 'bool' });
  for (const login of ['bool', 'number', 'onoff', 'loggedin', 'yesno'] as const)
    for (const result of ['bool', 'result', 'success', 'text-true', 'text-ok'] as const)
      shapes.push({ list: 'wrapped', item: 'num-name', login, result });

  it.each(shapes)('reads lists, logins and results written as %o', async (shape) => {
    srv.shapes = shape;
    const queues = await client.listQueues();
    expect(queues.ok && queues.value.map((q) => q.num)).toEqual(['800', '801']);
    if (shape.item !== 'plain') {
      expect(queues.ok && queues.value[0]!.name).toBe('Sales');
      const members = await client.queueMembers('800');
      expect(members.ok && members.value.map((m) => m.name)).toEqual([
        'Anna Jansen',
        'Bram de Vries',
        'Carla Smit',
      ]);
    }
    const free = await client.queueFree('800');
    expect(free.ok && free.value.map((m) => m.num)).toEqual(['101', '102']);
    const talking = await client.queueTalking('800');
    expect(talking.ok && talking.value.map((m) => m.num)).toEqual(['103']);
    expect(await client.setQueueLogin('101', '800', false)).toMatchObject({ ok: true });
    const state = await client.extensionState('101');
    expect(state.ok && state.value.queues).toEqual([{ queue: '800', loggedIn: false }]);
    expect(state.ok && state.value.queuesGlobal).toBe(true);
    // A refusal in this shape is a refusal.
    expect(await client.setQueueLogin('104', '800', true)).toMatchObject({
      ok: false,
      error: { kind: 'refused' },
    });
  });

  it('{"result": false} is a refusal that shows the answer', async () => {
    srv.refusals.set('ext.queue.set', '{"result": false}');
    const r = await client.setQueueLogin('102', '800', false);
    expect(r).toMatchObject({ ok: false, error: { kind: 'refused', raw: '{"result": false}' } });
    expect(srv.isLoggedIn('102', '800')).toBe(true);
  });

  it('ext.queueglobal.set is false when forwarding profiles decide the queue login', async () => {
    srv.fwdControlsQueues = true;
    expect(await client.setQueuesLogin('102', false)).toMatchObject({
      ok: false,
      error: { kind: 'refused' },
    });
  });

  it('an error object or unreadable answer is not taken for data', async () => {
    expect(await client.queueMembers('999')).toMatchObject({
      ok: false,
      error: { kind: 'refused', message: expect.stringContaining('unknown queue') },
    });
    srv.refusals.set('all.queue.get', '<html>Service Unavailable</html>');
    expect(await client.listQueues()).toMatchObject({ ok: false, error: { kind: 'bad-answer' } });
  });

  it('callsInfo gives the JSON as it came, for the live-calls reader', async () => {
    srv.callsInfo.push({ callID: 7, state: 'Routing', owner: { dn: '800' } });
    expect(await client.callsInfo()).toMatchObject({
      ok: true,
      value: { count: 1, callsInfo: [{ callID: 7, state: 'Routing' }] },
    });
    expect(await client.callsCount()).toMatchObject({ ok: true, value: 1 });
  });
});

describe('phonebook', () => {
  it('finds, reads, creates and updates contacts with the seed field mapping', async () => {
    expect(await client.contactFind('0612345678', 9)).toMatchObject({ ok: true, value: ['1'] });
    expect(await client.contactFind('0612345678')).toMatchObject({ ok: true, value: [] });
    expect(await client.contactGet('1')).toMatchObject({
      ok: true,
      value: {
        id: '1',
        firstName: 'Petra',
        lastName: 'Visser',
        company: 'Visser BV',
        mobile: '+31612345678',
        business: '+31201234567',
        email: 'petra@visser.example',
      },
    });
    const created = await client.contactNew({ firstName: 'Jan', business: '+31207777777' });
    expect(created).toMatchObject({ ok: true, value: '100' });
    expect(srv.phonebook.get('100')).toEqual({ firstname: 'Jan', data3: '+31207777777' });
    expect(
      await client.contactUpdate('100', { email: 'jan@x.example', mobile: '+31611111111' }),
    ).toMatchObject({ ok: true });
    expect(srv.phonebook.get('100')).toMatchObject({
      data5: 'jan@x.example',
      phone: '+31611111111',
    });
    expect(await client.contactUpdate('555', { tag: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'refused' },
    });
  });
});

describe('the key', () => {
  it('never appears in a log line, an error or a kept answer', async () => {
    // The server echoes the request path in its answers here, as a careless service might.
    srv.refusals.set(
      'queue.members.get',
      JSON.stringify({ error: `bad request /webapi/${srv.key}/x` }),
    );
    await keep(client.queueMembers('800'));
    srv.refusals.set(
      'all.queue.get',
      `unexpected /webapi/${encodeURIComponent(srv.key)}/all.queue.get`,
    );
    await keep(client.listQueues());
    srv.faults.push({ status: 500, body: `failed at ${srv.key}` });
    await keep(client.extensionState('101'));
    await keep(client.setQueueLogin('102', '800', false));
    // A wrong key: the server refuses with 401.
    const wrong = createRestApiClient({ fetch, clock: systemClock, logger }, () => ({
      enabled: true,
      baseUrl: `${srv.url}/webapi`,
      key: `${srv.key}x`,
    }));
    expect(await keep(wrong.listQueues())).toMatchObject({ ok: false, error: { status: 401 } });
    await srv.stop();
    await keep(client.listQueues());
    await keep(wrong.listQueues());
    const text = JSON.stringify(seen) + logger.lines.join('\n');
    expect(text).toContain('***');
    for (const form of [srv.key, encodeURIComponent(srv.key), `${srv.key}x`]) {
      expect(text).not.toContain(form);
    }
    expect(logger.lines.some((l) => l.includes('unreachable'))).toBe(true);
  });

  it('a key that cannot be one path segment is refused before anything is sent', async () => {
    const c = createRestApiClient({ fetch, clock: systemClock, logger }, () => ({
      enabled: true,
      baseUrl: srv.url,
      key: 'a/b',
    }));
    const r = await c.listQueues();
    expect(r).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
    expect(JSON.stringify(r)).not.toContain('a/b');
    expect(srv.requests).toHaveLength(0);
  });
});
