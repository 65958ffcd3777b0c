// The 3CX V20 Call Control API as an event source, through the real core and a real
// WebSocket: for each scripted run of participant changes (and socket drops, token expiry, a
// PBX restart) the journal, the cards and the DBN/Egards deliveries are identical to the same
// call reported by the 3CX Assistant's argv.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startCallControlServer,
  type CallControlServer,
  type CcParticipantFixture,
} from '../fixtures/call-control-server';
import {
  CALLER,
  expectSameAsArgv,
  finish,
  inboundArgv,
  outboundArgv,
  startSide,
  until,
  type Side,
} from '../fixtures/source-rig';

let cc: CallControlServer | null = null;
afterEach(async () => {
  await cc?.close();
  cc = null;
});

const leg = (over: Partial<CcParticipantFixture> = {}): CcParticipantFixture => ({
  id: 1,
  status: 'Ringing',
  dn: '1001',
  party_caller_name: 'Jansen',
  party_dn: '10000',
  party_caller_id: CALLER,
  party_dn_type: 'Wexternalline',
  direct_control: false,
  callid: 4711,
  legid: 1,
  ...over,
});

type Act = (server: CallControlServer, side: Side) => Promise<void> | void;
interface Step {
  at: number;
  act: Act;
  argv: string[][];
}

const status = (side: Side) =>
  side.core.sources.statuses().find((s) => s.source === 'call-control');

