// events.source "auto": the Assistant's argv, the REST live calls and Call Control together.
// The same call reported by several sources is one card and one journal record; a source that
// stops working says so and the others carry on.
import { afterEach, describe, expect, it } from 'vitest';
import { startCallControlServer, type CallControlServer } from '../fixtures/call-control-server';
import {
  ext,
  external,
  startCallsInfoServer,
  type CallsInfoServer,
} from '../fixtures/pbx-callsinfo-server';
import { EXE, finish, lastState, startSide, until, type Side } from '../fixtures/source-rig';

let cc: CallControlServer | null = null;
let rest: CallsInfoServer | null = null;
afterEach(async () => {
  await cc?.close();
  await rest?.close();
  cc = rest = null;
});

async function autoSide(): Promise<Side> {
  cc = await startCallControlServer({ monitored: ['1001'] });
  rest = await startCallsInfoServer();
  const side = await startSide({
    events: { source: 'auto', restPollMs: 1000 },
    pbx: {
      restApi: { enabled: true, baseUrl: rest.baseUrl, key: rest.key },
      callControl: {
        enabled: true,
        baseUrl: cc.url,
        clientId: cc.clientId,
        clientSecret: cc.clientSecret,
      },
    },
  });
  await until(
    () => side.core.sources.statuses().filter((s) => s.state === 'ok').length === 2,
    'both PBX sources up',
  );
  return side;
}

const status = (side: Side, name: string) =>
  side.core.sources.statuses().find((s) => s.source === name);

async function wsSettled(side: Side) {
  const src = side.core.sources.get('call-control');
  await until(() => (src?.handled?.() ?? 0) >= cc!.sent.length, 'WebSocket messages handled');
  await src?.idle?.();
}

const ringing = (id: number, number: string) => ({
  callID: id,
  state: 'Routing',
  startedAt: '2026-12-01T09:00:00Z',
  answeredAt: null,
  owner: external(number),
  talkTo: [],
  routingTo: [ext('1001')],
});

describe('events.source auto', () => {
  it('runs every enabled PBX source', async () => {
    const side = await autoSide();
    expect(side.core.sources.get('rest-poll')).toBeDefined();
    expect(side.core.sources.get('call-control')).toBeDefined();
    await finish(side);
  });

  it('one call from argv, REST and Call Control (same id) is one card and one record', async () => {
    const side = await autoSide();
    await side.core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:4711'], 'socket');
    rest!.calls = [ringing(4711, '0612345678')];
    await side.core.sources.get('rest-poll')!.pollNow!();
    cc!.upsert({
      id: 1,
      status: 'Ringing',
      dn: '1001',
      party_caller_id: '0612345678',
      party_dn_type: 'Wexternalline',
      callid: 4711,
      legid: 1,
    });
    await wsSettled(side);
    side.clock.advance(5000);
    cc!.upsert({
      id: 1,
      status: 'Connected',
      dn: '1001',
      party_caller_id: '0612345678',
      callid: 4711,
      legid: 1,
    });
    await wsSettled(side);
    cc!.remove('1001', 1);
    rest!.calls = [];
    await wsSettled(side);
    await side.core.sources.get('rest-poll')!.pollNow!();
    await side.core.handleArgv([EXE, '/N:E', '/C:0612345678', '/T:I', '/I:4711'], 'socket');
    const seen = await finish(side, { '4711': 'Done' });
    expect(seen.cards).toEqual(['4711']);
    expect(seen.journal).toHaveLength(1);
    expect(seen.journal[0]).toMatchObject({ outcome: 'answered', wrapUpComments: 'Done' });
    expect(seen.lookups).toEqual(['0612345678']);
    expect(seen.egards.map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    expect(seen.writeBacks).toHaveLength(1);
  });

  it('different ids, same caller within 3 s: matched to the first report', async () => {
    const side = await autoSide();
    await side.core.handleArgv([EXE, '/N:S', '/C:+31612345678', '/T:I', '/I:Assist-77'], 'socket');
    side.clock.advance(1500);
    cc!.upsert({
      id: 3,
      status: 'Ringing',
      dn: '1001',
      party_caller_id: '0612345678',
      party_dn_type: 'Wexternalline',
      callid: 900,
      legid: 1,
    });
    await wsSettled(side);
    side.clock.advance(4000);
    cc!.upsert({
      id: 3,
      status: 'Connected',
      dn: '1001',
      party_caller_id: '0612345678',
      callid: 900,
      legid: 1,
    });
    await wsSettled(side);
    expect(lastState(side, 'Assist-77')).toBe('connected');
    // Hang up from the card, which knows the call by the Assistant's id: 3CX gets its own.
    const hung = await side.core.invoke('call.control', { callId: 'Assist-77', action: 'drop' });
    expect(hung).toEqual({ ok: true, value: null });
    expect(cc!.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/callcontrol/1001/participants/3/drop',
    });
    cc!.remove('1001', 3);
    await wsSettled(side);
    const seen = await finish(side);
    expect(seen.cards).toEqual(['Assist-77']);
    expect(seen.journal.map((r) => [r.id, r.outcome])).toEqual([['Assist-77', 'answered']]);
  });

  it('Call Control goes down: it says so, and REST polling still pops the next call', async () => {
    const side = await autoSide();
    await cc!.stop();
    await until(() => status(side, 'call-control')?.state === 'down', 'Call Control down');
    expect(status(side, 'call-control')?.message).toMatch(/closed|cannot reach|WebSocket/);
    expect(status(side, 'rest-poll')?.state).toBe('ok');
    rest!.calls = [ringing(55, '0201234567')];
    await side.core.sources.get('rest-poll')!.pollNow!();
    expect(lastState(side, '55')).toBe('ringing');
    const seen = await finish(side);
    expect(seen.cards).toEqual(['55']);
  });

  it('switching events.source off stops the sources and clears their status', async () => {
    const side = await autoSide();
    const r = await side.core.invoke('settings.save', {
      patch: { events: { source: 'assistant' } },
    });
    expect(r.ok).toBe(true);
    await side.core.sources.reconfigure();
    expect(side.core.sources.statuses()).toEqual([]);
    await until(() => cc!.sockets() === 0, 'the WebSocket closed');
    await finish(side);
  });
});
