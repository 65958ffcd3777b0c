// 3CX V20 Call Control API, the pure half: parsing its WebSocket messages and its
// `/callcontrol` answers, the local copy of the monitored DNs' participants, and the agent's
// calls in it (one per `callid`: a queue leg and the agent's leg of one call share it).
import type { AgentCallView } from './agent-calls';
import type { Direction } from './crm-args';
import { guessKind, kindFromWord, type Party, type PartyKind } from './pbx-party';

export const CC_EVENT = { upsert: 0, remove: 1, dtmf: 2, promptFinished: 3 } as const;

export interface CcParticipant {
  id: string;
  /** Dialing, Ringing or Connected (anything else is kept as given). */
  status: string;
  dn: string;
  callid: string;
  legid: string | null;
  partyDn: string | null;
  partyCallerId: string | null;
  partyCallerName: string | null;
  partyDnType: string | null;
  originatedByDn: string | null;
}

export interface CcDnInfo {
  dn: string;
  type: string | null;
  participants: CcParticipant[];
}

export type CcEntity =
  | { kind: 'dn'; dn: string; path: string }
  | { kind: 'participant'; dn: string; id: string; path: string }
  | { kind: 'device'; dn: string; id: string; path: string };

export interface CcWsEvent {
  sequence: number | null;
  eventType: number;
  entity: CcEntity;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return null;
}

const SEGMENT = /^[A-Za-z0-9_.*#+-]{1,64}$/;

/**
 * An entity path of an event. Only `/callcontrol/<dn>`, `/callcontrol/<dn>/participants/<id>`
 * and `/callcontrol/<dn>/devices/<id>` are accepted: the source GETs these paths with its
 * token, so a message must not be able to point it anywhere else.
 */
export function parseEntity(raw: unknown): Parsed<CcEntity> {
  if (typeof raw !== 'string') return { ok: false, error: 'entity is not a path' };
  const path = raw.trim();
  const parts = path.split('/');
  if (parts[0] !== '' || parts[1] !== 'callcontrol' || parts.length < 3 || parts.length > 5)
    return { ok: false, error: `entity "${path.slice(0, 80)}" is not a /callcontrol path` };
  const seg = parts.slice(2);
  if (!seg.every((s) => SEGMENT.test(s)))
    return { ok: false, error: `entity "${path.slice(0, 80)}" has an unusable segment` };
  const dn = seg[0]!;
  if (seg.length === 1) return { ok: true, value: { kind: 'dn', dn, path } };
  if (seg.length === 3 && seg[1] === 'participants')
    return { ok: true, value: { kind: 'participant', dn, id: seg[2]!, path } };
  if (seg.length === 3 && seg[1] === 'devices')
    return { ok: true, value: { kind: 'device', dn, id: seg[2]!, path } };
  return { ok: false, error: `entity "${path.slice(0, 80)}" is not a DN, participant or device` };
}

function eventTypeOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d+$/.test(t)) return Number(t);
    // Names as some SDKs print them (including the examples' "Upset" typo).
    const byName: Record<string, number> = { upsert: 0, upset: 0, remove: 1 };
    const hit = byName[t.toLowerCase()];
    if (hit !== undefined) return hit;
  }
  return null;
}

/** One WebSocket message: `{sequence, event: {event_type, entity, attached_data}}`. */
export function parseWsMessage(raw: unknown): Parsed<CcWsEvent> {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, error: 'the message is not JSON' };
    }
  }
  if (!isObj(value)) return { ok: false, error: 'the message is not a JSON object' };
  const ev = value.event;
  if (!isObj(ev)) return { ok: false, error: 'the message has no event object' };
  const eventType = eventTypeOf(ev.event_type);
  if (eventType === null) return { ok: false, error: 'event_type is not a number' };
  const entity = parseEntity(ev.entity);
  if (!entity.ok) return entity;
  const seq = value.sequence;
  const sequence = typeof seq === 'number' && Number.isFinite(seq) ? seq : null;
  return { ok: true, value: { sequence, eventType, entity: entity.value } };
}

/** One participant as `/callcontrol/<dn>/participants/<id>` (or a DN's list) gives it. */
export function parseParticipant(raw: unknown, dnHint?: string): Parsed<CcParticipant> {
  if (!isObj(raw)) return { ok: false, error: 'the participant is not a JSON object' };
  const id = text(raw.id);
  if (id === null) return { ok: false, error: 'the participant has no id' };
  const dn = text(raw.dn) ?? dnHint ?? null;
  if (dn === null) return { ok: false, error: `participant ${id} has no dn` };
  // Without a callid the participant is its own call: better one card too many than none.
  const callid = text(raw.callid) ?? `participant-${id}`;
  return {
    ok: true,
    value: {
      id,
      status: text(raw.status) ?? 'Unknown',
      dn,
      callid,
      legid: text(raw.legid),
      partyDn: text(raw.party_dn),
      partyCallerId: text(raw.party_caller_id),
      partyCallerName: text(raw.party_caller_name),
      partyDnType: text(raw.party_dn_type),
      originatedByDn: text(raw.originated_by_dn),
    },
  };
}