/** Lets the fake clock's reconnect timers fire (backoff 0 in tests) until the source is back. */
async function pumpUntilConnected(side: Side): Promise<void> {
  const end = Date.now() + 10_000;
  while (status(side)?.state !== 'ok') {
    if (Date.now() > end) throw new Error(`no reconnect: ${status(side)?.message}`);
    side.clock.advance(0);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function settle(side: Side): Promise<void> {
  const src = side.core.sources.get('call-control');
  await until(
    () => (src?.handled?.() ?? 0) >= cc!.sent.length,
    'the source to handle every message',
  );
  await src?.idle?.();
  await side.core.crm.drain();
}

async function ccSide(monitored = ['1001']): Promise<Side> {
  cc = await startCallControlServer({ monitored });
  const side = await startSide({
    events: { source: 'call-control' },
    dialer: { via: 'call-control' },
    pbx: {
      callControl: {
        enabled: true,
        baseUrl: cc.url,
        clientId: cc.clientId,
        clientSecret: cc.clientSecret,
      },
    },
  });
  await until(() => status(side)?.state === 'ok', 'Call Control connected');
  return side;
}

async function compare(steps: Step[], wrapUps: Record<string, string>, monitored?: string[]) {
  const side = await ccSide(monitored);
  let t = 0;
  for (const step of steps) {
    side.clock.advance(step.at - t);
    t = step.at;
    await step.act(cc!, side);
    await settle(side);
  }
  const log = side.logger.lines.join('\n');
  const viaCc = await finish(side, wrapUps);

  await expectSameAsArgv(viaCc, steps, wrapUps);
  // No token, no secret in the log, ever.
  for (const token of cc!.validTokens) expect(log).not.toContain(token);
  expect(log).not.toContain(cc!.clientSecret);
  return viaCc;
}

const I = inboundArgv;
const O = outboundArgv;
const tokenRequests = () => cc!.requests.filter((r) => r.path === '/connect/token').length;

describe('3CX Call Control as an event source', () => {
  it('ring → answer → hang-up', async () => {
    const seen = await compare(
      [
        { at: 0, act: (s) => s.upsert(leg()), argv: [I('S')] },
        { at: 9000, act: (s) => s.upsert(leg({ status: 'Connected' })), argv: [I('C')] },
        { at: 129_000, act: (s) => s.remove('1001', 1), argv: [I('E')] },
      ],
      { '4711': 'Paid' },
    );
    expect(seen.journal[0]).toMatchObject({ outcome: 'answered', number: CALLER });
    expect(seen.egards.map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    // The WebSocket handshake carried the token as a Bearer header.
    const upgrade = cc!.requests.find((r) => r.method === 'UPGRADE');
    expect(upgrade?.headers.authorization).toMatch(/^Bearer [0-9a-f]{32}$/);
  });

  it('a missed queue call ringing three agents (queue leg and agent leg: one card)', async () => {
    const dns = ['1001', '1002', '1003', '800'];
    const seen = await compare(
      [
        {
          at: 0,
          act: (s) => {
            s.upsert(leg({ id: 10, dn: '800', party_dn_type: 'Wexternalline' }));
            s.upsert(leg({ id: 11, dn: '1002' }));
            s.upsert(leg({ id: 12, dn: '1001' }));
            s.upsert(leg({ id: 14, dn: '1001', party_dn: '800', party_dn_type: 'Wqueue' }));
            s.upsert(leg({ id: 13, dn: '1003' }));
          },
          argv: [I('S')],
        },
        {
          at: 25_000,
          act: (s) => {
            for (const [dn, id] of [
              ['1002', 11],
              ['1001', 12],
              ['1001', 14],
              ['1003', 13],
              ['800', 10],
            ] as const)
              s.remove(dn, id);
          },
          argv: [I('E')],
        },
      ],
      {},
      dns,
    );
    expect(seen.cards).toEqual(['4711']);
    expect(seen.journal).toHaveLength(1);
    expect(seen.journal[0]).toMatchObject({ outcome: 'missed' });
    // Only the agent's DN is read back; the other agents' changes cost nothing.
    const reads = cc!.requests.filter(
      (r) => r.method === 'GET' && r.path.includes('/participants/'),
    );
    expect(reads.every((r) => r.path.startsWith('/callcontrol/1001/'))).toBe(true);
  });

  it('a transfer to a colleague from the card ends the call here', async () => {
    await compare(
      [
        { at: 0, act: (s) => s.upsert(leg()), argv: [I('S')] },
        { at: 4000, act: (s) => s.upsert(leg({ status: 'Connected' })), argv: [I('C')] },
        {
          at: 50_000,
          act: async (s, side) => {
            // Something that is not a number is refused before anything is sent.
            const bad = await side.core.invoke('call.control', {
              callId: '4711',
              action: 'transferto',
              destination: '1002/../../makecall',
            });
            expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
            // The agent transfers from the card.
            const r = await side.core.invoke('call.control', {
              callId: '4711',
              action: 'transferto',
              destination: '1002',
            });
            expect(r).toEqual({ ok: true, value: null });
            s.remove('1001', 1);
          },
          argv: [I('E')],
        },
      ],
      { '4711': 'Handed over' },
    );
    const post = cc!.requests.find((r) => r.path.endsWith('/transferto'));
    expect(post).toMatchObject({
      method: 'POST',
      path: '/callcontrol/1001/participants/1/transferto',
    });
    expect(JSON.parse(post!.body)).toEqual({ destination: '1002' });
  });

  it('an outbound call dialled from CallPop through makecall', async () => {
    const out = {
      callid: 90,
      party_caller_id: '0201234567',
      party_dn: '0201234567',
      originated_by_dn: '1001',
    };
    const seen = await compare(
      [
        {
          at: 0,
          act: async (s, side) => {
            // The agent dials from CallPop (dialer.via call-control): 3CX's makecall.
            const r = await side.core.invoke('dial', { number: '020 123 4567' });
            expect(r).toEqual({ ok: true, value: { via: 'call-control' } });
            s.upsert(leg({ ...out, status: 'Dialing' }));
          },
          argv: [O('S', '90', '0201234567')],
        },
        {
          at: 7000,
          act: (s) => s.upsert(leg({ ...out, status: 'Connected' })),
          argv: [O('C', '90', '0201234567')],
        },
        { at: 67_000, act: (s) => s.remove('1001', 1), argv: [O('E', '90', '0201234567')] },
      ],
      { '90': 'Offer sent' },
    );
    expect(seen.journal[0]).toMatchObject({ direction: 'outbound', outcome: 'answered' });
    const mk = cc!.requests.find((r) => r.path === '/callcontrol/1001/makecall');
    expect(JSON.parse(mk!.body)).toEqual({ destination: '0201234567' });
  });

  it('the WebSocket dropped mid-call: a hang-up missed meanwhile ends the call at reconnect', async () => {
    await compare(
      [
        { at: 0, act: (s) => s.upsert(leg()), argv: [I('S')] },
        { at: 9000, act: (s) => s.upsert(leg({ status: 'Connected' })), argv: [I('C')] },
        {
          at: 30_000,
          act: async (s, side) => {
            s.dropSockets();
            await until(() => status(side)?.state === 'down', 'the drop to be noticed');
            s.silently(() => s.remove('1001', 1));
          },
          argv: [],
        },
        { at: 45_000, act: (_s, side) => pumpUntilConnected(side), argv: [I('E')] },
      ],
      { '4711': 'ok' },
    );
  });

  it('the WebSocket dropped while ringing: an answer missed meanwhile is C at reconnect, nothing twice', async () => {
    await compare(
      [
        { at: 0, act: (s) => s.upsert(leg()), argv: [I('S')] },
        {
          at: 3000,
          act: async (s, side) => {
            s.dropSockets();
            await until(() => status(side)?.state === 'down', 'the drop to be noticed');
            s.silently(() => s.upsert(leg({ status: 'Connected' })));
          },
          argv: [],
        },
        { at: 6000, act: (_s, side) => pumpUntilConnected(side), argv: [I('C')] },
        { at: 90_000, act: (s) => s.remove('1001', 1), argv: [I('E')] },
      ],
      { '4711': 'ok' },
    );
  });

  it('a token that expires mid-call: a fresh one, once, and the call goes on', async () => {
    await compare(
      [
        { at: 0, act: (s) => s.upsert(leg()), argv: [I('S')] },
        {
          at: 9000,
          act: (s) => {
            expect(tokenRequests()).toBe(1);
            s.expireTokens();
            s.upsert(leg({ status: 'Connected' }));
          },
          argv: [I('C')],
        },
        { at: 129_000, act: (s) => s.remove('1001', 1), argv: [I('E')] },
      ],
      { '4711': 'ok' },
    );
    expect(tokenRequests()).toBe(2);
    const refused = cc!.requests.filter((r) => r.status === 401);
    expect(refused).toHaveLength(1);
  });

  it('a PBX restart (all state and tokens gone): the call ends at reconnect', async () => {
    await compare(
      [
        { at: 0, act: (s) => s.upsert(leg()), argv: [I('S')] },
        { at: 9000, act: (s) => s.upsert(leg({ status: 'Connected' })), argv: [I('C')] },
        {
          at: 30_000,
          act: async (s, side) => {
            await s.stop();
            await until(() => status(side)?.state === 'down', 'the restart to be noticed');
            side.clock.advance(0); // one failed attempt while the PBX is down
            await until(
              () => /ECONNREFUSED|cannot reach|closed|WebSocket/.test(status(side)?.message ?? ''),
              'a failed attempt',
            );
          },
          argv: [],
        },
        {
          at: 60_000,
          act: async (s, side) => {
            await s.restart({ clearState: true });
            await pumpUntilConnected(side);
          },
          argv: [I('E')],
        },
      ],
      { '4711': 'ok' },
    );
    // The old token was refused on the handshake and not tried again.
    const upgrades = cc!.requests.filter((r) => r.method === 'UPGRADE').map((r) => r.status);
    expect(upgrades.at(-1)).toBe(101);
    expect(upgrades.filter((x) => x === 401).length).toBeLessThanOrEqual(1);
  });

  it('an extension the API client does not monitor: the status says what to fix', async () => {
    cc = await startCallControlServer({ monitored: ['1002'] });
    const side = await startSide({
      events: { source: 'call-control' },
      pbx: {
        callControl: {
          enabled: true,
          baseUrl: cc.url,
          clientId: cc.clientId,
          clientSecret: cc.clientSecret,
        },
      },
    });
    await until(() => status(side)?.state === 'down', 'the refusal');
    expect(status(side)?.message).toMatch(/monitored extensions/);
    // A set-up fault is retried slowly (30 s or more), not every half second.
    expect(status(side)?.retryInMs).toBeGreaterThanOrEqual(30_000);
    await finish(side);
  });

  it('bad messages are skipped and logged; the calls go on', async () => {
    const side = await ccSide();
    cc!.upsert(leg());
    cc!.broadcast('not json');
    cc!.broadcast(
      JSON.stringify({ sequence: 1, event: { event_type: 0, entity: 'http://evil.example/' } }),
    );
    cc!.upsert(leg({ status: 'Connected' }));
    await until(() => (side.core.sources.get('call-control')?.handled?.() ?? 0) >= 4, 'all four');
    await side.core.sources.get('call-control')?.idle?.();
    expect(side.logger.lines.filter((l) => l.includes('ignored a WebSocket message'))).toHaveLength(
      2,
    );
    expect(cc!.requests.some((r) => r.path.includes('evil'))).toBe(false);
    const seen = await finish(side);
    expect(seen.journal[0]).toMatchObject({ state: 'connected' });
  });
});
