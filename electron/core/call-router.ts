// notification → tracker → pushes → journal → effects. Everything a 3CX event causes starts
// here, in one synchronous step per event, so 2–3 racing launches per call are applied one at a
// time. The state of the calls in progress is the tracker's (shared/call-tracker.ts, applyEvent).
// The card's data is pushed before the journal is written and before any effect (CRM lookups,
// outbox) runs, so none of them delays the card; the step as a whole (and so the launcher's
// acknowledgement) still ends only once the event is journaled.
import type { CallNotification } from '../../shared/crm-args';
import {
  applyEvent,
  callKey,
  closeStaleCalls,
  rehydrate,
  type CallRecord,
  type TrackerEvent,
  type TrackerState,
} from '../../shared/call-tracker';
import type { Settings } from '../../shared/settings-schema';
import type { Journal } from './journal';
import type { Clock, Logger } from './core-types';
import { epochNow, type EventTrace } from './latency';

/** An outbound S has no /C:; its number is the one CallPop just dialed (docs/decisions.md). */
export const DIAL_CORRELATION_MS = 10_000;

export interface RouterEvents {
  /** The call's new state, for the windows. */
  changed(prev: CallRecord | undefined, next: CallRecord): void;
  showCard(call: CallRecord): void;
  /** After the journal has the change: what may take time (CRM effects, the outbox). */
  settled?(prev: CallRecord | undefined, next: CallRecord): void;
}

export interface CallRouter {
  /** `trace` (optional) gets the stage marks of the latency budget. */
  apply(n: CallNotification, argv: readonly string[], trace?: EventTrace): CallRecord;
  noteDial(number: string): void;
  get(key: string): CallRecord | undefined;
  /** Cards currently shown, oldest first. */
  cards(): string[];
  dismiss(key: string): boolean;
  closeStaleCalls(): number;
}

export function createCallRouter(deps: {
  journal: Journal;
  clock: Clock;
  logger: Logger;
  settings: () => Settings;
  events: RouterEvents;
}): CallRouter {
  // The tracker's state: the calls in progress. Settled calls are read back from the journal.
  let live: TrackerState = new Map(deps.journal.openCalls().map((r) => [r.key, rehydrate(r)]));
  const stored = (key: string): CallRecord | undefined => {
    const row = deps.journal.get(key);
    return row ? rehydrate(row) : undefined;
  };
  const cards = new Set<string>();
  // Calls whose card was shown once: a late duplicate S must not pop it again after Esc.
  const popped = new Set<string>();
  let lastDial: { number: string; at: number } | null = null;

  const current = (key: string): CallRecord | undefined => live.get(key) ?? stored(key);

  function wantsCard(call: CallRecord): boolean {
    const s = deps.settings().popup;
    if (s.paused || popped.has(call.key)) return false;
    if (call.state === 'ended') return false;
    if (call.direction === 'outbound') return true;
    return s.showOn === 'ring' || call.state === 'connected';
  }

  return {
    apply(n, argv, trace) {
      const at = deps.clock.now();
      const ev: TrackerEvent = { type: n.type, callId: n.callId, at };
      if (n.direction) ev.direction = n.direction;
      if (n.caller?.kind === 'number') ev.number = n.caller.value;
      if (n.caller?.kind === 'withheld') ev.withheld = true;
      if (
        n.type === 'S' &&
        n.direction === 'outbound' &&
        !ev.number &&
        lastDial &&
        at - lastDial.at <= DIAL_CORRELATION_MS
      ) {
        ev.number = lastDial.number;
        lastDial = null;
      }
      const key = callKey(n.callId);
      const step = applyEvent(live, ev, stored);
      const { prev, next } = step;
      if (trace) {
        trace.callId = next.id;
        trace.type = n.type;
        trace.marks.applied = epochNow();
      }
      live = step.state;
      // A new card is shown before the change's own push: the card is what the agent waits
      // for, and the renderer handles the two pushes in the order they come.
      if (wantsCard(next)) {
        popped.add(key);
        cards.add(key);
        deps.events.showCard(next);
        if (trace) trace.card = true;
      }
      deps.events.changed(prev, next);
      if (trace) trace.marks.pushed = epochNow();
      deps.journal.record({ type: n.type, callKey: key, at, argv }, next);
      if (trace) trace.marks.committed = epochNow();
      deps.events.settled?.(prev, next);
      return next;
    },
    noteDial(number) {
      lastDial = { number, at: deps.clock.now() };
    },
    get: current,
    cards: () => [...cards],
    dismiss: (key) => cards.delete(key),
    closeStaleCalls() {
      const { state, closed } = closeStaleCalls(live, deps.clock.now());
      for (const { next } of closed) deps.journal.upsert(next);
      live = state;
      for (const { prev, next } of closed) {
        deps.logger.warn(`call ${prev.id} had no end after 12 hours; closed as "end unknown"`);
        deps.events.changed(prev, next);
        deps.events.settled?.(prev, next);
      }
      return closed.length;
    },
  };
}
