// The HTTP half both PBX clients share: one GET with a timeout, the PBX's reachability (last
// good answer, consecutive failures, backoff before the next background read), and scrubbing
// of the secrets an URL may hold before anything reaches a log line or an error.
import type { Clock, Logger } from '../core-types';
import { backoffDelay } from '../backoff';
import { redact } from '../redact';
import type { PbxError, PbxHealth } from '../../../shared/pbx';
import { shortenAnswer } from '../../../shared/pbx';
import { sendHttp } from './http';

export const PBX_TIMEOUT_MS = 5000;
/** Background reads wait at most this long after the PBX stopped answering. */
export const PBX_BACKOFF_MAX_MS = 60_000;

export interface PbxDeps {
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
  random?: () => number;
}

export type PbxFetchOutcome =
  { ok: true; status: number; body: string } | { ok: false; error: PbxError };

export interface PbxTransport {
  /**
   * GETs `url`. `shownUrl` is the same URL with secrets replaced, the only form that may be
   * logged. Any HTTP answer counts as reachable; the caller reads non-2xx statuses.
   */
  get(url: string, shownUrl: string, background: boolean): Promise<PbxFetchOutcome>;
  health(): PbxHealth;
  /** Scrubs the secrets (and anything in a secret's usual place) from text. */
  scrub(text: string): string;
}

export function createPbxTransport(
  deps: PbxDeps,
  who: string,
  secrets: () => readonly string[],
): PbxTransport {
  const health: PbxHealth = {
    reachable: null,
    lastGoodAt: null,
    lastError: null,
    failures: 0,
    retryAt: null,
  };
  const scrub = (text: string): string => {
    const values = secrets().filter((s) => s.length > 0);
    // Encoded forms too: the key travels URL-encoded in the path.
    const all = [...values, ...values.map((s) => encodeURIComponent(s))];
    let out = text;
    for (const s of all) if (s) out = out.split(s).join('***');
    return redact(out, all);
  };

  function unreachable(message: string): PbxFetchOutcome {
    return { ok: false, error: { kind: 'unreachable', message } };
  }

  return {
    health: () => ({ ...health }),
    scrub,
    async get(url, shownUrl, background) {
      const now = deps.clock.now();
      if (
        background &&
        health.reachable === false &&
        health.retryAt !== null &&
        now < health.retryAt
      ) {
        return unreachable(
          `${who} is unreachable (${health.lastError ?? 'no answer'}); next try later`,
        );
      }
      const outcome = await sendHttp(deps, {
        url,
        method: 'GET',
        headers: { accept: 'application/json, text/plain, text/html, */*' },
        timeoutMs: deps.timeoutMs ?? PBX_TIMEOUT_MS,
      });
      if (outcome.kind === 'response') {
        if (health.reachable === false) deps.logger.info(`${who} answers again`);
        health.reachable = true;
        health.lastGoodAt = deps.clock.now();
        health.lastError = null;
        health.failures = 0;
        health.retryAt = null;
        return { ok: true, status: outcome.status, body: outcome.body };
      }
      const reason =
        outcome.kind === 'timeout'
          ? `no answer within ${outcome.ms} ms`
          : scrub(shortenAnswer(outcome.message));
      health.failures += 1;
      health.reachable = false;
      health.lastError = reason;
      health.retryAt =
        deps.clock.now() +
        backoffDelay(health.failures, deps.random ?? Math.random, 1000, PBX_BACKOFF_MAX_MS);
      // One line when it goes away, not one per poll.
      if (health.failures === 1)
        deps.logger.warn(`${who} unreachable: ${reason}`, { url: shownUrl });
      return unreachable(`${who} is unreachable: ${reason}`);
    },
  };
}

/** A non-2xx answer as an error. */
export function httpStatusError(
  who: string,
  status: number,
  body: string,
  scrub: (s: string) => string,
): PbxError {
  const raw = scrub(shortenAnswer(stripTags(body)));
  return {
    kind: 'http',
    status,
    raw,
    message: `${who} answered HTTP ${status}${raw ? `: ${raw}` : ''}`,
  };
}

/** Text of an HTML or plain answer: `<br>` becomes a line break, other tags go, entities decode. */
export function stripTags(body: string): string {
  return body
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<(script|style|title|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&amp;/gi, '&');
}
