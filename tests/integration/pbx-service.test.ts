// The PBX service against both fixture servers: the agent bar's state and changes, the
// supervisor board following the server's state, refused toggles rolling back with the
// server's answer, the stale board while the PBX is down, call control with parked time,
// and Test connection showing the real answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPbxService, type PbxService } from '../../electron/core/pbx-service';
import { waitingPerQueue } from '../../electron/core/pbx-board';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings-schema';
import { FakeClock, MemoryLogger } from '../fixtures/crm-harness';
import { startHttpApiServer, type HttpApiServer } from '../fixtures/pbx-http-api-server';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';

let httpSrv: HttpApiServer;
let restSrv: RestApiServer;
let settings: Settings;
let clock: FakeClock;
let logger: MemoryLogger;
let svc: PbxService;

beforeEach(async () => {
  httpSrv = await startHttpApiServer();
  restSrv = await startRestApiServer('svc-key-5521');
  settings = structuredClone(DEFAULT_SETTINGS);
  settings.agent.extension = '102';
  settings.pbx.httpApi = { enabled: true, baseUrl: httpSrv.url, phoneType: 'Soft' };
  settings.pbx.restApi = { enabled: true, baseUrl: `${restSrv.url}/webapi`, key: restSrv.key };
  settings.supervisor = { enabled: true, extensions: ['101', '102'] };
  clock = new FakeClock(Date.now());
  logger = new MemoryLogger();
  svc = createPbxService({
    settings: () => settings,
    fetch,
    clock,
    logger,
    random: () => 0,
    agentPollMs: 0,
  });
});
afterEach(async () => {
  svc.close();
  await httpSrv.close();
  await restSrv.close();
  expect(httpSrv.stopRequests()).toEqual([]);
});

describe('agent bar', () => {
  it('reads presence from the HTTP API and queue logins from the REST API', async () => {
    const s = await svc.agentState();
    expect(s).toMatchObject({
      available: true,
      extension: '102',
      presence: 'avail',
      ready: true,
      queuesLoggedIn: true,
      queues: [
        { queue: '800', name: 'Sales', loggedIn: true },
        { queue: '801', name: 'Support', loggedIn: true },
      ],
      can: { presence: true, ready: true, queuesLogin: true, perQueue: true },
      stale: false,
    });
  });

  it('sets Away through the HTTP API when it is configured, else ext.fwd.set', async () => {
    const r = await svc.changeAgent({ kind: 'presence', presence: 'away' });
    expect(r).toMatchObject({ ok: true, state: { presence: 'away', ready: false } });
    expect(httpSrv.extensions.get('102')!.presence).toBe('away');
    settings.pbx.httpApi.enabled = false;
    const r2 = await svc.changeAgent({ kind: 'presence', presence: 'oof' });
    expect(r2).toMatchObject({ ok: true, state: { presence: 'oof' } });
    expect(restSrv.extensions.get('102')!.fwdName).toBe('Out of office');
    expect(restSrv.commands()).toContain('/webapi/<key>/ext.fwd.set?num=102&status=Out+of+office');
  });

  it('per-queue login; a refusal comes back with the answer and the PBX state', async () => {
    expect(await svc.changeAgent({ kind: 'queue', queue: '801', loggedIn: false })).toMatchObject({
      ok: true,
      state: {
        queues: [
          { queue: '800', loggedIn: true },
          { queue: '801', loggedIn: false },
        ],
      },
    });
    restSrv.refusals.set('ext.queue.set', '{"result": false}');
    const r = await svc.changeAgent({ kind: 'queue', queue: '800', loggedIn: false });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'refused', raw: '{"result": false}' },
      state: {
        queues: [
          { queue: '800', loggedIn: true },
          { queue: '801', loggedIn: false },
        ],
      },
    });
  });

  it('Ready on an extension that is not an agent: refused with the known code', async () => {
    settings.agent.extension = '104';
    const r = await svc.changeAgent({ kind: 'ready', ready: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-an-agent' } });
  });

  it('keeps the last good state, marked stale, while the PBX is unreachable', async () => {
    const good = await svc.agentState();
    await httpSrv.stop();
    clock.advance(10_000);
    const s = await svc.agentState({ background: true });
    expect(s).toMatchObject({
      stale: true,
      presence: 'avail',
      fetchedAt: good.fetchedAt,
      error: { kind: 'unreachable' },
      reachability: { reachable: false },
    });
    expect(s.reachability.lastGoodAt).toBe(good.fetchedAt);
  });
});

