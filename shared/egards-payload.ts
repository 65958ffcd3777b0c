// Egards connect/disconnect bodies (seeds/egards-3cx-integration-api.txt), pure.
//
// Readings of the seed (also in README):
// - `phoneNumber` is the customer's number in E.164. A call whose number cannot be read as a
//   public number (withheld, an internal extension) is not reported to Egards at all.
// - `type` is `Outgoing` for outbound calls and `Incoming` otherwise (a call picked up without
//   a direction is treated as inbound: the 3CX Assistant pops CallPop for inbound calls).
// - `holdDuration` is whole seconds (rounded): for inbound calls the time from the first ring
//   to the answer (to the end, if it was never answered) plus any time the agent parked the
//   call through CallPop; for outbound calls only the parked time (the customer never waited).
// - timestamps are ISO-8601 UTC with milliseconds and `Z`. A call closed without an end time
//   (no E within 12 hours) reports the time its disconnect was queued as `callEndedAt`.
// - `details.country` is the English country name of the number (the seed's sample carries a
//   name, not a code); `details.city` only where the area code tells it.
// The call's facts are frozen when an item is queued; the agent's identity (email, extension,
// agent id) is read from the settings when the item is sent.
import type { CallRecord } from './call-tracker';
import { countryName, phoneInfo } from './phone';

export type EgardsKind = 'connect' | 'disconnect';

export interface EgardsCallFacts {
  callId: string;
  direction: CallRecord['direction'];
  /** E.164, e.g. +31612345678. */
  phoneNumber: string;
  /** ISO 3166 alpha-2 of the number, when known. */
  country: string | null;
  city: string | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** Time the agent parked the call through CallPop (the card's Park / Unpark). */
  parkedMs: number;
  /** When the item was queued: "now" for a connect sent before the answer. */
  at: number;
}

export interface EgardsAgent {
  email: string;
  extension: string;
  agentId: string;
}

export interface EgardsBody {
  agentId?: string;
  phoneNumber: string;
  callId: string;
  email: string;
  extensionNumber: string;
  type: 'Incoming' | 'Outgoing';
  holdDuration: number;
  callStartedAt: string;
  callAnsweredAt?: string;
  callEndedAt?: string;
  details?: { city?: string; country?: string };
}

/** A call record plus what the tracker does not know yet (parking). */
export type EgardsCallInput = Pick<
  CallRecord,
  'id' | 'direction' | 'number' | 'startedAt' | 'answeredAt' | 'endedAt'
> & { parkedMs?: number };

/** The frozen facts for an Egards item, or null when the number is not a public number. */
export function egardsFacts(
  call: EgardsCallInput,
  defaultCountry: string,
  at: number,
): EgardsCallFacts | null {
  if (!call.number) return null;
  const info = phoneInfo(call.number, defaultCountry);
  if (!info.e164) return null;
  return {
    callId: call.id,
    direction: call.direction,
    phoneNumber: info.e164,
    country: info.country,
    city: info.city,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    parkedMs: Math.max(0, call.parkedMs ?? 0),
    at,
  };
}

const countryNames = new Map<string, string | null>();
function englishCountry(code: string): string | null {
  if (!countryNames.has(code)) countryNames.set(code, countryName(code, 'en'));
  return countryNames.get(code) ?? null;
}

export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

export function holdDurationSeconds(f: EgardsCallFacts): number {
  const parked = Math.max(0, f.parkedMs);
  let waited = 0;
  if (f.direction !== 'outbound') {
    const until = f.answeredAt ?? f.endedAt ?? f.at;
    waited = Math.max(0, until - f.startedAt);
  }
  const seconds = Math.round((waited + parked) / 1000);
  return Number.isFinite(seconds) ? seconds : 0;
}

/** The settings keys a body needs but the agent has not filled in (dotted paths). */
export function missingAgentFields(agent: EgardsAgent): string[] {
  const missing: string[] = [];
  if (!agent.email.trim()) missing.push('agent.email');
  if (!agent.extension.trim()) missing.push('agent.extension');
  return missing;
}

export const MISSING_AGENT_MESSAGE = 'Set your agent e-mail and extension in Settings';

/** The request body. Call missingAgentFields first: this never sends half-filled fields. */
export function buildEgardsBody(
  kind: EgardsKind,
  f: EgardsCallFacts,
  agent: EgardsAgent,
): EgardsBody {
  const missing = missingAgentFields(agent);
  if (missing.length) throw new Error(`${MISSING_AGENT_MESSAGE} (${missing.join(', ')})`);
  const body: EgardsBody = {
    phoneNumber: f.phoneNumber,
    callId: f.callId,
    email: agent.email.trim(),
    extensionNumber: agent.extension.trim(),
    type: f.direction === 'outbound' ? 'Outgoing' : 'Incoming',
    holdDuration: holdDurationSeconds(f),
    callStartedAt: isoUtc(f.startedAt),
  };
  if (agent.agentId.trim()) body.agentId = agent.agentId.trim();
  if (f.answeredAt !== null) body.callAnsweredAt = isoUtc(f.answeredAt);
  if (kind === 'disconnect') body.callEndedAt = isoUtc(Math.max(f.endedAt ?? f.at, f.startedAt));
  const details: { city?: string; country?: string } = {};
  if (f.city) details.city = f.city;
  const country = f.country ? englishCountry(f.country) : null;
  if (country) details.country = country;
  if (details.city || details.country) body.details = details;
  return body;
}

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** Every rule the seed states for a body; [] when it is valid. Used by tests and as a guard. */
export function egardsBodyProblems(kind: EgardsKind, body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return ['body is not an object'];
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const str = (k: string) => typeof b[k] === 'string' && (b[k] as string).length > 0;
  const ts = (k: string) =>
    typeof b[k] === 'string' &&
    ISO_UTC_MS.test(b[k] as string) &&
    !isNaN(Date.parse(b[k] as string));
  if (!(typeof b.phoneNumber === 'string' && E164.test(b.phoneNumber)))
    problems.push('phoneNumber');
  if (!str('callId')) problems.push('callId');
  if (!(typeof b.email === 'string' && /^[^\s@]+@[^\s@]+$/.test(b.email))) problems.push('email');
  if (!str('extensionNumber')) problems.push('extensionNumber');
  if (b.type !== 'Incoming' && b.type !== 'Outgoing') problems.push('type');
  if (!(Number.isInteger(b.holdDuration) && (b.holdDuration as number) >= 0))
    problems.push('holdDuration');
  if (!ts('callStartedAt')) problems.push('callStartedAt');
  if (kind === 'disconnect' && !ts('callEndedAt')) problems.push('callEndedAt');
  if (b.agentId !== undefined && !str('agentId')) problems.push('agentId');
  if (b.callAnsweredAt !== undefined && !ts('callAnsweredAt')) problems.push('callAnsweredAt');
  if (b.details !== undefined) {
    const d = b.details as Record<string, unknown> | null;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) problems.push('details');
    else
      for (const k of ['city', 'country'])
        if (d[k] !== undefined && typeof d[k] !== 'string') problems.push(`details.${k}`);
  }
  return problems;
}
