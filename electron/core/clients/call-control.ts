// The 3CX V20 Call Control API client: OAuth client-credentials token, the monitored DNs' state,
// makecall and participant actions, and the Test connection that tells the administrator which
// of the usual set-up steps is missing. Its answers are parsed in shared/call-control-state.ts.
import type { Clock, Logger } from '../core-types';
import { sendHttp, type HttpOutcome } from './http';
import { scrub as scrubSecrets, scrubExcerpt } from '../../../shared/scrub';

export interface CallControlConfig {
  /** https://pbx.example.com (no path): `/connect/token` and `/callcontrol` hang off it. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export type CcFailure =
  | { kind: 'unreachable'; message: string }
  | { kind: 'bad-credentials'; message: string }
  | { kind: 'not-licensed'; message: string }
  | { kind: 'not-monitored'; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'bad-answer'; message: string }
  | { kind: 'not-configured'; message: string };

export type CcResult<T> = { ok: true; value: T } | ({ ok: false } & CcFailure);

export const PARTICIPANT_ACTIONS = ['drop', 'answer', 'divert', 'transferto'] as const;
export type ParticipantAction = (typeof PARTICIPANT_ACTIONS)[number];

export type TestConnectionResult =
  { ok: true; message: string } | ({ ok: false } & Exclude<CcFailure, { kind: 'not-found' }>);

export interface CallControlClient {
  /** A token that is valid for a while yet; `fresh` forces a new one. */
  token(fresh?: boolean): Promise<CcResult<string>>;
  /** Forget the token (a 401, or a reconnect that must not trust it unchecked). */
  dropToken(): void;
  /** `GET /callcontrol/<ext>`, or `GET /callcontrol` without an extension. */
  state(ext?: string): Promise<CcResult<unknown>>;
  /** `GET <entity path>` as a WebSocket event named it; not-found when it is gone. */
  entity(path: string): Promise<CcResult<unknown>>;
  makeCall(ext: string, destination: string): Promise<CcResult<unknown>>;
  participant(
    ext: string,
    id: string,
    action: ParticipantAction,
    destination?: string,
  ): Promise<CcResult<unknown>>;
  testConnection(ext: string): Promise<TestConnectionResult>;
  /** ws(s)://host/callcontrol/ws */
  wsUrl(): string;
  secrets(): string[];
}

const TIMEOUT_MS = 5000;
const REFRESH_EARLY_MS = 60_000;

/**
 * When to fetch a new token. `expires_in` is seconds since 3CX 20.0.9 and minutes before it;
 * we cannot tell which, so the earlier reading (seconds) counts, less a minute, but never
 * less than half of it (an `expires_in: 60` in minutes must not mean a new token per request).
 */
export function tokenRefreshAfterMs(expiresIn: unknown): number {
  const n = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  const seconds = typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 60;
  const ms = seconds * 1000;
  return Math.max(ms - REFRESH_EARLY_MS, ms / 2);
}

function asTestFailure(f: CcFailure): TestConnectionResult {
  if (f.kind === 'not-found') return { ok: false, kind: 'not-licensed', message: f.message };
  return { ...f, ok: false } as TestConnectionResult;
}

