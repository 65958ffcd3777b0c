// Is the data directory the user's alone? A line for "Copy diagnostics".
// - Unix: its mode, which the core tightens to 0700 at every start (so anything else means the
//   tightening failed, e.g. a directory owned by someone else).
// - Windows: modes mean nothing there; privacy comes from the ACL, and CallPop gets a private
//   ACL by construction: its data directory is Electron's userData, %APPDATA%\CallPop, inside
//   the user's profile, and a new folder inherits the profile's ACL (the user, SYSTEM and
//   Administrators only). That holds as long as the directory is inside the profile, which is
//   what is checked: one set elsewhere (--data-dir, CALLPOP_DATA_DIR, a roaming share) is
//   flagged for IT to check its ACL.
import { statSync } from 'node:fs';
import { win32 } from 'node:path';

export interface PrivacyFacts {
  dataDir: string;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** The directory's mode bits (Unix), or null when it cannot be read. */
  mode: number | null;
}

export function dataDirMode(dataDir: string): number | null {
  try {
    return statSync(dataDir).mode & 0o777;
  } catch {
    return null;
  }
}

function insideWin(dir: string, root: string): boolean {
  const rel = win32.relative(win32.resolve(root), win32.resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !win32.isAbsolute(rel));
}

export function dataDirPrivacy(f: PrivacyFacts): { ok: boolean; text: string } {
  if (f.platform === 'win32') {
    const profile = f.env.USERPROFILE;
    if (profile && insideWin(f.dataDir, profile)) {
      return {
        ok: true,
        text: 'private: inside the user profile, so it inherits the profile ACL (the user, SYSTEM, Administrators)',
      };
    }
    return {
      ok: false,
      text: `CHECK: outside the user profile (${profile ?? 'USERPROFILE not set'}); its ACL is not the profile's: make sure only this user can read it`,
    };
  }
  if (f.mode === null) return { ok: false, text: 'CHECK: its mode cannot be read' };
  const shown = `0${f.mode.toString(8)}`;
  return (f.mode & 0o077) === 0
    ? { ok: true, text: `private (mode ${shown})` }
    : {
        ok: false,
        text: `CHECK: readable by other users (mode ${shown}); CallPop could not tighten it to 0700`,
      };
}