describe('supervisor board', () => {
  it('shows queues, members, counts, and follows changes made on the server', async () => {
    restSrv.callsInfo.push({
      callID: 1,
      state: 'Routing',
      answeredAt: null,
      owner: { dn: '800' },
      routingTo: [{ dn: '101' }],
    });
    const b = await svc.board();
    expect(b.mode).toBe('rest');
    const sales = b.queues.find((q) => q.num === '800')!;
    expect(sales.counts).toEqual({ members: 3, loggedIn: 3, free: 2, talking: 1, waiting: 1 });
    expect(sales.members.map((m) => [m.num, m.registered, m.busy, m.loggedIn])).toEqual([
      ['101', true, false, true],
      ['102', true, false, true],
      ['103', true, true, true],
    ]);
    // Someone else logs 102 out of 800 on the PBX: the next read shows it.
    restSrv.queues.get('800')!.logins.set('102', false);
    const b2 = await svc.board();
    const m102 = b2.queues.find((q) => q.num === '800')!.members.find((m) => m.num === '102')!;
    expect(m102.loggedIn).toBe(false);
    expect(b2.queues.find((q) => q.num === '800')!.counts.free).toBe(1);
  });

  it('a supervisor logs 102 out of queue 800: the server and the board show it', async () => {
    const r = await svc.changeBoard({
      kind: 'queue',
      extension: '102',
      queue: '800',
      loggedIn: false,
    });
    expect(r.ok).toBe(true);
    expect(restSrv.isLoggedIn('102', '800')).toBe(false);
    const m = r.state.queues.find((q) => q.num === '800')!.members.find((x) => x.num === '102')!;
    expect(m.loggedIn).toBe(false);
  });

  it('a refused toggle rolls back with the answer ({"result": false})', async () => {
    restSrv.refusals.set('ext.queueglobal.set', '{"result": false}');
    const r = await svc.changeBoard({ kind: 'queues', extension: '101', loggedIn: false });
    expect(r).toMatchObject({ ok: false, error: { kind: 'refused', raw: '{"result": false}' } });
    const m = r.state.queues[0]!.members.find((x) => x.num === '101')!;
    expect(m.queuesGlobal).toBe(true);
  });

  it('keeps working while the PBX is unreachable: the last board, stale', async () => {
    const good = await svc.board();
    await restSrv.stop();
    clock.advance(5000);
    const b = await svc.board({ background: true });
    expect(b).toMatchObject({ stale: true, error: { kind: 'unreachable' }, mode: 'rest' });
    expect(b.queues).toEqual(good.queues);
    expect(b.fetchedAt).toBe(good.fetchedAt);
  });

  it('with only the HTTP API: supervisor.extensions, all-queue login only', async () => {
    settings.pbx.restApi.enabled = false;
    httpSrv.addCall({ dn: '101', state: 'Connected' });
    const b = await svc.board();
    expect(b).toMatchObject({
      mode: 'http',
      queues: [],
      members: [
        { num: '101', busy: true, presence: 'avail', queuesGlobal: null },
        { num: '102', busy: false, presence: 'avail', queuesGlobal: null },
      ],
    });
    const r = await svc.changeBoard({ kind: 'queues', extension: '102', loggedIn: false });
    expect(r.ok).toBe(true);
    expect(httpSrv.extensions.get('102')!.loggedIn).toBe(false);
    expect(r.state.members[1]!.queuesGlobal).toBe(false);
    expect(httpSrv.paths()).toContain('/login/102/logout_all');
  });

  it('waiting calls are counted per queue from callsinfo, leniently', () => {
    const json = {
      count: 3,
      callsInfo: [
        { state: 'Routing', answeredAt: null, owner: { DN: 800 } },
        { state: 'Talking', answeredAt: '2026-01-01T00:00:00Z', owner: { dn: '800' } },
        { state: 'Routing', routingTo: [{ number: '801' }] },
      ],
    };
    expect([...waitingPerQueue(json, ['800', '801', '802'])]).toEqual([
      ['800', 1],
      ['801', 1],
      ['802', 0],
    ]);
    expect([...waitingPerQueue('nonsense', ['800'])]).toEqual([['800', 0]]);
  });
});

