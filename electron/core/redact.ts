// Secrets must never reach a log line, an error message or an export. Two nets: the known
// secret values themselves, and the places secrets travel (DBN's token in the query string,
// Egards' X-Api-Key header, key-like JSON fields), for values we were never told about.

const PATTERNS: Array<[RegExp, string]> = [
  [/([?&;]token=)[^&#\s"']*/gi, '$1***'],
  [/(\btoken["']?\s*[:=]\s*["']?)[^"'&,\s}]+/gi, '$1***'],
  [/(x-api-key["']?\s*[:=]\s*["']?)[^"',\s}]+/gi, '$1***'],
  [/((?:api[_-]?key|apikey|client[_-]?secret|password)["']?\s*[:=]\s*["']?)[^"',\s}]+/gi, '$1***'],
  [/(\/webapi\/)[^/?#\s]+/gi, '$1***'],
  [/(#token=)[0-9a-f]+/gi, '$1***'],
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}
