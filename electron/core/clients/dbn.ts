// The DBN CRM client: caller lookup (never queued: it is only useful while the phone rings)
// and the wrap-up write-back (sent by the outbox). The token travels in the query string with
// GET, so every message that leaves this file is scrubbed (before it is shortened: the
// parser and classifyFailure get the token for that).
import type { CrmLookup, WrapUpStatus } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings-schema';
import {
  dbnEndpoint,
  dbnMessage,
  encodeParams,
  lookupParams,
  parseDbnAnswer,
  writeBackParams,
  type DbnParams,
} from '../../../shared/dbn-protocol';
import { scrub, scrubExcerpt } from '../../../shared/scrub';
import type { DbnTestResult } from '../../../shared/crm-tests';
import {
  classifyFailure,
  sendHttp,
  type HttpDeps,
  type HttpRequest,
  type SendOutcome,
} from './http';

export type DbnSettings = Settings['dbn'];

/** What the outbox stores for a write-back: no token, it is read from settings when sent. */
export interface DbnWriteBack {
  callId: string;
  cid: string;
  status: WrapUpStatus;
  comments: string;
  revision: number;
}

export const DBN_WHO = 'the CRM';

/** The reason a request cannot go out with these settings, or null. */
export function dbnSettingsProblem(cfg: DbnSettings): string | null {
  if (!cfg.enabled) return 'The DBN CRM is switched off in Settings';
  if (!cfg.baseUrl.trim()) return 'Set the DBN CRM address in Settings';
  if (!cfg.token) return 'Set the DBN CRM token in Settings';
  return null;
}

export function dbnRequest(
  cfg: DbnSettings,
  params: DbnParams,
  extraHeaders: Record<string, string> = {},
): HttpRequest {
  const url = dbnEndpoint(cfg.baseUrl);
  const headers: Record<string, string> = {
    accept: 'application/json, text/plain, */*',
    ...extraHeaders,
  };
  if (cfg.method === 'POST') {
    return {
      url,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeParams(params),
      timeoutMs: cfg.timeoutMs,
    };
  }
  return {
    url: `${url}?${encodeParams(params)}`,
    method: 'GET',
    headers,
    timeoutMs: cfg.timeoutMs,
  };
}

/** Looks a caller up. Resolves with the badge state; never throws. */
export async function dbnLookup(deps: HttpDeps, cfg: DbnSettings, cid: string): Promise<CrmLookup> {
  const problem = dbnSettingsProblem(cfg);
  if (problem) return cfg.enabled ? { state: 'error', message: problem } : { state: 'off' };
  const secrets = [cfg.token];
  const outcome = await sendHttp(deps, dbnRequest(cfg, lookupParams(cid, cfg.token)));
  if (outcome.kind === 'timeout') return { state: 'timeout' };
  if (outcome.kind === 'network') {
    return {
      state: 'error',
      message: scrub(`cannot reach ${DBN_WHO}: ${outcome.message}`, secrets),
    };
  }
  if (outcome.status === 401 || outcome.status === 403) {
    return { state: 'error', message: `${DBN_WHO} rejected the token (HTTP ${outcome.status})` };
  }
  if (outcome.status < 200 || outcome.status >= 300) {
    const answer = parseDbnAnswer(outcome.body, secrets);
    const why = answer.ok ? '' : ` (${answer.error})`;
    return {
      state: 'error',
      message: scrub(`${DBN_WHO} answered HTTP ${outcome.status}${why}`, secrets),
    };
  }
  const answer = parseDbnAnswer(outcome.body, secrets);
  if (!answer.ok) return { state: 'error', message: scrub(answer.error, secrets) };
  return { state: answer.success ? 'known' : 'unknown' };
}

/** Sends one write-back; the outbox decides what the outcome means for the item. */
export async function dbnSendWriteBack(
  deps: HttpDeps,
  cfg: DbnSettings,
  item: DbnWriteBack,
  idempotencyKey: string,
): Promise<SendOutcome> {
  const problem = dbnSettingsProblem(cfg);
  if (problem) return { kind: 'waiting-settings', error: problem };
  const secrets = [cfg.token];
  const params = writeBackParams(item.cid, item.status, item.comments, cfg.token);
  const outcome = await sendHttp(
    deps,
    dbnRequest(cfg, params, { 'idempotency-key': idempotencyKey }),
  );
  const result = readWriteBack(outcome, deps.clock.now(), secrets);
  if (result.kind === 'delivered') return result;
  return { ...result, error: scrub(result.error, secrets) };
}

