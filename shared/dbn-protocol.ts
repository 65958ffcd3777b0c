// The DBN CRM HTTP API (seeds/dbn-crm-http-api.txt), the pure half: which parameters go where
// and how to read what comes back. The seed's own sample answers are not valid JSON
// (`{"success": true,}`) and its examples disagree with its tables, so reading is lenient and
// writing follows the tables:
// - both the lookup and the write-back go to `<base>/3cx/query` (the seed's example 2.7 uses
//   that path for the write-back; a request with `status` and `comments` is a write-back);
// - the keys are lower-case `cid`, `status`, `comments`, `token` (the table, not the example's
//   `Comments=`); `status` is one of the table's four values (`Schedule Later`, not the
//   example's `Scheduled Later`).
import { WRAP_UP_STATUSES, type WrapUpStatus } from './ipc';

export const DBN_PATH = '/3cx/query';

export type DbnParams = Array<[string, string]>;

/** Parameters of the caller lookup, token last (as in the seed's example). */
export function lookupParams(cid: string, token: string): DbnParams {
  return [
    ['cid', cid],
    ['token', token],
  ];
}

/** Parameters of the wrap-up write-back, in the seed table's order. */
export function writeBackParams(
  cid: string,
  status: WrapUpStatus,
  comments: string,
  token: string,
): DbnParams {
  if (!WRAP_UP_STATUSES.includes(status)) throw new Error(`not a DBN status: ${String(status)}`);
  return [
    ['cid', cid],
    ['status', status],
    ['comments', comments],
    ['token', token],
  ];
}

/** `<base>/3cx/query`, whatever trailing slashes or path the configured base URL has. */
export function dbnEndpoint(baseUrl: string): string {
  return `${baseUrl.trim().replace(/\/+$/, '')}${DBN_PATH}`;
}

/** `a=1&b=2` with every value percent-encoded (a `+` in a number becomes `%2B`). */
export function encodeParams(params: DbnParams): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export type DbnAnswer =
  { ok: true; success: boolean; raw: Record<string, unknown> } | { ok: false; error: string };

const TRUE_VALUES = new Set(['true', '1', 'yes', 'y', 'ok']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'n']);

/** A short, single-line excerpt of a server's answer for a message. */
export function excerpt(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** `true`, `1`, `"true"`, `"1"`, `"yes"` → true; their opposites → false; anything else → null. */
export function readSuccess(value: unknown): boolean | null {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (TRUE_VALUES.has(v)) return true;
    if (FALSE_VALUES.has(v)) return false;
  }
  return null;
}

/**
 * Reads a DBN answer body. Accepts the seed's own samples (trailing commas), a BOM, a key
 * spelt `Success`, and boolean-ish values; anything else is a clear error, never a throw.
 */
export function parseDbnAnswer(body: string): DbnAnswer {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, error: 'the CRM answered with an empty body' };
  if (text.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return {
      ok: false,
      error: `the CRM answered with an HTML page instead of JSON${title ? ` ("${excerpt(title, 80)}")` : ''}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The seed's samples end with `,}`: drop commas that only precede a closing bracket.
    try {
      parsed = JSON.parse(text.replace(/,(\s*[}\]])/g, '$1'));
    } catch {
      return {
        ok: false,
        error: `the CRM answered with something that is not JSON: ${excerpt(text)}`,
      };
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: `the CRM's answer has no "success" field: ${excerpt(text)}` };
  }
  const raw = parsed as Record<string, unknown>;
  const key = Object.keys(raw).find((k) => k.toLowerCase() === 'success');
  if (key === undefined)
    return { ok: false, error: `the CRM's answer has no "success" field: ${excerpt(text)}` };
  const success = readSuccess(raw[key]);
  if (success === null) {
    return { ok: false, error: `the CRM's "success" is neither true nor false: ${excerpt(text)}` };
  }
  return { ok: true, success, raw };
}

/** The CRM's own words next to `success: 0`, if it gave any (`message`, `error`, ...). */
export function dbnMessage(raw: Record<string, unknown>): string | null {
  for (const [k, v] of Object.entries(raw)) {
    if (/^(message|msg|error|reason|detail)$/i.test(k) && typeof v === 'string' && v.trim())
      return v.trim();
  }
  return null;
}
