// The HTTP plumbing the CRM clients share: a request with a timeout driven by the injected
// Clock (so tests control time), one outcome type that never throws, the retry
// classification every outbox item follows, and redaction of secrets from anything that is
// logged, stored or shown.
import type { Clock } from '../core-types';
import { parseRetryAfter } from '../backoff';

export interface HttpDeps {
  fetch: typeof fetch;
  clock: Clock;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export type HttpOutcome =
  | { kind: 'response'; status: number; headers: Headers; body: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'network'; message: string };

/** What an outbox send came to. */
export type SendOutcome =
  | { kind: 'delivered' }
  /** Transient: try again later (after retryAfterMs when the server said so). */
  | { kind: 'retry'; error: string; retryAfterMs?: number | null }
  /** The server refused: the failed list, until the agent retries or discards. */
  | { kind: 'failed'; error: string }
  /** Settings lack something the request needs; goes out once they are fixed. */
  | { kind: 'waiting-settings'; error: string };

const MAX_BODY_CHARS = 64 * 1024;

function describeNetworkError(err: unknown): string {
  const e = err as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  const cause = e?.cause;
  const code = cause?.code ?? e?.code;
  const detail = cause?.message ?? e?.message ?? String(err);
  return code && !detail.includes(code) ? `${code}: ${detail}` : detail;
}

/** One request; resolves with the response (body read), a timeout or a network error. */
export async function sendHttp(deps: HttpDeps, req: HttpRequest): Promise<HttpOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = deps.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  try {
    const res = await deps.fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    // The body counts against the same timeout: a server that sends headers then stalls hangs.
    const text = await res.text();
    return {
      kind: 'response',
      status: res.status,
      headers: res.headers,
      body: text.slice(0, MAX_BODY_CHARS),
    };
  } catch (err) {
    if (timedOut) return { kind: 'timeout', ms: req.timeoutMs };
    return { kind: 'network', message: describeNetworkError(err) };
  } finally {
    deps.clock.clearTimeout(timer);
  }
}

/** The status codes the outbox retries; every other non-2xx is final. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The outbox's reading of a non-2xx answer or a transport failure. `who` names the system
 * for the message ("Egards", "the CRM"); `answer` is the server's body already redacted.
 */
export function classifyFailure(outcome: HttpOutcome, who: string, now: number): SendOutcome {
  if (outcome.kind === 'timeout') {
    return { kind: 'retry', error: `${who} did not answer within ${outcome.ms} ms` };
  }
  if (outcome.kind === 'network') {
    return { kind: 'retry', error: `cannot reach ${who}: ${outcome.message}` };
  }
  const answer = outcome.body.replace(/\s+/g, ' ').trim().slice(0, 200);
  const suffix = answer ? `: ${answer}` : '';
  if (isRetryableStatus(outcome.status)) {
    return {
      kind: 'retry',
      error: `${who} answered HTTP ${outcome.status}${suffix}`,
      retryAfterMs: parseRetryAfter(outcome.headers.get('retry-after'), now),
    };
  }
  if (outcome.status >= 300 && outcome.status < 400) {
    const to = outcome.headers.get('location');
    return {
      kind: 'failed',
      error: `${who} answered with a redirect (HTTP ${outcome.status}${to ? ` to ${to}` : ''}); check the base URL in Settings`,
    };
  }
  return { kind: 'failed', error: `${who} refused the request (HTTP ${outcome.status})${suffix}` };
}

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/([?&;]token=)[^&#\s"']*/gi, '$1***'],
  [/(["']?token["']?\s*[:=]\s*["']?)[^"'&,\s}]+/gi, '$1***'],
  [/(x-api-key["']?\s*[:=]\s*["']?)[^"',\s}]+/gi, '$1***'],
];

/** Removes the given secret values and anything in a secret's usual place from text. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 3) out = out.split(s).join('***');
    // The same secret percent-encoded, as it travels in a query string.
    const enc = s ? encodeURIComponent(s) : '';
    if (enc && enc !== s && enc.length >= 3) out = out.split(enc).join('***');
  }
  for (const [re, rep] of SECRET_PATTERNS) out = out.replace(re, rep);
  return out;
}