function trimBase(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function createCallControlClient(deps: {
  config: () => CallControlConfig;
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
}): CallControlClient {
  const timeoutMs = deps.timeoutMs ?? TIMEOUT_MS;
  let cached: { token: string; refreshAt: number; forKey: string } | null = null;
  let pending: Promise<CcResult<string>> | null = null;

  const cfg = () => deps.config();
  const keyOf = (c: CallControlConfig) =>
    `${trimBase(c.baseUrl)}\n${c.clientId}\n${c.clientSecret}`;
  const secrets = () => [cfg().clientSecret, cached?.token ?? ''].filter((s) => s.length >= 3);
  const scrub = (s: string) => scrubSecrets(s, secrets());

  function missing(): CcFailure | null {
    const c = cfg();
    if (!/^https?:\/\//i.test(c.baseUrl.trim()))
      return { kind: 'not-configured', message: 'pbx.callControl.baseUrl is not set' };
    if (!c.clientId.trim() || !c.clientSecret)
      return {
        kind: 'not-configured',
        message: 'pbx.callControl.clientId and clientSecret must be set',
      };
    return null;
  }

  function transport(o: Exclude<HttpOutcome, { kind: 'response' }>): CcFailure {
    const base = trimBase(cfg().baseUrl);
    return o.kind === 'timeout'
      ? { kind: 'unreachable', message: `${base} did not answer within ${o.ms} ms` }
      : { kind: 'unreachable', message: `cannot reach ${base}: ${scrub(o.message)}` };
  }

  function snippet(body: string): string {
    // Scrubbed, then shortened, then the cut scrubbed again (shared/scrub.ts).
    const s = scrubExcerpt(body, secrets(), 200);
    return s ? `: ${s}` : '';
  }

  async function fetchToken(): Promise<CcResult<string>> {
    const bad = missing();
    if (bad) return { ok: false, ...bad };
    const c = cfg();
    const body = new URLSearchParams({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      grant_type: 'client_credentials',
    }).toString();
    const o = await sendHttp(deps, {
      url: `${trimBase(c.baseUrl)}/connect/token`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      timeoutMs,
    });
    if (o.kind !== 'response') return { ok: false, ...transport(o) };
    if (o.status === 400 || o.status === 401 || o.status === 403)
      return {
        ok: false,
        kind: 'bad-credentials',
        message: `3CX refused the API client's credentials (HTTP ${o.status})${snippet(o.body)}`,
      };
    if (o.status === 404)
      return {
        ok: false,
        kind: 'not-licensed',
        message:
          '3CX has no /connect/token here: the Call Control API needs 3CX V20 with an Enterprise licence',
      };
    if (o.status < 200 || o.status >= 300)
      return {
        ok: false,
        kind: 'refused',
        status: o.status,
        message: `3CX answered HTTP ${o.status} to the token request${snippet(o.body)}`,
      };
    let parsed: unknown;
    try {
      parsed = JSON.parse(o.body);
    } catch {
      return { ok: false, kind: 'bad-answer', message: 'the token answer is not JSON' };
    }
    const p = parsed as { access_token?: unknown; expires_in?: unknown; token_type?: unknown };
    if (typeof p?.access_token !== 'string' || p.access_token === '')
      return { ok: false, kind: 'bad-answer', message: 'the token answer has no access_token' };
    cached = {
      token: p.access_token,
      refreshAt: deps.clock.now() + tokenRefreshAfterMs(p.expires_in),
      forKey: keyOf(c),
    };
    return { ok: true, value: p.access_token };
  }

  async function token(fresh = false): Promise<CcResult<string>> {
    if (!fresh && cached && cached.forKey === keyOf(cfg()) && deps.clock.now() < cached.refreshAt)
      return { ok: true, value: cached.token };
    cached = null;
    // Callers that ask at the same moment share one token request.
    pending ??= fetchToken().finally(() => (pending = null));
    return pending;
  }

  async function call(
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
  ): Promise<CcResult<unknown>> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const t = await token(attempt > 0);
      if (!t.ok) return t;
      const o = await sendHttp(deps, {
        url: `${trimBase(cfg().baseUrl)}${path}`,
        method,
        headers: {
          authorization: `Bearer ${t.value}`,
          accept: 'application/json',
          ...(payload !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        },
        body: payload !== undefined ? JSON.stringify(payload) : undefined,
        timeoutMs,
      });
      if (o.kind !== 'response') return { ok: false, ...transport(o) };
      // A 401 means the token is no good (expired early, PBX restarted): one fresh try only,
      // so credentials revoked in 3CX never turn into a loop.
      if (o.status === 401) {
        cached = null;
        if (attempt === 0) continue;
        return {
          ok: false,
          kind: 'bad-credentials',
          message: `3CX refused a fresh token for ${path} (HTTP 401)`,
        };
      }
      if (o.status === 402 || (o.status === 403 && /licen[cs]/i.test(o.body)))
        return {
          ok: false,
          kind: 'not-licensed',
          message: `3CX refused ${path}: the Call Control API needs an Enterprise licence${snippet(o.body)}`,
        };
      if (o.status === 403)
        return {
          ok: false,
          kind: 'not-monitored',
          message: `3CX refused ${path} (HTTP 403): add the extension to the API client's monitored extensions${snippet(o.body)}`,
        };
      if (o.status === 404)
        return { ok: false, kind: 'not-found', message: `${path} is not there (HTTP 404)` };
      if (o.status < 200 || o.status >= 300)
        return {
          ok: false,
          kind: 'refused',
          status: o.status,
          message: `3CX answered HTTP ${o.status} to ${method} ${path}${snippet(o.body)}`,
        };
      if (o.body.trim() === '') return { ok: true, value: null };
      try {
        return { ok: true, value: JSON.parse(o.body) };
      } catch {
        return { ok: false, kind: 'bad-answer', message: `the answer to ${path} is not JSON` };
      }
    }
    return {
      ok: false,
      kind: 'bad-credentials',
      message: `3CX refused the token twice for ${path}`,
    };
  }

  const seg = (s: string) => encodeURIComponent(s);

  return {
    token,
    dropToken() {
      cached = null;
    },
    state: (ext) => call('GET', ext ? `/callcontrol/${seg(ext)}` : '/callcontrol'),
    entity: (path) => call('GET', path),
    makeCall: (ext, destination) =>
      call('POST', `/callcontrol/${seg(ext)}/makecall`, { destination }),
    participant(ext, id, action, destination) {
      return call(
        'POST',
        `/callcontrol/${seg(ext)}/participants/${seg(id)}/${action}`,
        destination !== undefined ? { destination } : {},
      );
    },
    async testConnection(ext) {
      const bad = missing();
      if (bad) return asTestFailure(bad);
      if (!/^\d{1,8}$/.test(ext))
        return {
          ok: false,
          kind: 'not-configured',
          message: 'agent.extension must be set to the extension to monitor',
        };
      const t = await token(true);
      if (!t.ok) return asTestFailure(t);
      const all = await call('GET', '/callcontrol');
      if (!all.ok) {
        if (all.kind === 'not-found' || all.kind === 'not-monitored')
          return {
            ok: false,
            kind: 'not-licensed',
            message: `the token works but /callcontrol is refused: the Call Control API needs an Enterprise licence and "Call Control API access" on the API client (${all.message})`,
          };
        return asTestFailure(all);
      }
      const dns = Array.isArray(all.value) ? all.value : [all.value];
      const monitored = dns.some((d) => String((d as { dn?: unknown } | null)?.dn ?? '') === ext);
      if (!monitored)
        return {
          ok: false,
          kind: 'not-monitored',
          message: `extension ${ext} is not among the API client's monitored extensions (Admin → Integrations → API)`,
        };
      return { ok: true, message: `connected; extension ${ext} is monitored` };
    },
    wsUrl() {
      const u = new URL(trimBase(cfg().baseUrl));
      u.protocol = u.protocol === 'http:' ? 'ws:' : 'wss:';
      u.pathname = '/callcontrol/ws';
      u.search = '';
      u.hash = '';
      return u.toString();
    },
    secrets,
  };
}
