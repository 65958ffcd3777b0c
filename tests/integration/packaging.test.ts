// @vitest-environment node
// Packaging, offline (no download of Electron here): the electron-builder config validates, and `--dir` with a
// stand-in Electron folder builds an app.asar whose contents we can check: the entry named by
// package.json, the preload and the renderer, every package main requires, and no sources,
// tests or source maps. Real installers (NSIS, AppImage) need downloads and are built by
// `npm run dist` on a normal machine.
import { execFile, execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as typeof import('@electron/asar');
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(
    projectDir: string,
    configPath: string | null,
    fromOptions: unknown,
  ): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const root = process.cwd();
let work: string;
let unpacked: string;
let files: string[];
let builderLog = '';

function ensureBuilt(): void {
  const needed = [
    'dist/electron/main.cjs',
    'dist/electron/app.cjs',
    'dist/electron/preload.cjs',
    'dist/renderer/index.html',
    'dist/bin/callpop-notify',
  ];
  if (needed.every((f) => existsSync(join(root, f)))) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
}

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'callpop-pack-'));
  // The stand-in: what electron-builder copies and renames to the app's executable.
  const electronDist = join(work, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho stand-in\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  const out = join(work, 'release');
  const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [
      cli,
      '--linux',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      // Rebuilding better-sqlite3 for Electron downloads headers; a normal machine does it.
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
    ],
    { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 32 * 1024 * 1024 },
  );
  builderLog = stdout + stderr;
  unpacked = join(out, 'linux-unpacked');
  files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false });
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const readFromAsar = (file: string) =>
  asar
    .extractFile(join(unpacked, 'resources', 'app.asar'), file.replace(/^\//, ''))
    .toString('utf8');

describe('electron-builder config', () => {
  it('validates offline', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'nl.callpop.app', productName: 'CallPop', asar: true });
  });

  it('builds a per-user NSIS installer and a portable exe for Windows, AppImage and deb for Linux', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    const win = config.win as { target: Array<{ target: string }>; icon: string };
    expect(win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      include: 'build/installer.nsh',
    });
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect(config.protocols).toEqual([{ name: 'Telephone link', schemes: ['tel', 'callto'] }]);
    expect(config.afterPack).toBe('build/after-pack-fuses.cjs');
    for (const icon of ['build/icon.ico', 'build/icon.png'])
      expect(existsSync(join(root, icon)), icon).toBe(true);
  });

  it('the installer finish page tells how to point the 3CX Assistant at callpop-notify.exe', () => {
    const nsh = readFileSync(join(root, 'build', 'installer.nsh'), 'utf8');
    expect(nsh).toContain('!macro customFinishPage');
    expect(nsh).toContain('File > Preferences > Options');
    expect(nsh).toContain('"Call CRM Executable"');
    expect(nsh).toContain('$INSTDIR\\callpop-notify.exe');
    expect(nsh).toContain('%LOCALAPPDATA%\\Programs\\CallPop\\callpop-notify.exe');
    // Set up for CallPop.exe before: still works.
    expect(nsh).toContain('$INSTDIR\\${APP_EXECUTABLE_FILENAME} keeps working');
  });
});

describe('packed app (--dir with a stand-in Electron)', () => {
  it('holds package.json whose main exists in the asar', () => {
    const pkg = JSON.parse(readFromAsar('package.json')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(files).toContain(`/${pkg.main}`);
  });

  it('holds the main process, the preload and the renderer', () => {
    for (const f of [
      '/dist/electron/main.cjs',
      '/dist/electron/app.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => /^\/dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
  });

  it('holds no TypeScript sources, tests, source maps or browser-mode CLI', () => {
    const offending = files.filter(
      (f) =>
        /\.(ts|tsx|mts|cts)$/.test(f) ||
        f.endsWith('.map') ||
        /^\/(electron|renderer|shared|tests|scripts|build|src)\//.test(f) ||
        f.startsWith('/dist/cli/') ||
        /\/node_modules\/[^/]+(\/[^/]+)?\/(test|tests|__tests__)\//.test(f),
    );
    expect(offending).toEqual([]);
    expect(files).not.toContain('/tsconfig.json');
    expect(files).not.toContain('/vite.config.mts');
  });

  it('holds every package the main process requires', () => {
    const builtins = new Set([
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`),
      'electron',
    ]);
    const code = readFromAsar('dist/electron/app.cjs') + readFromAsar('dist/electron/main.cjs');
    const packages = new Set<string>();
    for (const m of code.matchAll(/\brequire\("([^"]+)"\)/g)) {
      const name = m[1]!;
      if (builtins.has(name) || name.startsWith('.')) continue;
      packages.add(
        name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!,
      );
    }
    expect(packages.size).toBeGreaterThan(0);
    for (const pkg of packages) expect(files, pkg).toContain(`/node_modules/${pkg}/package.json`);
    // electron-updater is required lazily (auto-update), by name in a function.
    expect(files).toContain('/node_modules/electron-updater/package.json');
  });

  it('unpacks the native SQLite module next to the asar', () => {
    expect(
      existsSync(
        join(
          unpacked,
          'resources',
          'app.asar.unpacked',
          'node_modules',
          'better-sqlite3',
          'build',
          'Release',
          'better_sqlite3.node',
        ),
      ),
    ).toBe(true);
  });

  it('ships the native trampoline beside the app executable, outside the asar', () => {
    const trampoline = join(unpacked, 'callpop-notify');
    expect(existsSync(trampoline)).toBe(true);
    expect(statSync(trampoline).mode & 0o111).not.toBe(0);
    // The very program npm run build made, not a stand-in.
    expect(
      readFileSync(trampoline).equals(readFileSync(join(root, 'dist/bin/callpop-notify'))),
    ).toBe(true);
    expect(files.filter((f) => f.includes('callpop-notify'))).toEqual([]);
    expect(existsSync(join(unpacked, 'callpop-notify-selftest'))).toBe(false);
    // It finds the desktop app's data directory by the name Electron gives userData: the
    // packed package.json has no productName, so it is `name` (native/src: "callpop").
    const pkg = JSON.parse(readFromAsar('package.json')) as { name: string; productName?: string };
    expect(pkg.productName ?? pkg.name).toBe('callpop');
  });

  it('ships the tray icons as resources', () => {
    for (const state of ['idle', 'ringing', 'in-call', 'problem']) {
      expect(existsSync(join(unpacked, 'resources', 'icons', `${state}.png`)), state).toBe(true);
      expect(existsSync(join(unpacked, 'resources', 'icons', `${state}@2x.png`)), state).toBe(true);
    }
  });

  it('ran the fuses hook, which skipped the stand-in', () => {
    expect(builderLog).toMatch(/fuses skipped: callpop is a \d+-byte stand-in/);
  });
});
