// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_AGENT_STATE, type AgentCallState } from '../../../shared/agent-calls';
import type { CallNotification } from '../../../shared/crm-args';
import { diffCallsInfo, parseCallsInfo, type LiveCall } from '../../../shared/live-calls';
import { PARTY_NUMBER_FIELDS, readParty } from '../../../shared/pbx-party';

const AGENT = '1001';
const CALLER = '+31612345678';
const ext = (dn: string) => ({ dn, type: 'Extension' });
const outside = (n: string) => ({ externalParty: n, type: 'ExternalLine' });

function call(over: Partial<Record<string, unknown>>): Record<string, unknown> {
  return {
    callID: 77,
    state: 'Routing',
    startedAt: '2026-12-01T09:00:00Z',
    answeredAt: null,
    owner: outside(CALLER),
    talkTo: [],
    routingTo: [ext(AGENT)],
    ...over,
  };
}

/** Runs snapshots through the parser and the differ; every notification in order. */
function play(snapshots: unknown[][], agent = AGENT): CallNotification[] {
  let state: AgentCallState = EMPTY_AGENT_STATE;
  const out: CallNotification[] = [];
  for (const calls of snapshots) {
    const r = parseCallsInfo(JSON.stringify({ count: calls.length, callsInfo: calls }));
    if (!r.ok) throw new Error(r.error);
    const d = diffCallsInfo(state, r.calls, agent);
    state = d.state;
    out.push(...d.notifications);
  }
  return out;
}

const brief = (ns: CallNotification[]) =>
  ns.map(
    (n) =>
      `${n.type} ${n.callId} ${n.direction} ${n.caller?.kind === 'number' ? n.caller.value : (n.caller?.kind ?? '-')}`,
  );

describe('parseCallsInfo', () => {
  it('reads the seed shape, with callID as a number or text', () => {
    const r = parseCallsInfo({ count: 2, callsInfo: [call({}), call({ callID: 'abc-9' })] });
    expect(r.ok && r.calls.map((c) => c.callId)).toEqual(['77', 'abc-9']);
    expect(r.ok && r.calls[0]!.state).toBe('Routing');
  });

  it('an empty PBX answers count 0 without a list', () => {
    expect(parseCallsInfo('{"count":0}')).toEqual({ ok: true, calls: [], problems: [] });
  });

  it('skips calls without callID and names them; keeps the rest', () => {
    const r = parseCallsInfo({ callsInfo: [{ state: 'Talking' }, call({}), 5, call({})] });
    expect(r.ok && r.calls.length).toBe(1);
    expect(r.ok && r.problems).toEqual([
      'callsInfo[0] has no callID (skipped)',
      'callsInfo[2] is not an object (skipped)',
      'callsInfo[3]: call 77 is listed twice (the first is used)',
    ]);
  });

  it('refuses what is not a callsinfo answer at all', () => {
    expect(parseCallsInfo('<html>login</html>').ok).toBe(false);
    expect(parseCallsInfo({ error: 'bad key' }).ok).toBe(false);
    expect(parseCallsInfo({ callsInfo: 'x' }).ok).toBe(false);
  });

  it('field names in any case, an unknown state as Unknown, a BOM before the JSON', () => {
    const r = parseCallsInfo(
      '\uFEFF' +
        JSON.stringify({
          CallsInfo: [
            { CallID: 5, State: 'talking' },
            { callID: 6, state: 'Weird' },
          ],
        }),
    );
    expect(r.ok && r.calls.map((c) => c.state)).toEqual(['Talking', 'Unknown']);
  });

  it('never throws, whatever arrives (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.anything()), (v) => {
        const r = parseCallsInfo(v);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every well-formed call, in order (property)', () => {
    const party = fc.oneof(
      fc.record({ dn: fc.stringMatching(/^\d{3,4}$/), type: fc.constant('Extension') }),
      fc.record({ externalParty: fc.stringMatching(/^\+?\d{7,12}$/) }),
    );
    const liveCall = fc.record({
      callID: fc.nat(),
      state: fc.constantFrom(
        'Unknown',
        'Initiating',
        'Routing',
        'Talking',
        'Transferring',
        'Rerouting',
      ),
      startedAt: fc.constant('2026-12-01T09:00:00Z'),
      answeredAt: fc.option(fc.constant('2026-12-01T09:00:05Z')),
      owner: party,
      talkTo: fc.array(party, { maxLength: 3 }),
      routingTo: fc.array(party, { maxLength: 3 }),
      junk: fc.jsonValue(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(liveCall, { selector: (c) => c.callID, maxLength: 8 }),
        (calls) => {
          const r = parseCallsInfo(JSON.stringify({ count: calls.length, callsInfo: calls }));
          expect(r.ok && r.calls.map((c) => c.callId)).toEqual(calls.map((c) => String(c.callID)));
          expect(r.ok && r.problems).toEqual([]);
        },
      ),
    );
  });
});

