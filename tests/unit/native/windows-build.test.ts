// @vitest-environment node
// The Windows half of callpop-notify compiles without a warning with MinGW (Debian:
// gcc-mingw-w64-x86-64-win32), as MSVC will build it through node-gyp. It also runs, under Wine:
// tests/integration/trampoline-wine.test.ts.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNotifyExe, haveMingw, notifyTarget } from '../../fixtures/wine';

describe('callpop-notify.exe', () => {
  it.runIf(haveMingw)('compiles for Windows without warnings', () => {
    const out = mkdtempSync(join(tmpdir(), 'cp-win-'));
    try {
      expect(notifyTarget().sources.map((f) => f.split(/[\\/]/).pop())).toContain('notify-win.c');
      expect(statSync(buildNotifyExe(out)).size).toBeGreaterThan(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
