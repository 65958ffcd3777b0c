// The REST API's live calls (`pbx.callsinfo.get`): a lenient parser for its answer, and the
// rule that picks the agent's calls out of one snapshot. Turning two snapshots into S / C / E
// is agent-calls.ts, shared with the Call Control source.
import { diffAgentCalls, type AgentCallState, type AgentCallView } from './agent-calls';
import type { CallNotification, Direction } from './crm-args';
import { readParty, type Party } from './pbx-party';

export const LIVE_CALL_STATES = [
  'Unknown',
  'Initiating',
  'Routing',
  'Talking',
  'Transferring',
  'Rerouting',
] as const;
export type LiveCallState = (typeof LIVE_CALL_STATES)[number];

/** A party as the snapshot gave it; `raw` is kept so the agent's extension decides the kind. */
export interface LiveCall {
  callId: string;
  state: LiveCallState;
  startedAt: string | null;
  answeredAt: string | null;
  did: string | null;
  owner: unknown;
  talkTo: unknown[];
  routingTo: unknown[];
}

export type CallsInfoResult =
  { ok: true; calls: LiveCall[]; problems: string[] } | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `obj[name]`, or the first key that equals `name` ignoring case. */
function field(obj: Obj, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

function idOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '' && v.trim().length <= 200) return v.trim();
  return null;
}

function textOrNull(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function stateOf(v: unknown): LiveCallState {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < LIVE_CALL_STATES.length)
    return LIVE_CALL_STATES[v]!;
  if (typeof v !== 'string') return 'Unknown';
  const hit = LIVE_CALL_STATES.find((s) => s.toLowerCase() === v.trim().toLowerCase());
  return hit ?? 'Unknown';
}

function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.filter((p) => p !== null && p !== undefined);
  if (v === null || v === undefined) return [];
  return [v]; // a single party where a list was expected
}

/**
 * Reads a `pbx.callsinfo.get` answer (a parsed value or its JSON text). Unknown fields are
 * ignored; a call without a usable `callID` is skipped and named in `problems`; a top level
 * that is not a callsinfo answer at all is an error (the poller then keeps its last state).
 */
export function parseCallsInfo(raw: unknown): CallsInfoResult {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw.replace(/^\uFEFF/, ''));
    } catch {
      return { ok: false, error: 'the callsinfo answer is not JSON' };
    }
  }
  if (Array.isArray(value)) value = { callsInfo: value };
  if (!isObj(value)) return { ok: false, error: 'the callsinfo answer is not a JSON object' };
  const list = field(value, 'callsInfo');
  const problems: string[] = [];
  if (list === undefined || list === null) {
    const count = field(value, 'count');
    if (count === 0 || count === '0') return { ok: true, calls: [], problems };
    return { ok: false, error: 'the callsinfo answer has no callsInfo list' };
  }
  if (!Array.isArray(list)) return { ok: false, error: 'callsInfo is not a list' };
  const calls: LiveCall[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (!isObj(item)) {
      problems.push(`callsInfo[${i}] is not an object (skipped)`);
      return;
    }
    const callId = idOf(field(item, 'callID'));
    if (callId === null) {
      problems.push(`callsInfo[${i}] has no callID (skipped)`);
      return;
    }
    if (seen.has(callId)) {
      problems.push(`callsInfo[${i}]: call ${callId} is listed twice (the first is used)`);
      return;
    }
    seen.add(callId);
    calls.push({
      callId,
      state: stateOf(field(item, 'state')),
      startedAt: textOrNull(field(item, 'startedAt')),
      answeredAt: textOrNull(field(item, 'answeredAt')),
      did: textOrNull(field(item, 'did')),
      owner: field(item, 'owner') ?? null,
      talkTo: listOf(field(item, 'talkTo')),
      routingTo: listOf(field(item, 'routingTo')),
    });
  });
  return { ok: true, calls, problems };
}

function parties(list: readonly unknown[], ext: string): Party[] {
  return list.map((p) => readParty(p, ext)).filter((p): p is Party => p !== null);
}

/**
 * The agent's side of one live call, or null when the agent's extension is neither its owner,
 * a talk partner nor a routing target. Outbound when the agent owns the call; inbound when it
 * talks to or rings the agent. Connected when the agent is in talkTo, or owns the call and it
 * has answeredAt or a talk partner (a routing target is not connected by answeredAt alone: a queue answers a
 * call to play music long before an agent takes it).
 */
export function agentViewOf(call: LiveCall, ext: string): AgentCallView | null {
  if (ext === '') return null;
  const owner = readParty(call.owner, ext);
  const talkTo = parties(call.talkTo, ext);
  const routingTo = parties(call.routingTo, ext);
  const isAgent = (p: Party | null) => p !== null && p.number === ext;
  const owns = isAgent(owner);
  const talks = talkTo.some(isAgent);
  const rings = routingTo.some(isAgent);
  if (!owns && !talks && !rings) return null;
  const direction: Direction = owns ? 'outbound' : 'inbound';
  const candidates = (owns ? [...talkTo, ...routingTo] : [owner, ...talkTo, ...routingTo]).filter(
    (p): p is Party => p !== null && !isAgent(p),
  );
  const other =
    candidates.find((p) => p.kind === 'external') ??
    candidates.find((p) => p.kind === 'extension') ??
    null;
  const connected = talks || (owns && (call.answeredAt !== null || talkTo.length > 0));
  return { callId: call.callId, direction, other, connected };
}

/** One poll: the agent's calls in `calls`, diffed against the previous poll's state. */
export function diffCallsInfo(
  prev: AgentCallState,
  calls: readonly LiveCall[],
  ext: string,
): { notifications: CallNotification[]; state: AgentCallState } {
  const views = calls.map((c) => agentViewOf(c, ext)).filter((v): v is AgentCallView => v !== null);
  return diffAgentCalls(prev, views);
}
