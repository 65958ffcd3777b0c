// The pure half of the settings: key paths, secrets and redaction markers. The renderer uses
// these without loading the zod schema (settings-schema.ts re-exports them for main).

/** Keys whose values are secrets: redacted in logs, diagnostics and the UI. */
export const SECRET_PATHS = [
  'dbn.token',
  'egards.apiKey',
  'pbx.restApi.key',
  'pbx.callControl.clientSecret',
] as const;

/** What the UI and diagnostics see instead of a secret that is set. */
export const REDACTED = '***';

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
