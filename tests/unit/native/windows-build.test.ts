// @vitest-environment node
// The Windows half of callpop-notify (named-pipe client, CreateProcessW, UTF-16 argv) cannot
// run here; where a MinGW cross compiler is installed (Debian: gcc-mingw-w64-x86-64) this at
// least proves it compiles without a warning, as MSVC will build it through node-gyp.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../fixtures/native-build';

const CC = 'x86_64-w64-mingw32-gcc';
const haveCc = spawnSync(CC, ['--version']).status === 0;

/** The trampoline's sources as binding.gyp lists them, so this builds what node-gyp builds. */
function notifySources(): string[] {
  const gyp = readFileSync(join(ROOT, 'native', 'binding.gyp'), 'utf8');
  const target = /'target_name': 'callpop-notify',[^]*?'sources': \[([^\]]*)\]/.exec(gyp);
  const files = [...(target?.[1] ?? '').matchAll(/'([^']+\.c)'/g)].map((m) => m[1]!);
  if (files.length === 0) throw new Error('no sources for callpop-notify in binding.gyp');
  return files.map((f) => join(ROOT, 'native', f));
}

describe('callpop-notify.exe', () => {
  it.runIf(haveCc)('compiles for Windows without warnings', () => {
    const out = mkdtempSync(join(tmpdir(), 'cp-win-'));
    try {
      const exe = join(out, 'callpop-notify.exe');
      const src = notifySources();
      expect(src.map((f) => f.split(/[\\/]/).pop())).toContain('notify-win.c');
      execFileSync(CC, [
        '-Wall',
        '-Wextra',
        '-Werror',
        '-O2',
        '-DUNICODE',
        '-D_UNICODE',
        '-DWIN32_LEAN_AND_MEAN',
        '-D_WIN32_WINNT=0x0602',
        '-mwindows',
        '-o',
        exe,
        ...src,
        '-ladvapi32',
        '-lshell32',
      ]);
      expect(statSync(exe).size).toBeGreaterThan(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