function readWriteBack(
  outcome: Awaited<ReturnType<typeof sendHttp>>,
  now: number,
  secrets: readonly string[],
): SendOutcome {
  if (outcome.kind !== 'response') return classifyFailure(outcome, DBN_WHO, now, secrets);
  if (outcome.status === 401 || outcome.status === 403) {
    return { kind: 'failed', error: `${DBN_WHO} rejected the token (HTTP ${outcome.status})` };
  }
  if (outcome.status < 200 || outcome.status >= 300) {
    const failure = classifyFailure(outcome, DBN_WHO, now, secrets);
    const answer = parseDbnAnswer(outcome.body, secrets);
    // An HTML error page says nothing useful verbatim; its reading does.
    if (!answer.ok && failure.kind !== 'delivered' && failure.kind !== 'waiting-settings') {
      return { ...failure, error: `${DBN_WHO} answered HTTP ${outcome.status} (${answer.error})` };
    }
    return failure;
  }
  const answer = parseDbnAnswer(outcome.body, secrets);
  // A 2xx we cannot read (a PHP error page, a proxy's page, nothing) is a server in trouble,
  // not a refusal: retry with the reading shown, rather than drop or falsely confirm.
  if (!answer.ok) return { kind: 'retry', error: answer.error };
  if (answer.success) return { kind: 'delivered' };
  const said = dbnMessage(answer.raw, secrets);
  return {
    kind: 'failed',
    error: `${DBN_WHO} did not insert the record (success: 0)${said ? `: ${said}` : ''}`,
  };
}

/** How much of DBN's answer Test connection quotes (after scrubbing). */
export const DBN_TEST_ANSWER_CHARS = 400;

/**
 * Settings' Test connection: the lookup a ringing call makes (same request, same parsing), for
 * a test number, with what DBN really answered. Never a write-back. Runs while DBN is switched
 * off too (an admin tests before switching on); it needs an address and a token. Never throws.
 */
export async function dbnTestLookup(
  deps: HttpDeps,
  cfg: DbnSettings,
  cid: string,
): Promise<DbnTestResult> {
  const secrets = [cfg.token];
  const switchedOff = !cfg.enabled;
  const base = {
    ok: false,
    number: cid,
    request: '',
    status: null,
    ms: 0,
    known: null,
    fields: null,
    answer: null,
    switchedOff,
  };
  const problem = dbnSettingsProblem({ ...cfg, enabled: true });
  if (problem) return { ...base, error: problem };
  const req = dbnRequest(cfg, lookupParams(cid, cfg.token));
  const request = scrub(
    req.method === 'POST' ? `POST ${req.url}\n${req.body ?? ''}` : `GET ${req.url}`,
    secrets,
  );
  const started = deps.clock.now();
  const outcome = await sendHttp(deps, req);
  const ms = Math.max(0, deps.clock.now() - started);
  if (outcome.kind === 'timeout')
    return { ...base, request, ms, error: `${DBN_WHO} did not answer within ${outcome.ms} ms` };
  if (outcome.kind === 'network')
    return {
      ...base,
      request,
      ms,
      error: scrub(`cannot reach ${DBN_WHO}: ${outcome.message}`, secrets),
    };
  const answer = outcome.body ? scrubExcerpt(outcome.body, secrets, DBN_TEST_ANSWER_CHARS) : null;
  const parsed = parseDbnAnswer(outcome.body, secrets);
  const seen = {
    ...base,
    request,
    ms,
    status: outcome.status,
    answer,
    fields: parsed.ok ? answerFields(parsed.raw, secrets) : null,
  };
  if (outcome.status === 401 || outcome.status === 403)
    return { ...seen, error: `${DBN_WHO} rejected the token (HTTP ${outcome.status})` };
  if (outcome.status < 200 || outcome.status >= 300) {
    const why = parsed.ok ? '' : ` (${parsed.error})`;
    return { ...seen, error: scrub(`${DBN_WHO} answered HTTP ${outcome.status}${why}`, secrets) };
  }
  if (!parsed.ok) return { ...seen, error: scrub(parsed.error, secrets) };
  return { ...seen, ok: true, known: parsed.success, error: null };
}

/** An answer's fields as text (at most 20, each scrubbed, then shortened). */
function answerFields(
  raw: Record<string, unknown>,
  secrets: readonly string[],
): Record<string, string> {
  // fromEntries defines own properties, so a key such as "__proto__" stays a plain field.
  return Object.fromEntries(
    Object.entries(raw)
      .slice(0, 20)
      .map(([k, v]) => [
        scrubExcerpt(k, secrets, 60),
        scrubExcerpt(typeof v === 'string' ? v : String(JSON.stringify(v)), secrets, 200),
      ]),
  );
}
