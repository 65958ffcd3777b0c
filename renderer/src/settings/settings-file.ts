// Settings as a JSON file an admin can turn into the machine-wide config: the same shape as
// settings.json (and config.json without its "locked" list). Secrets never reach the UI, so an
// export from here leaves them out; an import sends the file to main, which validates it.
import { deletePath, SECRET_PATHS } from '../../../shared/settings-paths';
import type { Settings } from '../../../shared/settings-schema';

/** The settings to write to a file: everything but the secrets and this desktop's setup flag. */
export function exportableSettings(settings: Settings): Record<string, unknown> {
  const copy = structuredClone(settings) as unknown as Record<string, unknown>;
  for (const path of SECRET_PATHS) deletePath(copy, path);
  deletePath(copy, 'app.firstRunDone');
  return copy;
}

export type ImportResult =
  { ok: true; patch: Record<string, unknown> } | { ok: false; reason: 'not-json' | 'not-object' };

/** A file's text as a settings patch; a machine-wide file's "locked" list is not the user's. */
export function importPatch(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, reason: 'not-object' };
  const patch = { ...(parsed as Record<string, unknown>) };
  delete patch.locked;
  return { ok: true, patch };
}
