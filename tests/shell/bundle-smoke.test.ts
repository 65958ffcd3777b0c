// @vitest-environment node
// The built main process (app.cjs, bundled as scripts/build.mjs does) run in plain Node with the
// mocked electron module in place of the real one: the real core, SQLite journal, i18next and
// CommonJS interop of the bundle, end to end from a 3CX argv to a popup shown without focus.
// The other shell tests run the TypeScript sources; this catches what only the bundle can get
// wrong (a default import of a CommonJS package, a missing external, a path from __dirname).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from './mocks/electron';
import { READY_SIGNAL, type CallView, type Result } from '../../shared/ipc';
import type * as AppModule from '../../electron/app';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;

// Inside the repo so the bundle's externals resolve from node_modules.
const outDir = join(process.cwd(), 'node_modules', '.cache', 'callpop-shell-smoke');
let dataDir: string;
let appModule: typeof AppModule;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { app: 'electron/app.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'silent',
  });
  moduleWithLoad._load = function (request, parent, isMain) {
    if (request === 'electron') return electron;
    return originalLoad.call(this, request, parent, isMain);
  };
  electron.resetElectron();
  dataDir = mkdtempSync(join(tmpdir(), 'callpop-smoke-'));
  electron.appState.userData = dataDir;
  (process as { resourcesPath?: string }).resourcesPath = join(process.cwd(), 'build');
  appModule = createRequire(import.meta.url)(join(outDir, 'app.cjs')) as typeof AppModule;
});

afterAll(() => {
  moduleWithLoad._load = originalLoad;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('bundled app.cjs with a mocked electron', () => {
  it('pops a 3CX call inactive, routes second instances, journals the call and quits cleanly', async () => {
    const started = appModule.startApp({
      argv: ['C:\\CallPop\\CallPop.exe', '/N:S', '/C:0612345678', '/T:I', '/I:Smoke1'],
    });
    const runtime = await started.ready;
    expect(runtime).not.toBeNull();
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();

    const [main, popup] = electron.BrowserWindow.instances as [
      electron.BrowserWindow,
      electron.BrowserWindow,
    ];
    expect(popup.webContents.url).toBe('app://callpop/index.html#/popup');
    expect(popup.options.webPreferences).toMatchObject({
      preload: join(outDir, 'preload.cjs'),
      sandbox: true,
    });

    // Cold start: the popup waits for its UI, then shows without taking focus.
    expect(popup.showInactive).not.toHaveBeenCalled();
    await electron.invokeFrom(popup.webContents, READY_SIGNAL, undefined);
    expect(popup.showInactive).toHaveBeenCalledTimes(1);
    expect(popup.focus).not.toHaveBeenCalled();
    expect(main.show).not.toHaveBeenCalled();
    const shown = popup.webContents.send.mock.calls.find((c) => c[0] === 'popup.show');
    expect(shown?.[1]).toMatchObject({ id: 'Smoke1', number: '0612345678', state: 'ringing' });

    // The Assistant's next launches, as Chromium rebuilds them on Windows (no additionalData).
    electron.app.emit(
      'second-instance',
      {},
      ['C:\\CallPop\\CallPop.exe', '--allow-file-access-from-files', '/n:c', '/t:i', '/i:smoke1'],
      'C:\\',
      undefined,
    );
    electron.app.emit('second-instance', {}, [], 'C:\\', {
      argv: ['C:\\CallPop\\CallPop.exe', '/N:E', '/T:I', '/I:Smoke1'],
    });
    await vi.waitFor(async () => {
      const list = (await electron.invokeFrom(main.webContents, 'calls.list', {})) as Result<
        CallView[]
      >;
      expect(list.ok && list.value[0]).toMatchObject({
        id: 'Smoke1',
        state: 'ended',
        outcome: 'answered',
      });
    });

    // The tray is real i18next over the shared catalogue.
    const tray = electron.Tray.instances[0]!;
    expect(tray.item('open').label).toBe('Open CallPop');
    expect(tray.image.path).toMatch(/icons[\\/](idle|problem)\.png$/);

    // IPC from outside our windows is refused even with a valid payload.
    const stranger = new electron.FakeWebContents();
    stranger.url = 'app://callpop/index.html';
    expect(await electron.invokeFrom(stranger, 'calls.list', {})).toEqual({
      ok: false,
      error: { code: 'untrusted-sender', message: 'untrusted sender' },
    });

    tray.item('quit').click!({ checked: false });
    electron.app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(0));
    expect(tray.destroyed).toBe(true);
  });
});