describe('call control and Test connection', () => {
  it('park then unpark counts the parked time', async () => {
    httpSrv.addCall({ dn: '102', state: 'Connected' });
    const parked = await svc.calls.act('Call-1', { kind: 'park' });
    expect(parked).toMatchObject({ ok: true, state: { parked: true } });
    expect(httpSrv.calls[0]!.state).toBe('Parked');
    clock.advance(42_000);
    expect(svc.calls.parkedMs('call-1')).toBe(42_000);
    const back = await svc.calls.act('Call-1', { kind: 'unpark' });
    expect(back).toMatchObject({ ok: true, state: { parked: false, parkedMs: 42_000 } });
    clock.advance(10_000);
    expect(svc.calls.parkedMs('call-1')).toBe(42_000);
    const rec = await svc.calls.act('Call-1', { kind: 'record', action: 'start' });
    expect(rec.state.recording).toBe('on');
    expect(httpSrv.paths()).toEqual(['/park/102', '/unpark/102', '/record/102/0']);
  });

  it('a transfer destination is cleaned as a dial is; hostile input never becomes a request', async () => {
    httpSrv.addCall({ dn: '102', state: 'Connected' });
    settings.dialer.outsideLinePrefix = '0';
    for (const bad of ['103/../stop', '1 0 3?x=1', '+31 20%2F', 'sip:103@pbx', '']) {
      const r = await svc.calls.act('T-1', { kind: 'transfer', destination: bad });
      expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(httpSrv.paths()).toEqual([]);
    // Brackets and spaces go, letters are keypad digits, a public number gets the prefix.
    const r = await svc.calls.act('T-1', { kind: 'transfer', destination: '(020) 555-FLOW' });
    expect(r).toMatchObject({ ok: true, state: { consulting: null } });
    expect(httpSrv.paths()).toEqual(['/transfer/102/00205553569']);
  });

  it('attended transfer: the consult call to the colleague, then atttrans joins them', async () => {
    httpSrv.addCall({ dn: '102', state: 'Connected' });
    const consult = await svc.calls.act('A-1', { kind: 'attendedTransfer', destination: '10 3' });
    expect(consult).toMatchObject({ ok: true, state: { consulting: '103' } });
    const done = await svc.calls.act('A-1', { kind: 'attendedTransfer' });
    expect(done).toMatchObject({ ok: true, state: { consulting: null } });
    expect(httpSrv.paths()).toEqual(['/makecall/102/103/Soft', '/atttrans/102']);
  });

  it('a refused action keeps the state and carries the answer', async () => {
    const r = await svc.calls.act('x', { kind: 'park' });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'refused', raw: 'false' },
      state: { parked: false },
    });
  });

  it('Test connection reads the agent own state and shows the real answer, key scrubbed', async () => {
    expect(await svc.test('http-api')).toMatchObject({
      ok: true,
      answer: 'Available',
      request: `${httpSrv.url}/showstatus/102`,
    });
    const rest = await svc.test('rest-api');
    expect(rest.ok).toBe(true);
    expect(rest.answer).toContain('"qGlobalStatus":true');
    expect(rest.request).toBe(`${restSrv.url}/webapi/***/ext.state.get?num=102`);
    expect(JSON.stringify(rest)).not.toContain(restSrv.key);
    settings.pbx.restApi.key = 'wrong';
    const bad = await svc.test('rest-api');
    expect(bad).toMatchObject({
      ok: false,
      answer: '{"error":"invalid key"}',
      error: { status: 401 },
    });
  });
});
