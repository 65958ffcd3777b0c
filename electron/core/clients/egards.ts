// The Egards client: POST <base>/3cx/connect and /3cx/disconnect with the X-Api-Key header.
// Any 2xx is accepted (the seed promises 202). The key is read from the settings at send
// time and never stored, logged or echoed.
import type { Settings } from '../../../shared/settings-schema';
import { egardsBaseUrl } from '../../../shared/settings-schema';
import {
  buildEgardsBody,
  egardsBodyProblems,
  missingAgentFields,
  MISSING_AGENT_MESSAGE,
  type EgardsCallFacts,
  type EgardsKind,
} from '../../../shared/egards-payload';
import { scrub } from '../../../shared/scrub';
import { classifyFailure, sendHttp, type HttpDeps, type SendOutcome } from './http';
import type { EgardsHostCheck } from '../../../shared/crm-tests';

export const EGARDS_WHO = 'Egards';
export const EGARDS_TIMEOUT_MS = 10_000;
export const API_KEY_REJECTED = 'API key rejected';

/** The reason a request cannot go out with these settings, or null. */
export function egardsSettingsProblem(settings: Settings): string | null {
  const missing = missingAgentFields(settings.agent);
  if (missing.length) return MISSING_AGENT_MESSAGE;
  if (!settings.egards.enabled) return 'Egards is switched off in Settings';
  if (!egardsBaseUrl(settings.egards).trim()) return 'Set the Egards address in Settings';
  if (!settings.egards.apiKey) return 'Set the Egards API key in Settings';
  return null;
}

export function egardsUrl(settings: Settings, kind: EgardsKind): string {
  return `${egardsBaseUrl(settings.egards).trim().replace(/\/+$/, '')}/3cx/${kind}`;
}

export async function egardsSend(
  deps: HttpDeps & { timeoutMs?: number },
  settings: Settings,
  kind: EgardsKind,
  facts: EgardsCallFacts,
  idempotencyKey: string,
): Promise<SendOutcome> {
  const problem = egardsSettingsProblem(settings);
  if (problem) return { kind: 'waiting-settings', error: problem };
  const body = buildEgardsBody(kind, facts, settings.agent);
  const problems = egardsBodyProblems(kind, body);
  // Never send a body the seed would reject; this is a bug of ours, so say which field.
  if (problems.length)
    return {
      kind: 'failed',
      error: `CallPop built an invalid ${kind} body (${problems.join(', ')})`,
    };
  const apiKey = settings.egards.apiKey;
  const outcome = await sendHttp(deps, {
    url: egardsUrl(settings, kind),
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, */*',
      'x-api-key': apiKey,
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(body),
    timeoutMs: deps.timeoutMs ?? EGARDS_TIMEOUT_MS,
  });
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300)
    return { kind: 'delivered' };
  if (outcome.kind === 'response' && (outcome.status === 401 || outcome.status === 403)) {
    return { kind: 'failed', error: `${API_KEY_REJECTED} (HTTP ${outcome.status})` };
  }
  const result = classifyFailure(outcome, EGARDS_WHO, deps.clock.now(), [apiKey]);
  return result.kind === 'delivered' ? result : { ...result, error: scrub(result.error, [apiKey]) };
}

/** How long Test connection waits for the Egards host. */
export const EGARDS_PROBE_TIMEOUT_MS = 5000;

/**
 * Does the Egards host answer? Egards has no test endpoint and a fake connect would be a call
 * report about no call, so this is a HEAD of the base URL without the key: any HTTP answer
 * (a 404 or 405 too) means the host is there. Null when no address is set. Never throws.
 */
export async function egardsProbe(
  deps: HttpDeps & { probeTimeoutMs?: number },
  settings: Settings,
): Promise<EgardsHostCheck | null> {
  const url = egardsBaseUrl(settings.egards).trim();
  if (!url) return null;
  const secrets = [settings.egards.apiKey];
  const started = deps.clock.now();
  const outcome = await sendHttp(deps, {
    url,
    method: 'HEAD',
    headers: { accept: '*/*' },
    timeoutMs: deps.probeTimeoutMs ?? EGARDS_PROBE_TIMEOUT_MS,
  });
  const ms = Math.max(0, deps.clock.now() - started);
  const shown = scrub(url, secrets);
  if (outcome.kind === 'response')
    return { url: shown, answered: true, status: outcome.status, ms, error: null };
  const error =
    outcome.kind === 'timeout'
      ? `${EGARDS_WHO} did not answer within ${outcome.ms} ms`
      : scrub(`cannot reach ${EGARDS_WHO}: ${outcome.message}`, secrets);
  return { url: shown, answered: false, status: null, ms, error };
}
