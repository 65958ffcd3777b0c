// Settings as a JSON file an admin can turn into the machine-wide config: the same shape as
// settings.json (and config.json without its "locked" list). Written by main (only main holds
// the secrets: they are in the file only when the agent asked for them); read back by
// settings.save, which validates every key and stores secrets as it stores a typed one.
import { deletePath, getPath, isLocked, SECRET_PATHS } from './settings-paths';
import type { Settings } from './settings-schema';

/** The settings to write to a file: everything but this desktop's setup flag, secrets if asked. */
export function exportableSettings(
  settings: Settings,
  { withSecrets = false }: { withSecrets?: boolean } = {},
): Record<string, unknown> {
  const copy = structuredClone(settings) as unknown as Record<string, unknown>;
  if (!withSecrets) for (const path of SECRET_PATHS) deletePath(copy, path);
  // An empty secret says nothing; left out, it cannot blank the key of the desktop it goes to.
  for (const path of SECRET_PATHS) if (getPath(copy, path) === '') deletePath(copy, path);
  deletePath(copy, 'app.firstRunDone');
  return copy;
}

/** The file's text: pretty JSON with a final newline. */
export function settingsFileText(settings: Settings, withSecrets: boolean): string {
  return `${JSON.stringify(exportableSettings(settings, { withSecrets }), null, 2)}\n`;
}

export type ImportResult =
  | {
      ok: true;
      patch: Record<string, unknown>;
      /** Keys the file sets that the administrator locked here: left out, as they are. */
      skippedLocked: string[];
    }
  | { ok: false; reason: 'not-json' | 'not-object' };

function leafPaths(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? leafPaths(v as Record<string, unknown>, p)
      : [p];
  });
}

/**
 * A file's text as a settings patch. A machine-wide file's "locked" list is not the user's;
 * a key the administrator locked on this desktop is left out (saving it would refuse the whole
 * file), and reported.
 */
export function importPatch(text: string, locked: readonly string[] = []): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, reason: 'not-object' };
  const patch = structuredClone(parsed) as Record<string, unknown>;
  delete patch.locked;
  const skippedLocked = leafPaths(patch).filter((p) => isLocked(p, locked));
  for (const path of skippedLocked) deletePath(patch, path);
  pruneEmpty(patch);
  return { ok: true, patch, skippedLocked };
}

/** Drops groups left empty by removed keys ({"popup": {}} would say nothing anyway). */
function pruneEmpty(obj: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
    pruneEmpty(v as Record<string, unknown>);
    if (Object.keys(v).length === 0) delete obj[k];
  }
}
