// One `pbx.callsinfo.get` (`<baseUrl>/<key>/pbx.callsinfo.get`) for the REST live-calls source.
// Stands in until the REST API client lands; its answer is parsed in shared/live-calls.ts.
import type { Clock } from '../core-types';
import { redactSecrets, sendHttp } from '../clients/http';
import type { SnapshotResult } from './rest-poll';

export async function fetchCallsInfo(
  deps: { fetch: typeof fetch; clock: Clock },
  cfg: { baseUrl: string; key: string },
  timeoutMs = 5000,
): Promise<SnapshotResult> {
  const base = cfg.baseUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(base)) return { ok: false, error: 'pbx.restApi.baseUrl is not set' };
  if (!cfg.key) return { ok: false, error: 'pbx.restApi.key is not set' };
  const url = `${base}/${encodeURIComponent(cfg.key)}/pbx.callsinfo.get`;
  const o = await sendHttp(deps, { url, method: 'GET', timeoutMs });
  const scrub = (s: string) => redactSecrets(s, [cfg.key]);
  if (o.kind === 'timeout') return { ok: false, error: `${base} did not answer within ${o.ms} ms` };
  if (o.kind === 'network')
    return { ok: false, error: `cannot reach ${base}: ${scrub(o.message)}` };
  if (o.status === 401 || o.status === 403)
    return { ok: false, error: `the PBX refused the REST API key (HTTP ${o.status})` };
  if (o.status < 200 || o.status >= 300)
    return { ok: false, error: `the PBX answered HTTP ${o.status}` };
  return { ok: true, body: o.body };
}
