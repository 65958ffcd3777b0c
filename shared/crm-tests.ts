// What Settings' Test connection found for the CRM systems. DBN: one real caller lookup (the
// same request a ringing call makes, nothing written back). Egards has no test endpoint, so
// nothing is ever posted: whether its host answers, and how the outbox's last delivery went.
import type { DeliveryKind, DeliveryStatus } from './ipc/domain';

/** A number for the DBN test that belongs to no caller (ten zeros). */
export const DBN_TEST_NUMBER = '0000000000';

export interface DbnTestResult {
  /** DBN answered 2xx with an answer CallPop can read. */
  ok: boolean;
  /** The number looked up, as it was sent as `cid`. */
  number: string;
  /** Method and URL (and a POST's form body), the token shown as ***. */
  request: string;
  /** The HTTP status, or null when nothing came back. */
  status: number | null;
  /** Milliseconds until the answer (or the failure). */
  ms: number;
  /** The caller is known to DBN (`success` true); null when the answer said neither. */
  known: boolean | null;
  /** The answer's fields, each value as text, scrubbed; null when the body is not a JSON object. */
  fields: Record<string, string> | null;
  /** The answer as received, scrubbed of any key, then shortened; null when none came. */
  answer: string | null;
  /** Why the test failed, for the agent; null when ok. */
  error: string | null;
  /** DBN is switched off in Settings: the test ran, but calls are not looked up. */
  switchedOff: boolean;
}

export interface EgardsHostCheck {
  /** The base URL asked (no key travels: the probe sends no X-Api-Key). */
  url: string;
  /** Any HTTP answer counts, a 404 or 405 too: the host is there. */
  answered: boolean;
  status: number | null;
  ms: number;
  /** Why the host did not answer (network error, timeout); null when it answered. */
  error: string | null;
}

/** An outbox item as Test connection shows it. */
export interface LastDelivery {
  kind: DeliveryKind;
  status: DeliveryStatus;
  /** When it was last tried or changed (ms since the epoch). */
  at: number;
  attempts: number;
  /** The server's answer or the reason, scrubbed; null when it went through. */
  error: string | null;
}

export interface EgardsTestResult {
  /** null when no Egards address is set. */
  host: EgardsHostCheck | null;
  /** The most recently tried Egards report; null when none was ever sent. */
  last: LastDelivery | null;
  /** When a report last went through; null when none did. */
  lastDeliveredAt: number | null;
  /** What stops reports from going out today (switched off, no key, no e-mail…), or null. */
  problem: string | null;
}