describe('party fields', () => {
  it.each(PARTY_NUMBER_FIELDS)('reads the number from %s', (f) => {
    expect(readParty({ [f]: '1001' }, AGENT)?.number).toBe('1001');
  });

  it('takes the first present field, a nested party object, and a bare number', () => {
    expect(readParty({ dn: '', number: '1002', DN: null }, AGENT)?.number).toBe('1002');
    expect(readParty({ internalParty: { dn: '1003', type: 'Extension' } }, AGENT)).toEqual({
      number: '1003',
      kind: 'extension',
    });
    expect(readParty(1004, AGENT)).toEqual({ number: '1004', kind: 'extension' });
  });

  it('kind from type/dnType, else from the field, else from the number', () => {
    expect(readParty({ dn: '800', dnType: 'Queue' }, AGENT)?.kind).toBe('service');
    expect(readParty({ dn: '10000', type: 'ExternalLine' }, AGENT)?.kind).toBe('external');
    expect(readParty({ externalParty: '555' }, AGENT)?.kind).toBe('external');
    expect(readParty({ number: '0612345678' }, AGENT)?.kind).toBe('external');
    expect(readParty({ number: '1002' }, AGENT)?.kind).toBe('extension');
  });
});

describe('snapshots to S / C / E', () => {
  it('ring → answer → hang-up of an inbound call', () => {
    const ringing = call({});
    const talking = call({
      state: 'Talking',
      answeredAt: 'x',
      talkTo: [ext(AGENT)],
      routingTo: [],
    });
    expect(brief(play([[], [ringing], [talking], [talking], []]))).toEqual([
      `S 77 inbound ${CALLER}`,
      `C 77 inbound ${CALLER}`,
      `E 77 inbound ${CALLER}`,
    ]);
  });

  it('a queue call ringing three agents that another agent takes: missed here', () => {
    const ringAll = call({
      routingTo: [ext('1002'), ext(AGENT), ext('1003')],
      talkTo: [],
    });
    const taken = call({ state: 'Talking', answeredAt: 'x', talkTo: [ext('1002')], routingTo: [] });
    expect(brief(play([[ringAll], [taken], []]))).toEqual([
      `S 77 inbound ${CALLER}`,
      `E 77 inbound ${CALLER}`,
    ]);
  });

  it('a queue that has answered (music on hold) does not make a ringing agent connected', () => {
    const queued = call({
      answeredAt: 'x',
      talkTo: [{ dn: '800', type: 'Queue' }],
      routingTo: [ext(AGENT)],
    });
    expect(brief(play([[queued]]))).toEqual([`S 77 inbound ${CALLER}`]);
  });

  it('a transfer to a colleague ends the call for the agent', () => {
    const talking = call({
      state: 'Talking',
      answeredAt: 'x',
      talkTo: [ext(AGENT)],
      routingTo: [],
    });
    const transferring = call({
      state: 'Transferring',
      answeredAt: 'x',
      talkTo: [ext(AGENT)],
      routingTo: [ext('1002')],
    });
    const withColleague = call({
      state: 'Talking',
      answeredAt: 'x',
      talkTo: [ext('1002')],
      routingTo: [],
    });
    expect(brief(play([[talking], [transferring], [withColleague]]))).toEqual([
      `S 77 inbound ${CALLER}`,
      `C 77 inbound ${CALLER}`,
      `E 77 inbound ${CALLER}`,
    ]);
  });

  it('an outbound call: the agent owns it, the number is the external party', () => {
    const dialing = call({
      callID: 90,
      owner: ext(AGENT),
      state: 'Routing',
      routingTo: [outside('0201234567')],
    });
    const talking = call({
      callID: 90,
      owner: ext(AGENT),
      state: 'Talking',
      answeredAt: 'x',
      talkTo: [outside('0201234567')],
      routingTo: [],
    });
    expect(brief(play([[dialing], [talking], []]))).toEqual([
      'S 90 outbound 0201234567',
      'C 90 outbound 0201234567',
      'E 90 outbound 0201234567',
    ]);
  });

  it('an outbound call whose number shows up only later carries it on C', () => {
    const initiating = call({ callID: 91, owner: ext(AGENT), state: 'Initiating', routingTo: [] });
    const talking = call({
      callID: 91,
      owner: ext(AGENT),
      state: 'Talking',
      answeredAt: 'x',
      talkTo: [outside('0201234567')],
    });
    expect(brief(play([[initiating], [talking]]))).toEqual([
      'S 91 outbound -',
      'C 91 outbound 0201234567',
    ]);
  });

  it('a call first seen already talking gives S and C at once; other agents’ calls nothing', () => {
    const talking = call({
      state: 'Talking',
      answeredAt: 'x',
      talkTo: [ext(AGENT)],
      routingTo: [],
    });
    const foreign = call({ callID: 5, talkTo: [ext('1002')], routingTo: [] });
    expect(brief(play([[talking, foreign]]))).toEqual([
      `S 77 inbound ${CALLER}`,
      `C 77 inbound ${CALLER}`,
    ]);
    expect(play([[talking]], '')).toEqual([]);
  });

  it('a withheld caller is withheld, as the Assistant reports it', () => {
    const anon = call({ owner: { externalParty: 'Anonymous', type: 'ExternalLine' } });
    const n = play([[anon]])[0]!;
    expect(n.caller).toEqual({ kind: 'withheld', raw: 'Anonymous' });
  });

  it('any run of snapshots: per call S first, at most one C, E last, nothing twice (property)', () => {
    const id = fc.constantFrom(1, 2, 3);
    const party = fc.constantFrom(ext(AGENT), ext('1002'), outside('0612345678'), {
      dn: '800',
      type: 'Queue',
    });
    const snap = fc.uniqueArray(
      fc.record({
        callID: id,
        state: fc.constantFrom('Routing', 'Talking'),
        answeredAt: fc.option(fc.constant('x')),
        owner: party,
        talkTo: fc.array(party, { maxLength: 2 }),
        routingTo: fc.array(party, { maxLength: 2 }),
      }),
      { selector: (c) => c.callID, maxLength: 3 },
    );
    fc.assert(
      fc.property(fc.array(snap, { maxLength: 8 }), (snaps) => {
        const ns = play([...snaps, []]);
        const byCall = new Map<string, string[]>();
        for (const n of ns) byCall.set(n.callId, [...(byCall.get(n.callId) ?? []), n.type]);
        for (const types of byCall.values()) {
          // A call can leave and come back (agent dropped out and was routed to again).
          const joined = types.join('');
          expect(joined).toMatch(/^(SC?E)+$/);
        }
        // A snapshot seen twice in a row changes nothing.
        for (const s of snaps) {
          const once = play([s]);
          const twice = play([s, s]);
          expect(twice).toEqual(once);
        }
      }),
      { numRuns: 300 },
    );
  });
});

export type { LiveCall };
