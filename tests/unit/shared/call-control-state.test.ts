// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  diffAgentCalls,
  EMPTY_AGENT_STATE,
  type AgentCallState,
} from '../../../shared/agent-calls';
import {
  agentViewsOf,
  parseEntity,
  parseFullState,
  parseParticipant,
  parseWsMessage,
  removeParticipant,
  stateFrom,
  upsertParticipant,
  type CcState,
} from '../../../shared/call-control-state';
import type { CallNotification } from '../../../shared/crm-args';

const AGENT = '1001';

const leg = (over: Record<string, unknown>) => ({
  id: 1,
  status: 'Ringing',
  dn: AGENT,
  party_caller_name: 'Jansen',
  party_dn: '10000',
  party_caller_id: '+31612345678',
  party_dn_type: 'Wexternalline',
  direct_control: false,
  callid: 500,
  legid: 1,
  ...over,
});

function parsed(raw: Record<string, unknown>) {
  const r = parseParticipant(raw);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('parseWsMessage', () => {
  it('reads the examples’ shape with a numeric event_type', () => {
    const r = parseWsMessage(
      JSON.stringify({
        sequence: 12,
        event: { event_type: 0, entity: '/callcontrol/1001/participants/3', attached_data: null },
      }),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        sequence: 12,
        eventType: 0,
        entity: {
          kind: 'participant',
          dn: '1001',
          id: '3',
          path: '/callcontrol/1001/participants/3',
        },
      },
    });
  });

  it('accepts the type as digits or name (Upsert, the examples’ Upset, Remove)', () => {
    for (const [t, want] of [
      ['1', 1],
      ['Upsert', 0],
      ['Upset', 0],
      ['remove', 1],
    ] as const) {
      const r = parseWsMessage({ event: { event_type: t, entity: '/callcontrol/1001' } });
      expect(r.ok && r.value.eventType).toBe(want);
    }
  });

  it('refuses entities outside /callcontrol: the source GETs them with its token', () => {
    for (const e of [
      'http://evil.example/x',
      '/connect/token',
      '/callcontrol/../connect/token',
      '/callcontrol/1001/participants/3/drop',
      '//evil.example/callcontrol/1001',
      '/callcontrol/1001?x=1',
    ])
      expect(parseEntity(e).ok).toBe(false);
    expect(parseEntity('/callcontrol/1001/devices/abc').ok).toBe(true);
  });

  it('never throws on any message; an accepted entity is always a /callcontrol path (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue(),
          fc.record({
            sequence: fc.anything(),
            event: fc.record({
              event_type: fc.oneof(fc.integer(), fc.string()),
              entity: fc.oneof(fc.string(), fc.constant('/callcontrol/1001/participants/1')),
            }),
          }),
        ),
        (m) => {
          const r = parseWsMessage(typeof m === 'string' ? m : JSON.stringify(m));
          if (r.ok) {
            expect(r.value.entity.path.startsWith('/callcontrol/')).toBe(true);
            expect(r.value.entity.path).not.toMatch(/\.\.|\?|#|:\/\//);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('participants and state', () => {
  it('reads a DN state and skips a participant without id', () => {
    const r = parseFullState({
      dn: AGENT,
      type: 'Wextension',
      devices: [],
      participants: [leg({}), { status: 'x' }],
    });
    expect(r.ok && r.value[0]!.participants.map((p) => p.id)).toEqual(['1']);
    expect(r.problems).toEqual(['1001: the participant has no id']);
  });

  it('parsers never throw on anything (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        parseParticipant(v);
        parseFullState(v);
      }),
    );
  });

  it('queue leg and agent leg with one callid are one call; Connected makes it connected', () => {
    let s: CcState = stateFrom([]);
    s = upsertParticipant(s, parsed(leg({ id: 1 })));
    s = upsertParticipant(s, parsed(leg({ id: 2, party_dn: '800', party_dn_type: 'Wqueue' })));
    let views = agentViewsOf(s, AGENT);
    expect(views).toEqual([
      {
        callId: '500',
        direction: 'inbound',
        other: { number: '+31612345678', kind: 'external' },
        connected: false,
      },
    ]);
    s = upsertParticipant(s, parsed(leg({ id: 2, status: 'Connected' })));
    views = agentViewsOf(s, AGENT);
    expect(views[0]!.connected).toBe(true);
    s = removeParticipant(removeParticipant(s, AGENT, '1'), AGENT, '2');
    expect(agentViewsOf(s, AGENT)).toEqual([]);
  });

  it('Dialing means outbound; the party is the dialled number', () => {
    const s = upsertParticipant(
      stateFrom([]),
      parsed(leg({ status: 'Dialing', party_caller_id: '0201234567', party_dn: '0201234567' })),
    );
    expect(agentViewsOf(s, AGENT)[0]).toMatchObject({
      direction: 'outbound',
      other: { number: '0201234567', kind: 'external' },
    });
  });

  it('another DN’s participants are not the agent’s calls', () => {
    const s = upsertParticipant(stateFrom([]), parsed(leg({ dn: '1002' })));
    expect(agentViewsOf(s, AGENT)).toEqual([]);
  });

  it('any order of upserts and removes ends in S…C?…E per call (property)', () => {
    const op = fc.record({
      remove: fc.boolean(),
      id: fc.constantFrom(1, 2, 3),
      callid: fc.constantFrom(500, 501),
      status: fc.constantFrom('Ringing', 'Connected', 'Dialing'),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
        let s: CcState = stateFrom([]);
        let agent: AgentCallState = EMPTY_AGENT_STATE;
        const out: CallNotification[] = [];
        const step = () => {
          const d = diffAgentCalls(agent, agentViewsOf(s, AGENT));
          agent = d.state;
          out.push(...d.notifications);
        };
        for (const o of ops) {
          s = o.remove
            ? removeParticipant(s, AGENT, String(o.id))
            : upsertParticipant(s, parsed(leg({ id: o.id, callid: o.callid, status: o.status })));
          step();
        }
        s = stateFrom([]);
        step();
        const byCall = new Map<string, string>();
        for (const n of out) byCall.set(n.callId, (byCall.get(n.callId) ?? '') + n.type);
        for (const seq of byCall.values()) expect(seq).toMatch(/^(SC?E)+$/);
      }),
      { numRuns: 300 },
    );
  });
});
