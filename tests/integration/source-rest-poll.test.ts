// The REST API's live calls as an event source, through the real core: for each scripted run
// of callsinfo snapshots, the journal, the cards and the DBN/Egards deliveries are identical to
// the same call reported by the 3CX Assistant's argv.
import { afterEach, describe, expect, it } from 'vitest';
import {
  ext,
  external,
  startCallsInfoServer,
  type CallsInfoCall,
  type CallsInfoServer,
} from '../fixtures/pbx-callsinfo-server';
import {
  CALLER,
  expectSameAsArgv,
  finish,
  inboundArgv,
  lastState,
  outboundArgv,
  startSide,
  until,
  type Side,
} from '../fixtures/source-rig';

let srv: CallsInfoServer | null = null;
afterEach(async () => {
  await srv?.close();
  srv = null;
});

const base = (over: Partial<CallsInfoCall>): CallsInfoCall => ({
  callID: 4711,
  state: 'Routing',
  startedAt: '2026-12-01T09:00:00Z',
  answeredAt: null,
  owner: external(CALLER),
  talkTo: [],
  routingTo: [ext('1001')],
  ...over,
});
const talking = (over: Partial<CallsInfoCall> = {}) =>
  base({
    state: 'Talking',
    answeredAt: '2026-12-01T09:00:09Z',
    talkTo: [ext('1001')],
    routingTo: [],
    ...over,
  });

interface Step {
  at: number;
  calls: CallsInfoCall[] | 'down';
  argv: string[][];
}

async function restSide(): Promise<{ side: Side; poll: () => Promise<void> }> {
  srv = await startCallsInfoServer();
  const side = await startSide({
    events: { source: 'rest-poll', restPollMs: 1000 },
    pbx: { restApi: { enabled: true, baseUrl: srv.baseUrl, key: srv.key } },
  });
  const poll = async () => {
    const src = side.core.sources.get('rest-poll');
    if (!src?.pollNow) throw new Error('rest-poll is not running');
    await src.pollNow();
  };
  await poll();
  return { side, poll };
}

async function compare(steps: Step[], wrapUps: Record<string, string>) {
  const { side, poll } = await restSide();
  let t = 0;
  for (const step of steps) {
    if (step.calls === 'down') await srv!.stop();
    else {
      await srv!.restart();
      srv!.calls = step.calls;
    }
    side.clock.advance(step.at - t);
    t = step.at;
    await poll();
    await side.core.crm.drain();
  }
  const log = side.logger.lines.join('\n');
  const viaRest = await finish(side, wrapUps);
  expect(log).not.toContain(srv!.key);

  await expectSameAsArgv(viaRest, steps, wrapUps);
  return viaRest;
}

const I = inboundArgv;
const O = outboundArgv;

describe('REST live calls as an event source', () => {
  it('ring → answer → hang-up', async () => {
    const seen = await compare(
      [
        { at: 0, calls: [base({})], argv: [I('S')] },
        { at: 9000, calls: [talking()], argv: [I('C')] },
        { at: 129_000, calls: [], argv: [I('E')] },
      ],
      { '4711': 'Paid' },
    );
    expect(seen.journal[0]).toMatchObject({ id: '4711', outcome: 'answered', number: CALLER });
    expect(seen.cards).toEqual(['4711']);
    expect(seen.egards.map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    expect(seen.writeBacks.map((w) => w.cid)).toEqual([CALLER]);
  });

  it('a missed queue call that rings three agents', async () => {
    const ringAll = base({
      owner: external(CALLER),
      routingTo: [ext('1002'), ext('1001'), ext('1003')],
    });
    const seen = await compare(
      [
        { at: 0, calls: [ringAll], argv: [I('S')] },
        { at: 20_000, calls: [], argv: [I('E')] },
      ],
      {},
    );
    expect(seen.journal[0]).toMatchObject({ outcome: 'missed' });
    expect(seen.egards).toEqual([]);
  });

  it('a transfer to a colleague ends the call here when the colleague has it', async () => {
    await compare(
      [
        { at: 0, calls: [base({})], argv: [I('S')] },
        { at: 5000, calls: [talking()], argv: [I('C')] },
        {
          at: 60_000,
          calls: [talking({ state: 'Transferring', routingTo: [ext('1002')] })],
          argv: [],
        },
        { at: 70_000, calls: [talking({ talkTo: [ext('1002')] })], argv: [I('E')] },
      ],
      { '4711': 'Handed to 1002' },
    );
  });

  it('an outbound call', async () => {
    const dialing = base({ callID: 90, owner: ext('1001'), routingTo: [external('0201234567')] });
    const seen = await compare(
      [
        { at: 0, calls: [dialing], argv: [O('S', '90', '0201234567')] },
        {
          at: 8000,
          calls: [
            base({
              callID: 90,
              owner: ext('1001'),
              state: 'Talking',
              answeredAt: 'x',
              talkTo: [external('0201234567')],
              routingTo: [],
            }),
          ],
          argv: [O('C', '90', '0201234567')],
        },
        { at: 68_000, calls: [], argv: [O('E', '90', '0201234567')] },
      ],
      { '90': 'Called back' },
    );
    expect(seen.journal[0]).toMatchObject({ direction: 'outbound', number: '0201234567' });
    expect(seen.egards[0]?.body.type).toBe('Outgoing');
  });

  it('a PBX that cannot be reached: the call that vanished meanwhile ends at the first poll that reads it', async () => {
    await compare(
      [
        { at: 0, calls: [base({})], argv: [I('S')] },
        { at: 5000, calls: [talking()], argv: [I('C')] },
        { at: 30_000, calls: 'down', argv: [] },
        { at: 60_000, calls: [], argv: [I('E')] },
      ],
      { '4711': 'ok' },
    );
  });

  it('says so while the PBX is unreachable and backs off; recovers by itself', async () => {
    const { side, poll } = await restSide();
    srv!.calls = [base({})];
    await poll();
    await srv!.stop();
    await poll();
    const status = side.core.sources.statuses().find((s) => s.source === 'rest-poll');
    expect(status?.state).toBe('down');
    expect(status?.message).toMatch(
      /cannot read the PBX's live calls \(.*unreachable.*\); next try in \d+ s/,
    );
    expect(side.logger.lines.some((l) => l.startsWith('warn REST live calls: cannot read'))).toBe(
      true,
    );
    await srv!.restart();
    // The next try comes from the backoff timer, not from the test.
    const before = srv!.polls();
    side.clock.advance(status?.retryInMs ?? 0);
    await until(() => srv!.polls() > before, 'the retry after the backoff');
    await until(() => side.core.sources.statuses()[0]?.state === 'ok', 'status ok');
    expect(lastState(side, '4711')).toBe('ringing');
    await finish(side);
  });

  it('an answer that is not callsinfo keeps the calls and says why', async () => {
    const { side, poll } = await restSide();
    srv!.calls = [base({})];
    await poll();
    srv!.rawBody = '<html>Login</html>';
    await poll();
    expect(side.core.sources.statuses()[0]?.message).toMatch(/expected JSON/);
    expect(lastState(side, '4711')).toBe('ringing');
    await finish(side);
  });
});
