// @vitest-environment node
// CallPop.exe export|demo|serve|--help, against a real journal and a recording spawn.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runExeCommand, type ExeCommandDeps } from '../../electron/shell/exe-commands';
import { createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/logger';
import type { SpawnFn } from '../../electron/core/core-types';

let dir: string;
/** The agent's `language` setting in the data folder (English unless a test says otherwise). */
function setLanguage(language: string): void {
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language }));
}
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-exe-'));
  setLanguage('en');
  vi.stubEnv('CALLPOP_MACHINE_CONFIG', join(dir, 'no-machine-config.json'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function deps(extra: Partial<ExeCommandDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const started: string[][] = [];
  const spawn: SpawnFn = (_cmd, args) => {
    started.push([...args]);
    const child = new EventEmitter() as ChildProcess;
    child.unref = () => child;
    // Every start but the first hands over and exits; the first stays (it is CallPop now).
    if (started.length > 1) setTimeout(() => child.emit('exit', 0), 1);
    return child;
  };
  const d: ExeCommandDeps = {
    dataDir: dir,
    self: { execPath: 'C:\\CallPop\\CallPop.exe', args: [] },
    spawn,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    handOverMs: 20,
    ...extra,
  };
  return { d, out, err, started };
}

describe('CallPop.exe commands', () => {
  it('export prints the journal as CSV', async () => {
    const core = await createCore({
      dataDir: dir,
      logger: createLogger(),
      machineConfigPath: null,
    });
    await core.handleArgv(['CallPop.exe', '/N:S', '/C:0612345678', '/T:I', '/I:77'], 'startup');
    await core.handleArgv(['CallPop.exe', '/N:E', '/T:I', '/I:77'], 'socket');
    await core.close();
    const { d, out } = deps();
    expect(await runExeCommand('export', ['--format', 'csv'], d)).toBe(0);
    const lines = out.join('').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^77,inbound,0612345678,ended,missed,/);
  });

  it('refuses an unknown export format with exit 2 and a clear message', async () => {
    const { d, err } = deps();
    expect(await runExeCommand('export', ['--format', 'xml'], d)).toBe(2);
    expect(err.join('')).toMatch(/--format must be json or csv/);
  });

  it('serve explains that browser mode runs on Node', async () => {
    const { d, err } = deps();
    expect(await runExeCommand('serve', [], d)).toBe(2);
    expect(err.join('')).toMatch(/npx callpop serve/);
  });

  it('--help prints the exe usage', async () => {
    const { d, out } = deps();
    expect(await runExeCommand('help', [], d)).toBe(0);
    expect(out.join('')).toMatch(/CallPop.exe export --format json\|csv/);
  });

  it('speaks the language setting: German usage errors and help', async () => {
    setLanguage('de');
    const { d, err, out } = deps();
    expect(await runExeCommand('export', ['--format', 'xml'], d)).toBe(2);
    expect(err.join('')).toMatch(/^CallPop: --format muss json oder csv sein, nicht "xml"/);
    expect(await runExeCommand('contacts', ['frob'], d)).toBe(2);
    expect(err.join('')).toMatch(
      /CallPop: unbekannter contacts-Befehl "frob" \(import oder export\)/,
    );
    expect(err.join('')).toMatch(/die lokalen Kontakte ausgeben/);
    expect(await runExeCommand('help', [], d)).toBe(0);
    expect(out.join('')).toMatch(/CallPop.exe export --format json\|csv {12}das Anrufjournal/);
  });

  it('follows the system locale when the setting is auto', async () => {
    setLanguage('auto');
    vi.stubEnv('LC_ALL', '');
    vi.stubEnv('LC_MESSAGES', '');
    vi.stubEnv('LANG', 'ru_RU.UTF-8');
    const { d, err } = deps();
    expect(await runExeCommand('serve', [], d)).toBe(2);
    expect(err.join('')).toMatch(/режим браузера работает на Node/);
  });

  it("demo tells each step in the agent's language (Dutch)", async () => {
    setLanguage('nl');
    const { d, out } = deps({ self: { execPath: 'electron', args: ['.'] } });
    expect(await runExeCommand('demo', ['--fast'], d)).toBe(0);
    expect(out[0]).toBe(
      '  Een inkomend gesprek van een Nederlands mobiel nummer (0612345678) gaat over…\n',
    );
    expect(out.at(-1)).toMatch(/^Demo klaar/);
  });

  it('demo starts the exe once per 3CX event, with the data dir, dial URLs last', async () => {
    const { d, started } = deps({ self: { execPath: 'electron', args: ['.'] } });
    expect(await runExeCommand('demo', ['--fast'], d)).toBe(0);
    expect(started.length).toBeGreaterThanOrEqual(10);
    for (const args of started) {
      expect(args.slice(0, 3)).toEqual(['.', '--data-dir', dir]);
      const url = args.findIndex((a) => /^tel:/.test(a));
      if (url >= 0) expect(url).toBe(args.length - 1);
    }
    expect(started.some((a) => a.includes('/N:S') && a.includes('/C:0612345678'))).toBe(true);
  });
});
