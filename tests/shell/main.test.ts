// @vitest-environment node
// main.ts: the lock first, nothing heavy before it, and a second instance that only exits.
import { build } from 'esbuild';
import { describe, expect, it, vi, beforeEach } from 'vitest';
import * as electron from './mocks/electron';

vi.mock('electron', () => import('./mocks/electron'));
const startApp = vi.fn();
const runCommand = vi.fn(async () => 0);
vi.mock('../../electron/shell/load-app', () => ({
  loadApp: vi.fn(() => {
    electron.calls.push('loadApp');
    return { startApp, runCommand };
  }),
}));

const { runMain } = await import('../../electron/main');

beforeEach(() => {
  electron.resetElectron();
  startApp.mockClear();
  runCommand.mockClear();
});

describe('main entry', () => {
  it('requests the lock with the raw argv before loading app.cjs', () => {
    const argv = ['C:\\CallPop\\CallPop.exe', '/N:S', '/C:+31612345678', '/T:I', '/I:AbC123'];
    expect(runMain(argv, {})).toBe('primary');
    expect(electron.calls).toEqual(['requestSingleInstanceLock', 'loadApp']);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledWith({ argv });
    expect(startApp).toHaveBeenCalledWith({ argv });
  });

  it('a second instance exits at once: no app.cjs, no window, no tray, no ready wait', () => {
    electron.appState.lockResult = false;
    expect(runMain(['CallPop.exe', '/N:E', '/T:I', '/I:1'], {})).toBe('secondary');
    expect(electron.app.exit).toHaveBeenCalledWith(0);
    expect(electron.calls).toEqual(['requestSingleInstanceLock', 'exit:0']);
    expect(startApp).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.Tray.instances).toHaveLength(0);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('`CallPop.exe export` runs the command: no lock, no app, exit with its code', async () => {
    const argv = ['C:\\CallPop\\CallPop.exe', 'export', '--format', 'csv'];
    expect(runMain(argv, {})).toBe('command');
    expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(startApp).not.toHaveBeenCalled();
    expect(runCommand).toHaveBeenCalledWith('export', argv, 1);
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(0));
  });

  it('a 3CX launch is never read as a command, even with a command word in it', () => {
    expect(runMain(['CallPop.exe', '/N:S', '/C:export', '/T:I', '/I:1'], {})).toBe('primary');
    expect(runCommand).not.toHaveBeenCalled();
  });

  it('sets the data directory before taking the lock (the lock is per userData)', () => {
    runMain(['CallPop.exe', '--data-dir', '/srv/agent7'], {});
    expect(electron.calls.slice(0, 2)).toEqual(['setPath:userData', 'requestSingleInstanceLock']);
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', '/srv/agent7');
  });

  it('takes CALLPOP_DATA_DIR from the environment', () => {
    runMain(['CallPop.exe'], { CALLPOP_DATA_DIR: '/srv/env-dir' });
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', '/srv/env-dir');
  });

  it('leaves userData alone by default', () => {
    runMain(['CallPop.exe'], {});
    expect(electron.app.setPath).not.toHaveBeenCalled();
  });

  it('bundles to a tiny main.cjs that requires only electron and node:path', async () => {
    const out = await build({
      entryPoints: ['electron/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    const requires = [...code.matchAll(/require\(("[^"]*")\)/g)].map((m) => JSON.parse(m[1]!));
    expect(new Set(requires)).toEqual(new Set(['electron', 'node:path']));
    // app.cjs is required by computed path, at run time, only by the primary.
    expect(code).toMatch(/require\(\(0, import_node_path\d*\.join\)\(__dirname, "app\.cjs"\)\)/);
    expect(code).not.toMatch(/better-sqlite3|createCore|BrowserWindow|i18next|zod/);
    expect(code.length).toBeLessThan(4000);
  });
});
