// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyEvent,
  closeIfStale,
  closeStaleCalls,
  reduceCall,
  STALE_CALL_MS,
  type CallRecord,
  type TrackerEvent,
  type TrackerState,
} from '../../../shared/call-tracker';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

function run(events: TrackerEvent[]): CallRecord {
  let r: CallRecord | undefined;
  for (const e of events) r = reduceCall(r, e);
  if (!r) throw new Error('no events');
  return r;
}

const S = (at: number, extra: Partial<TrackerEvent> = {}): TrackerEvent => ({
  type: 'S',
  callId: 'c1',
  direction: 'inbound',
  number: '0612345678',
  at,
  ...extra,
});
const C = (at: number, extra: Partial<TrackerEvent> = {}): TrackerEvent => ({
  type: 'C',
  callId: 'c1',
  direction: 'inbound',
  at,
  ...extra,
});
const E = (at: number, extra: Partial<TrackerEvent> = {}): TrackerEvent => ({
  type: 'E',
  callId: 'c1',
  direction: 'inbound',
  at,
  ...extra,
});

describe('call tracker', () => {
  it('records an answered inbound call with its timings', () => {
    const r = run([S(T0), C(T0 + 5000), E(T0 + 65_000)]);
    expect(r).toMatchObject({
      state: 'ended',
      outcome: 'answered',
      direction: 'inbound',
      number: '0612345678',
      startedAt: T0,
      answeredAt: T0 + 5000,
      endedAt: T0 + 65_000,
    });
  });

  it('marks an inbound call that ended unanswered as missed', () => {
    expect(run([S(T0), E(T0 + 20_000)]).outcome).toBe('missed');
  });

  it('marks an outbound call that ended unanswered as not answered', () => {
    const r = run([
      { type: 'S', callId: 'o', direction: 'outbound', at: T0 },
      { type: 'E', callId: 'o', direction: 'outbound', at: T0 + 9000 },
    ]);
    expect(r.outcome).toBe('not-answered');
    expect(r.number).toBeNull();
  });

  it('never moves a call backwards: E then a late C keeps it ended and answered', () => {
    const r = run([S(T0), E(T0 + 30_000), C(T0 + 29_000)]);
    expect(r.state).toBe('ended');
    expect(r.outcome).toBe('answered');
  });

  it('handles a call seen only from C onwards (no S)', () => {
    const r = run([C(T0), E(T0 + 1000)]);
    expect(r).toMatchObject({
      state: 'ended',
      outcome: 'answered',
      number: null,
      seen: { S: false, C: true, E: true },
    });
  });

  it('tracks several calls at once, keyed by call id, case-insensitively', () => {
    let state: TrackerState = new Map();
    state = applyEvent(state, S(T0, { callId: 'A1' })).state;
    state = applyEvent(state, S(T0 + 1, { callId: 'B2', number: '0201234567' })).state;
    state = applyEvent(state, C(T0 + 2, { callId: 'a1' })).state;
    expect(state.size).toBe(2);
    expect(state.get('a1')).toMatchObject({ id: 'A1', state: 'connected' });
    expect(state.get('b2')).toMatchObject({ state: 'ringing', number: '0201234567' });
  });

  it('lets a settled call leave the state, and merges a late event with the stored record', () => {
    let state: TrackerState = new Map();
    state = applyEvent(state, S(T0, { callId: 'A1', number: '0201234567' })).state;
    const ended = applyEvent(state, E(T0 + 5, { callId: 'A1' }));
    expect(ended.state.size).toBe(0);
    expect(ended.next).toMatchObject({ state: 'ended', outcome: 'missed' });
    // A late C after the call left: the journal's record is the base, nothing moves back.
    const late = applyEvent(ended.state, C(T0 + 9, { callId: 'a1' }), () => ended.next);
    expect(late.prev).toBe(ended.next);
    expect(late.next).toMatchObject({ state: 'ended', number: '0201234567' });
    expect(late.state.size).toBe(0);
  });

  it('closes every stale call in progress at once and leaves the others', () => {
    let state: TrackerState = new Map();
    state = applyEvent(state, S(T0, { callId: 'old' })).state;
    state = applyEvent(state, S(T0 + STALE_CALL_MS - 10, { callId: 'new' })).state;
    const { state: after, closed } = closeStaleCalls(state, T0 + STALE_CALL_MS);
    expect(closed.map((c) => [c.prev.state, c.next.outcome])).toEqual([['ringing', 'end-unknown']]);
    expect(after.get('old')).toMatchObject({ outcome: 'end-unknown' });
    expect(after.get('new')).toMatchObject({ state: 'ringing' });
    expect(closeStaleCalls(after, T0 + STALE_CALL_MS).closed).toEqual([]);
  });

  it('does not change the previous state (pure reducer)', () => {
    const before: TrackerState = new Map();
    const after = applyEvent(before, S(T0)).state;
    expect(before.size).toBe(0);
    expect(after.size).toBe(1);
  });

  it('closes a call with no end after 12 hours as "end unknown", and a late E still lands', () => {
    const open = run([S(T0), C(T0 + 1000)]);
    expect(closeIfStale(open, T0 + STALE_CALL_MS - 1)).toBe(open);
    const closed = closeIfStale(open, T0 + STALE_CALL_MS);
    expect(closed).toMatchObject({ state: 'ended', outcome: 'end-unknown', endedAt: null });
    const late = reduceCall(closed, E(T0 + STALE_CALL_MS + 5));
    expect(late).toMatchObject({
      state: 'ended',
      outcome: 'answered',
      endedAt: T0 + STALE_CALL_MS + 5,
    });
  });

  it('a withheld caller stays withheld; a number wins over it', () => {
    expect(run([S(T0, { number: undefined, withheld: true })]).withheld).toBe(true);
    expect(
      run([S(T0, { number: undefined, withheld: true }), S(T0, { number: '0612345678' })]).withheld,
    ).toBe(false);
  });

  it('property: every permutation and duplication of S/C/E gives the same final record', () => {
    const event = fc.record({
      type: fc.constantFrom<'S' | 'C' | 'E'>('S', 'C', 'E'),
      at: fc.integer({ min: T0, max: T0 + 3_600_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<'inbound' | 'outbound'>('inbound', 'outbound'),
        fc.option(fc.stringMatching(/^\+?[0-9]{6,12}$/), { nil: undefined }),
        fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        (base, direction, number, callId, noise) => {
          const events: TrackerEvent[] = base.map((e) => ({
            type: e.type,
            at: e.at,
            callId,
            direction,
            ...(e.type === 'S' && number ? { number } : {}),
          }));
          const reference = run(events);
          // A shuffled copy with duplicates, some with the call id lower-cased as Chromium does.
          const shuffled = [...events, ...events.filter((_, i) => (noise[i] ?? 0) % 2 === 0)]
            .map((e, i) => ({ e, k: noise[i % noise.length] ?? 0 }))
            .sort((a, b) => a.k - b.k)
            .map(({ e }, i) =>
              (noise[i % noise.length] ?? 0) % 3 === 0
                ? { ...e, callId: e.callId.toLowerCase() }
                : e,
            );
          const other = run(shuffled);
          // The display id prefers the original case, so compare it case-insensitively.
          expect({ ...other, id: other.id.toLowerCase() }).toEqual({
            ...reference,
            id: reference.id.toLowerCase(),
          });
          // Of the spellings that arrived, the one with capitals (sorts first) is kept.
          expect(other.id).toBe(shuffled.map((e) => e.callId).sort()[0]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
