// The DBN CRM client: caller lookup (never queued: it is only useful while the phone rings)
// and the wrap-up write-back (sent by the outbox). The token travels in the query string with
// GET, so every message that leaves this file is redacted.
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
import {
  classifyFailure,
  redactSecrets,
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
      message: redactSecrets(`cannot reach ${DBN_WHO}: ${outcome.message}`, secrets),
    };
  }
  if (outcome.status === 401 || outcome.status === 403) {
    return { state: 'error', message: `${DBN_WHO} rejected the token (HTTP ${outcome.status})` };
  }
  if (outcome.status < 200 || outcome.status >= 300) {
    const answer = parseDbnAnswer(outcome.body);
    const why = answer.ok ? '' : ` (${answer.error})`;
    return {
      state: 'error',
      message: redactSecrets(`${DBN_WHO} answered HTTP ${outcome.status}${why}`, secrets),
    };
  }
  const answer = parseDbnAnswer(outcome.body);
  if (!answer.ok) return { state: 'error', message: redactSecrets(answer.error, secrets) };
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
  const result = readWriteBack(outcome, deps.clock.now());
  if (result.kind === 'delivered') return result;
  return { ...result, error: redactSecrets(result.error, secrets) };
}

function readWriteBack(outcome: Awaited<ReturnType<typeof sendHttp>>, now: number): SendOutcome {
  if (outcome.kind !== 'response') return classifyFailure(outcome, DBN_WHO, now);
  if (outcome.status === 401 || outcome.status === 403) {
    return { kind: 'failed', error: `${DBN_WHO} rejected the token (HTTP ${outcome.status})` };
  }
  if (outcome.status < 200 || outcome.status >= 300) {
    const failure = classifyFailure(outcome, DBN_WHO, now);
    const answer = parseDbnAnswer(outcome.body);
    // An HTML error page says nothing useful verbatim; its reading does.
    if (!answer.ok && failure.kind !== 'delivered' && failure.kind !== 'waiting-settings') {
      return { ...failure, error: `${DBN_WHO} answered HTTP ${outcome.status} (${answer.error})` };
    }
    return failure;
  }
  const answer = parseDbnAnswer(outcome.body);
  // A 2xx we cannot read (a PHP error page, a proxy's page, nothing) is a server in trouble,
  // not a refusal: retry with the reading shown, rather than drop or falsely confirm.
  if (!answer.ok) return { kind: 'retry', error: answer.error };
  if (answer.success) return { kind: 'delivered' };
  const said = dbnMessage(answer.raw);
  return {
    kind: 'failed',
    error: `${DBN_WHO} did not insert the record (success: 0)${said ? `: ${said}` : ''}`,
  };
}
