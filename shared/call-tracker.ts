// The call tracker: a pure reducer from 3CX notifications to one record per call.
// The Assistant starts 2–3 processes per call within a second and they race, so events
// arrive out of order, twice, or without S. Every field is merged with a commutative,
// idempotent rule (earliest time, highest state, first-class source), which is what makes
// any permutation or duplication of a call's events give the same record.

import type { Direction, NotificationType } from './crm-args';

export type CallState = 'ringing' | 'connected' | 'ended';
export type CallOutcome = 'answered' | 'missed' | 'not-answered' | 'end-unknown';

export interface TrackerEvent {
  type: NotificationType;
  callId: string;
  direction?: Direction;
  /** The caller's (inbound) or dialed (outbound) number, compact form. */
  number?: string;
  /** The caller id was present but not a number (Anonymous, empty). */
  withheld?: boolean;
  /** Receiving clock, ms since epoch. */
  at: number;
}

export interface CallRecord {
  /** Case-folded: Chromium may lower-case `/I:` on Windows (docs/decisions.md). */
  key: string;
  /** The call id as 3CX wrote it (the variant with capitals wins over a lower-cased copy). */
  id: string;
  direction: Direction | 'unknown';
  number: string | null;
  withheld: boolean;
  state: CallState;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome | null;
  /** Which notifications have been seen; a call without S was picked up mid-way. */
  seen: { S: boolean; C: boolean; E: boolean };
}

export const STALE_CALL_MS = 12 * 60 * 60 * 1000;

const STATE_RANK: Record<CallState, number> = { ringing: 0, connected: 1, ended: 2 };
const STATE_OF: Record<NotificationType, CallState> = { S: 'ringing', C: 'connected', E: 'ended' };
// A direction or number reported by S outranks one inferred from C or E.
const SOURCE_RANK: Record<NotificationType, number> = { S: 3, C: 2, E: 1 };

export function callKey(callId: string): string {
  return callId.toLowerCase();
}

function minOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export function outcomeOf(
  r: Pick<CallRecord, 'state' | 'answeredAt' | 'direction' | 'endedAt'>,
): CallOutcome | null {
  if (r.state !== 'ended') return null;
  if (r.answeredAt !== null) return 'answered';
  if (r.endedAt === null) return 'end-unknown';
  return r.direction === 'outbound' ? 'not-answered' : 'missed';
}

// Hidden per-record provenance so merges stay order-independent without widening CallRecord.
interface Provenance {
  directionRank: number;
  numberRank: number;
}
const provenance = new WeakMap<CallRecord, Provenance>();

export function reduceCall(prev: CallRecord | undefined, ev: TrackerEvent): CallRecord {
  const key = callKey(ev.callId);
  const evState = STATE_OF[ev.type];
  const rank = SOURCE_RANK[ev.type];
  const p = prev
    ? (provenance.get(prev) ?? { directionRank: 0, numberRank: 0 })
    : { directionRank: 0, numberRank: 0 };

  const base: CallRecord = prev ?? {
    key,
    id: ev.callId,
    direction: 'unknown',
    number: null,
    withheld: false,
    state: evState,
    startedAt: ev.at,
    answeredAt: null,
    endedAt: null,
    outcome: null,
    seen: { S: false, C: false, E: false },
  };

  let direction = base.direction;
  let directionRank = p.directionRank;
  if (
    ev.direction &&
    (rank > directionRank || (rank === directionRank && ev.direction < direction))
  ) {
    direction = ev.direction;
    directionRank = rank;
  }

  let number = base.number;
  let withheld = base.withheld;
  let numberRank = p.numberRank;
  if (
    ev.number &&
    (rank > numberRank || (rank === numberRank && (number === null || ev.number < number)))
  ) {
    number = ev.number;
    numberRank = rank;
  }
  if (ev.withheld) withheld = true;
  if (number !== null) withheld = false;

  const state = STATE_RANK[evState] > STATE_RANK[base.state] ? evState : base.state;
  const startedAt = Math.min(base.startedAt, ev.at);
  const answeredAt = ev.type === 'C' ? minOrNull(base.answeredAt, ev.at) : base.answeredAt;
  const endedAt = ev.type === 'E' ? minOrNull(base.endedAt, ev.at) : base.endedAt;

  const next: CallRecord = {
    key,
    id: ev.callId < base.id ? ev.callId : base.id,
    direction,
    number,
    withheld,
    state,
    startedAt,
    answeredAt,
    endedAt,
    outcome: null,
    seen: { ...base.seen, [ev.type]: true },
  };
  next.outcome = outcomeOf(next);
  provenance.set(next, { directionRank, numberRank });
  return next;
}

/** A call nobody ended within 12 hours is closed as "end unknown"; a late E still lands. */
export function closeIfStale(r: CallRecord, now: number, maxAgeMs = STALE_CALL_MS): CallRecord {
  if (r.state === 'ended' || now - r.startedAt < maxAgeMs) return r;
  const next: CallRecord = { ...r, state: 'ended', endedAt: null };
  next.outcome = 'end-unknown';
  const p = provenance.get(r);
  if (p) provenance.set(next, p);
  return next;
}

/** The calls in progress, by key. A settled call leaves it (the journal keeps it). */
export type TrackerState = ReadonlyMap<string, CallRecord>;

/** Ended with a known end: nothing but a duplicate can still arrive for it. */
export function isSettled(r: CallRecord): boolean {
  return r.state === 'ended' && r.outcome !== 'end-unknown';
}

export interface TrackerStep {
  state: TrackerState;
  prev: CallRecord | undefined;
  next: CallRecord;
}

/**
 * The reducer over all calls: one event in, the new state out (the old one is untouched).
 * `stored` supplies a call the state no longer holds: settled, or from an earlier run.
 */
export function applyEvent(
  state: TrackerState,
  ev: TrackerEvent,
  stored?: (key: string) => CallRecord | undefined,
): TrackerStep {
  const key = callKey(ev.callId);
  const prev = state.get(key) ?? stored?.(key);
  const next = reduceCall(prev, ev);
  const after = new Map(state);
  if (isSettled(next)) after.delete(key);
  else after.set(key, next);
  return { state: after, prev, next };
}

/** Closes every call in progress that had no end for 12 hours (see closeIfStale). */
export function closeStaleCalls(
  state: TrackerState,
  now: number,
): { state: TrackerState; closed: Array<{ prev: CallRecord; next: CallRecord }> } {
  const closed: Array<{ prev: CallRecord; next: CallRecord }> = [];
  const after = new Map(state);
  for (const [key, call] of state) {
    if (call.state === 'ended') continue;
    const next = closeIfStale(call, now);
    if (next === call) continue;
    after.set(key, next);
    closed.push({ prev: call, next });
  }
  return { state: closed.length ? after : state, closed };
}

/** Restores provenance for a record read back from storage (best effort: S outranks all). */
export function rehydrate(r: CallRecord): CallRecord {
  const copy = { ...r, seen: { ...r.seen } };
  const rank = r.seen.S ? SOURCE_RANK.S : r.seen.C ? SOURCE_RANK.C : r.seen.E ? SOURCE_RANK.E : 0;
  provenance.set(copy, {
    directionRank: r.direction === 'unknown' ? 0 : rank,
    numberRank: r.number === null ? 0 : rank,
  });
  return copy;
}
