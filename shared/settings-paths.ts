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

/**
 * Names that are never setting names: on a plain object they reach its prototype, so a patch
 * or a file that uses them is refused by name rather than walked.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** The dotted path of the first reserved key anywhere in `value`, or null. */
export function reservedKeyIn(value: unknown, prefix = ''): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (RESERVED_KEYS.has(key)) return path;
    const inner = reservedKeyIn((value as Record<string, unknown>)[key], path);
    if (inner) return inner;
  }
  return null;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    if (!Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

type Group = Record<string, unknown>;

function isGroup(v: unknown): v is Group {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets a dotted key, creating the groups on the way. */
export function setPath(obj: Group, path: string, value: unknown): void {
  const parts = path.split('.');
  if (parts.some((p) => RESERVED_KEYS.has(p))) throw new Error(`"${path}" is not a setting name`);
  const last = parts.pop() as string;
  let cur = obj;
  for (const p of parts) {
    if (!isGroup(cur[p])) cur[p] = {};
    cur = cur[p] as Group;
  }
  cur[last] = value;
}

/** True when `path` or one of its groups is in the administrator's `locked` list. */
export function isLocked(path: string, locked: readonly string[]): boolean {
  return locked.some((l) => l === path || path.startsWith(`${l}.`));
}

/** Removes a dotted key if it is there. */
export function deletePath(obj: Group, path: string): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  const parent = parts.length ? getPath(obj, parts.join('.')) : obj;
  if (isGroup(parent)) delete parent[last];
}

/** The secrets that are set, for redacting them from logs and errors. */
export function secretValuesOf(settings: unknown): string[] {
  return SECRET_PATHS.map((p) => getPath(settings, p)).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}