/** A DN's state (`GET /callcontrol/<dn>`); broken participants are skipped and named. */
export function parseDnInfo(raw: unknown): Parsed<CcDnInfo> & { problems?: string[] } {
  if (!isObj(raw)) return { ok: false, error: 'the DN state is not a JSON object' };
  const dn = text(raw.dn);
  if (dn === null) return { ok: false, error: 'the DN state has no dn' };
  const problems: string[] = [];
  const participants: CcParticipant[] = [];
  const list = Array.isArray(raw.participants) ? raw.participants : [];
  for (const p of list) {
    const r = parseParticipant(p, dn);
    if (r.ok) participants.push(r.value);
    else problems.push(`${dn}: ${r.error}`);
  }
  return { ok: true, value: { dn, type: text(raw.type), participants }, problems };
}

/** `GET /callcontrol` (every monitored DN, a list) or `GET /callcontrol/<dn>` (one object). */
export function parseFullState(raw: unknown): Parsed<CcDnInfo[]> & { problems?: string[] } {
  const list = Array.isArray(raw) ? raw : [raw];
  const out: CcDnInfo[] = [];
  const problems: string[] = [];
  for (const item of list) {
    const r = parseDnInfo(item);
    if (!r.ok) {
      problems.push(r.error);
      continue;
    }
    out.push(r.value);
    problems.push(...(r.problems ?? []));
  }
  if (out.length === 0 && list.length > 0)
    return { ok: false, error: problems[0] ?? 'no DN state' };
  return { ok: true, value: out, problems };
}

/** dn → participant id → participant. */
export type CcState = ReadonlyMap<string, ReadonlyMap<string, CcParticipant>>;

export function stateFrom(dns: readonly CcDnInfo[]): CcState {
  const s = new Map<string, Map<string, CcParticipant>>();
  for (const d of dns) s.set(d.dn, new Map(d.participants.map((p) => [p.id, p])));
  return s;
}

export function upsertParticipant(state: CcState, p: CcParticipant): CcState {
  const next = new Map(state);
  const dn = new Map(state.get(p.dn) ?? []);
  dn.set(p.id, p);
  next.set(p.dn, dn);
  return next;
}

export function removeParticipant(state: CcState, dn: string, id: string): CcState {
  if (!state.get(dn)?.has(id)) return state;
  const next = new Map(state);
  const m = new Map(state.get(dn));
  m.delete(id);
  next.set(dn, m);
  return next;
}

export function replaceDn(state: CcState, info: CcDnInfo | null, dn: string): CcState {
  const next = new Map(state);
  if (info) next.set(dn, new Map(info.participants.map((p) => [p.id, p])));
  else next.delete(dn);
  return next;
}

function otherOf(p: CcParticipant, ext: string): Party | null {
  const word = kindFromWord(p.partyDnType);
  const pick = (n: string, k: PartyKind | null): Party => ({
    number: n.replace(/[\s\-.()]/g, ''),
    kind: k === 'service' || k === null ? guessKind(n, ext) : k,
  });
  // party_caller_id is the caller's number even when the leg comes through a queue.
  if (p.partyCallerId !== null) return pick(p.partyCallerId, word);
  if (p.partyDn !== null) {
    if (word === 'service') return null; // only a queue's number: not the customer
    return pick(p.partyDn, word);
  }
  return null;
}

/**
 * The agent's calls in the state: the agent DN's participants grouped by callid. Outbound
 * when the agent's leg was first seen Dialing, or the call was originated by the agent;
 * connected when any of the agent's legs of it is Connected.
 */
export function agentViewsOf(state: CcState, ext: string): AgentCallView[] {
  const mine = state.get(ext);
  if (!mine || ext === '') return [];
  const byCall = new Map<string, CcParticipant[]>();
  for (const p of mine.values()) {
    const list = byCall.get(p.callid) ?? [];
    list.push(p);
    byCall.set(p.callid, list);
  }
  const views: AgentCallView[] = [];
  for (const [callId, legs] of byCall) {
    legs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const outbound = legs.some(
      (l) => l.status.toLowerCase() === 'dialing' || l.originatedByDn === ext,
    );
    const direction: Direction = outbound ? 'outbound' : 'inbound';
    const parties = legs.map((l) => otherOf(l, ext)).filter((x): x is Party => x !== null);
    const other =
      parties.find((x) => x.kind === 'external') ??
      parties.find((x) => x.kind === 'extension' && x.number !== ext) ??
      null;
    const connected = legs.some((l) => l.status.toLowerCase() === 'connected');
    views.push({ callId, direction, other, connected });
  }
  return views;
}
