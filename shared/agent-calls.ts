// What both PBX event sources have in common: from the agent's calls as seen in one look at the
// PBX (a callsinfo snapshot, or the Call Control state after a change), the S / C / E
// notifications that the 3CX Assistant would have sent for the same change. The output is the
// CallNotification of crm-args.ts, so everything downstream cannot tell the sources apart.
import { parseCallerId, type CallNotification, type Direction } from './crm-args';
import type { Party } from './pbx-party';

/** One call the agent takes part in, in one look at the PBX. */
export interface AgentCallView {
  callId: string;
  direction: Direction;
  /** The other side: the external party, else a colleague's extension; null while unknown. */
  other: Party | null;
  /** The agent talks on it (answered). */
  connected: boolean;
}

/** What the differ remembers per call between two looks. */
export interface TrackedCall {
  callId: string;
  direction: Direction;
  other: Party | null;
  connected: boolean;
}

export type AgentCallState = ReadonlyMap<string, TrackedCall>;

export const EMPTY_AGENT_STATE: AgentCallState = new Map();

function notification(t: TrackedCall, type: CallNotification['type']): CallNotification {
  const n: CallNotification = { type, callId: t.callId, direction: t.direction };
  if (t.other) n.caller = parseCallerId(t.other.number);
  // The Assistant sends an inbound S without /C: for a withheld caller; the same here.
  else if (t.direction === 'inbound' && type === 'S') n.caller = { kind: 'withheld', raw: '' };
  return n;
}

/**
 * The notifications that take the agent's calls from `prev` to `next`, and the new state.
 * A call seen for the first time gives S (and C at once when it is already connected); a call
 * that becomes connected gives C; a call no longer in `next` gives E. Direction is fixed at the
 * first sighting; a number learnt later travels with the following C or E. Ids compare as
 * given (the PBX's ids are numbers).
 */
export function diffAgentCalls(
  prev: AgentCallState,
  next: readonly AgentCallView[],
): { notifications: CallNotification[]; state: AgentCallState } {
  const out: CallNotification[] = [];
  const state = new Map<string, TrackedCall>();
  for (const view of next) {
    if (state.has(view.callId)) continue;
    const before = prev.get(view.callId);
    if (!before) {
      const t: TrackedCall = { ...view };
      out.push(notification(t, 'S'));
      if (t.connected) out.push(notification(t, 'C'));
      state.set(t.callId, t);
      continue;
    }
    const t: TrackedCall = {
      callId: before.callId,
      direction: before.direction,
      other: before.other ?? view.other,
      connected: before.connected || view.connected,
    };
    if (t.connected && !before.connected) out.push(notification(t, 'C'));
    state.set(t.callId, t);
  }
  for (const [id, t] of prev) if (!state.has(id)) out.push(notification(t, 'E'));
  return { notifications: out, state };
}

/** Every call in `state` ended (the source is switched off, or the PBX lost all state). */
export function endAll(state: AgentCallState): CallNotification[] {
  return diffAgentCalls(state, []).notifications;
}
