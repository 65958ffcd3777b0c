// The one secret scrubber of CallPop. Every text that may hold a secret and leaves its source
// (a log line, an error in the outbox or SQLite, a push to the UI, diagnostics) goes through
// here. Pure, so the parsers in shared/ use it too.
//
// How to use it (clients of outside systems, parsers, the logger):
//   scrub(text, secrets)                 the whole text, secrets replaced by `***`
//   scrubExcerpt(text, secrets, max)     scrub FIRST, then one line of at most `max`
//                                        characters (plus `…`): use this for any server
//                                        answer, body or message you quote
//   shownUrl(url, secrets)               a URL for a log line or a message: scheme, host and
//                                        path only (query and fragment are where tokens
//                                        travel), scrubbed, then shortened
//   scrubKnown(text, secrets)            only the known values (no patterns): for a body that
//                                        is still to be parsed and may be quoted shortened
//                                        by its parser
//   shorten() is deliberately not exported: cutting text that was not scrubbed is the bug
//   this file exists to prevent (a secret cut in two no longer matches and leaks its start).
//
// Two nets: the known secret values (with the forms they take in a query string, a form body
// or JSON), and the places secrets travel (DBN's token parameter, Egards' X-Api-Key header,
// key-like JSON fields, the 3CX REST key in the path), for values we were never told about.
// A text that ends in the first 8 or more characters of a secret (a server or a cut shortened
// it) counts as holding the secret: that tail is replaced too.

export const SCRUBBED = '***';

/** Shorter known values are not scrubbed: replacing every "ab" would wreck the text. */
export const MIN_SECRET_CHARS = 3;
/** A tail of at least this many characters of a secret counts as the secret. */
export const MIN_SECRET_PREFIX_CHARS = 8;

const PATTERNS: Array<[RegExp, string]> = [
  [/([?&;]token=)[^&#\s"']*/gi, '$1***'],
  [/(#token=)[^&\s"']+/gi, '$1***'],
  [/(\btoken["']?\s*[:=]\s*["']?)[^"'&,\s}]+/gi, '$1***'],
  [/(x-api-key["']?\s*[:=]\s*["']?)[^"',\s}]+/gi, '$1***'],
  [
    /((?:api[_-]?key|apikey|client[_-]?secret|password|secret)["']?\s*[:=]\s*["']?)[^"',\s}]+/gi,
    '$1***',
  ],
  [/(authorization["']?\s*[:=]\s*["']?(?:bearer|basic)\s+)[^"',\s}]+/gi, '$1***'],
  [/(\/webapi\/)[^/?#\s]+/gi, '$1***'],
];

/** The forms a secret value takes in transit: as is, percent-encoded, form-encoded, in JSON. */
function formsOf(secret: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  } catch {
    // a lone surrogate cannot be encoded; then it cannot travel encoded either
  }
  forms.add(JSON.stringify(secret).slice(1, -1));
  return [...forms].filter((f) => f.length >= MIN_SECRET_CHARS);
}

function knownForms(secrets: readonly string[]): string[] {
  const all = new Set<string>();
  for (const s of secrets) {
    if (typeof s === 'string' && s.length >= MIN_SECRET_CHARS)
      for (const f of formsOf(s)) all.add(f);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...all].sort((a, b) => b.length - a.length);
}

// What may follow a cut-off secret at the very end: an ellipsis, closing quotes, space.
const TAIL_JUNK = /[\s.…"'`)\]}]*$/u;

/** Replaces a trailing 8+ character prefix of any form of a secret. */
function scrubTail(text: string, forms: readonly string[]): string {
  const junk = TAIL_JUNK.exec(text)?.[0] ?? '';
  const body = text.slice(0, text.length - junk.length);
  let best = 0;
  for (const form of forms) {
    for (let k = Math.min(form.length - 1, body.length); k >= MIN_SECRET_PREFIX_CHARS; k--) {
      if (k <= best) break;
      if (body.endsWith(form.slice(0, k))) {
        best = k;
        break;
      }
    }
  }
  return best ? body.slice(0, body.length - best) + SCRUBBED + junk : text;
}

/**
 * Only the known secret values (in all their forms) and a trailing prefix of one: safe to run
 * on an answer before it is parsed, since a random key never stands for data. Then a parser
 * that quotes the answer shortened cannot cut a secret in two.
 */
export function scrubKnown(text: string, secrets: readonly string[] = []): string {
  const forms = knownForms(secrets);
  if (!forms.length) return String(text);
  let out = String(text);
  for (const f of forms) out = out.split(f).join(SCRUBBED);
  return scrubTail(out, forms);
}

/** `text` with every known secret value and every secret in its usual place replaced. */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = String(text);
  const forms = knownForms(secrets);
  for (const f of forms) out = out.split(f).join(SCRUBBED);
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return forms.length ? scrubTail(out, forms) : out;
}

/**
 * A scrubbed, single-line excerpt of at most `max` characters (then `…`), for quoting a
 * server's answer in a message. Scrubs before it cuts, and again at the cut.
 */
export function scrubExcerpt(text: string, secrets: readonly string[] = [], max = 200): string {
  const one = scrub(text, secrets).replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  let cut = Math.max(0, max);
  // Never split a surrogate pair (a lone half renders as garbage).
  const code = one.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${scrub(one.slice(0, cut), secrets)}…`;
}

/**
 * A URL as CallPop shows or logs it: origin and path, with `?…`/`#…` standing for a query or a
 * fragment (where tokens travel), scrubbed and then shortened. Text that is no URL is scrubbed
 * and shortened as it is.
 */
export function shownUrl(raw: unknown, secrets: readonly string[] = [], max = 200): string {
  const text = String(raw);
  let shown = text;
  try {
    const u = new URL(text);
    const base = u.origin !== 'null' ? `${u.origin}${u.pathname}` : `${u.protocol}${u.pathname}`;
    shown = `${base}${u.search ? '?…' : ''}${u.hash ? '#…' : ''}`;
  } catch {
    // not a URL: shown as text
  }
  return scrubExcerpt(shown, secrets, max);
}
