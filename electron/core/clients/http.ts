// The HTTP plumbing the CRM clients share: a request with a timeout driven by the injected
// Clock (so tests control time), one outcome type that never throws, the retry
// classification every outbox item follows. Secrets: every message built here from a server's
// answer is scrubbed before it is shortened (shared/scrub.ts), so a cut cannot keep half a key.
import type { Clock } from '../core-types';
import { parseRetryAfter } from '../backoff';
import { scrub, scrubExcerpt } from '../../../shared/scrub';

export interface HttpDeps {
  fetch: typeof fetch;
  clock: Clock;
}

export interface HttpRequest {
  url: string;
  /** HEAD only for a reachability probe (Egards' Test connection). */
  method: 'GET' | 'POST' | 'HEAD';
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

/** How much of a server's answer a message quotes (after scrubbing). */
export const ANSWER_EXCERPT_CHARS = 200;

/**
 * The outbox's reading of a non-2xx answer or a transport failure. `who` names the system
 * for the message ("Egards", "the CRM"); `secrets` are the values the request carried, scrubbed
 * from the quoted answer before it is shortened.
 */
export function classifyFailure(
  outcome: HttpOutcome,
  who: string,
  now: number,
  secrets: readonly string[],
): SendOutcome {
  if (outcome.kind === 'timeout') {
    return { kind: 'retry', error: `${who} did not answer within ${outcome.ms} ms` };
  }
  if (outcome.kind === 'network') {
    return { kind: 'retry', error: scrub(`cannot reach ${who}: ${outcome.message}`, secrets) };
  }
  const answer = scrubExcerpt(outcome.body, secrets, ANSWER_EXCERPT_CHARS);
  const suffix = answer ? `: ${answer}` : '';
  if (isRetryableStatus(outcome.status)) {
    return {
      kind: 'retry',
      error: `${who} answered HTTP ${outcome.status}${suffix}`,
      retryAfterMs: parseRetryAfter(outcome.headers.get('retry-after'), now),
    };
  }
  if (outcome.status >= 300 && outcome.status < 400) {
    const location = outcome.headers.get('location');
    const to = location ? scrubExcerpt(location, secrets, ANSWER_EXCERPT_CHARS) : null;
    return {
      kind: 'failed',
      error: `${who} answered with a redirect (HTTP ${outcome.status}${to ? ` to ${to}` : ''}); check the base URL in Settings`,
    };
  }
  return { kind: 'failed', error: `${who} refused the request (HTTP ${outcome.status})${suffix}` };
}
