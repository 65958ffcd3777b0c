// @vitest-environment node
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from './mocks/electron';
import { createFakeCore, type FakeCore } from '../fake-core';

vi.mock('electron', () => import('./mocks/electron'));
let core: FakeCore;
const createCore = vi.fn(async (_deps: unknown) => core);
vi.mock('../../electron/core/core', () => ({
  createCore: (deps: unknown) => createCore(deps),
}));
const { startApp } = await import('../../electron/app');
const { connectLocal, exchange, socketPathFor } = await import('../../electron/host/forward');

let dir: string;
// Electron sets this in the packaged app; plain Node has none.
(process as { resourcesPath?: string }).resourcesPath = '/opt/CallPop/resources';
beforeEach(() => {
  electron.resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'callpop-app-'));
  electron.appState.userData = dir;
  core = createFakeCore();
  createCore.mockClear();
});
const apps: Array<ReturnType<typeof startApp>> = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await (await a.endpoint).close();
  rmSync(dir, { recursive: true, force: true });
});

const RAW = [
  'C:\\Program Files\\CallPop\\CallPop.exe',
  '/N:S',
  '/C:+31612345678',
  '/T:I',
  '/I:AbC123',
];
const CHROMIUM = [
  'C:\\CallPop.exe',
  '--allow-file-access-from-files',
  '/n:s',
  '/c:+31612345678',
  '/t:i',
  '/i:abc123',
];

async function started(argv: string[] = ['C:\\CallPop.exe']) {
  const app = startApp({ argv });
  apps.push(app);
  const runtime = await app.ready;
  if (!runtime) throw new Error('start-up failed');
  return { app, runtime };
}

describe('start-up', () => {
  it('registers the app:// scheme and the sandbox before ready, then serves the renderer', async () => {
    electron.holdReady();
    const app = startApp({ argv: ['CallPop.exe'] });
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(createCore).not.toHaveBeenCalled();
    electron.fireReady();
    await app.ready;
    expect(electron.protocol.handlers.has('app')).toBe(true);
    const res = await electron.protocol.handlers.get('app')!({
      url: 'app://callpop/../../package.json',
    });
    expect(res.status).toBe(404);
  });

  it('creates the core on the userData dir with a safeStorage SecretBox', async () => {
    await started();
    expect(createCore).toHaveBeenCalledWith(expect.objectContaining({ dataDir: dir }));
    const deps = createCore.mock.calls[0]![0] as {
      secrets: { isAvailable(): boolean; encrypt(s: string): string; decrypt(s: string): string };
    };
    expect(deps.secrets.isAvailable()).toBe(true);
    expect(deps.secrets.decrypt(deps.secrets.encrypt('tok'))).toBe('tok');
  });

  it('hands the start-up argv to the core and shows no window for a call', async () => {
    const { runtime } = await started(RAW);
    expect(core.handleArgv).toHaveBeenCalledWith(RAW, 'startup');
    const main = runtime.windows.mainWindow() as unknown as electron.BrowserWindow;
    expect(main.show).not.toHaveBeenCalled();
    expect(main.focus).not.toHaveBeenCalled();
  });

  it('shows the main window for a plain start, but not for the login item (--hidden)', async () => {
    const { runtime } = await started(['C:\\CallPop.exe']);
    expect(
      (runtime.windows.mainWindow() as unknown as electron.BrowserWindow).show,
    ).toHaveBeenCalled();
    electron.resetElectron();
    electron.appState.userData = dir;
    const hidden = await started(['C:\\CallPop.exe', '--hidden']);
    expect(
      (hidden.runtime.windows.mainWindow() as unknown as electron.BrowserWindow).show,
    ).not.toHaveBeenCalled();
  });

  it('creates one tray, two windows, and trusts both for IPC', async () => {
    await started();
    expect(electron.Tray.instances).toHaveLength(1);
    expect(electron.BrowserWindow.instances).toHaveLength(2);
    // Trusted: main answers their requests instead of refusing the sender.
    for (const win of electron.BrowserWindow.instances) {
      expect(win.webContents.url).toMatch(/^app:\/\//);
      expect(await electron.invokeFrom(win.webContents, 'settings.get', {})).toMatchObject({
        ok: true,
      });
    }
  });

  it('guards every webContents created (web-contents-created)', async () => {
    await started();
    for (const win of electron.BrowserWindow.instances) {
      expect(win.webContents.windowOpenHandler).not.toBeNull();
      expect(win.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    }
  });

  it('installs the permission handlers and the CSP header', async () => {
    await started();
    expect(electron.sessionState.permissionRequest).not.toBeNull();
    expect(electron.sessionState.permissionCheck).not.toBeNull();
    expect(electron.sessionState.headers).not.toBeNull();
  });

  it('shows an error and exits when the core cannot start', async () => {
    createCore.mockRejectedValueOnce(new Error('database is locked'));
    const app = startApp({ argv: ['CallPop.exe'] });
    expect(await app.ready).toBeNull();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'CallPop could not start',
      'database is locked',
    );
    expect(electron.app.exit).toHaveBeenCalledWith(1);
  });
});

describe('the local endpoint (callpop-notify)', () => {
  it('listens on the same endpoint as browser mode and hands events to the core', async () => {
    const { app } = await started();
    const endpoint = await app.endpoint;
    expect(endpoint.path).toBe(socketPathFor(dir));
    const argv = ['/N:S', '/C:+31612345678', '/T:I', '/I:Tramp-1'];
    const c = await connectLocal(socketPathFor(dir));
    if (!('socket' in c)) throw new Error(c.error);
    expect(await exchange(c.socket, { argv, cwd: 'C:\\' })).toEqual({
      ok: true,
      outcome: { kind: 'call', callId: 'Tramp-1' },
    });
    expect(core.handleArgv).toHaveBeenCalledWith(argv, 'socket', expect.any(Number));
  });

  it('holds an event that arrives before ready until the core is up', async () => {
    electron.holdReady();
    const app = startApp({ argv: ['C:\\CallPop.exe'] });
    apps.push(app);
    await app.endpoint;
    const c = await connectLocal(socketPathFor(dir));
    if (!('socket' in c)) throw new Error(c.error);
    const reply = exchange(c.socket, { argv: ['/N:S', '/T:I', '/I:Early-1'], cwd: '' });
    await new Promise((r) => setTimeout(r, 50));
    expect(core.handleArgv).not.toHaveBeenCalledWith(expect.anything(), 'socket');
    electron.fireReady();
    expect(await reply).toMatchObject({ ok: true, outcome: { callId: 'Early-1' } });
  });

  it('closes the endpoint and releases its lock on quit', async () => {
    const { app } = await started();
    await app.endpoint;
    const event = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', event);
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(0));
    expect(existsSync(socketPathFor(dir))).toBe(false);
    expect(existsSync(join(dir, 'callpop.lock'))).toBe(false);
  });
});

describe('second instances', () => {
  it('routes additionalData.argv (the raw argv) to the core', async () => {
    await started();
    electron.app.emit('second-instance', {}, CHROMIUM, 'C:\\', { argv: RAW });
    await vi.waitFor(() => expect(core.handleArgv).toHaveBeenCalledWith(RAW, 'second-instance'));
  });

  it('falls back to the reordered, lower-cased argv, which still parses as the call', async () => {
    await started();
    electron.app.emit('second-instance', {}, CHROMIUM, 'C:\\', undefined);
    await vi.waitFor(() =>
      expect(core.handleArgv).toHaveBeenCalledWith(CHROMIUM, 'second-instance'),
    );
    const outcome = await core.handleArgv.mock.results.at(-1)!.value;
    expect(outcome).toEqual({ kind: 'call', callId: 'abc123' });
  });

  it('keeps launches that arrive before the core is ready, in order, after the start-up argv', async () => {
    electron.holdReady();
    const app = startApp({ argv: ['CallPop.exe', '/N:S', '/C:1', '/T:I', '/I:1'] });
    electron.app.emit('second-instance', {}, [], '', {
      argv: ['CallPop.exe', '/N:C', '/T:I', '/I:1'],
    });
    electron.app.emit('second-instance', {}, [], '', {
      argv: ['CallPop.exe', '/N:E', '/T:I', '/I:1'],
    });
    electron.fireReady();
    await app.ready;
    expect(core.handleArgv.mock.calls.map((c) => [c[0][1], c[1]])).toEqual([
      ['/N:S', 'startup'],
      ['/N:C', 'second-instance'],
      ['/N:E', 'second-instance'],
    ]);
  });

  it('a plain second start brings the main window up', async () => {
    const { runtime } = await started(RAW);
    electron.app.emit('second-instance', {}, ['CallPop.exe'], '', { argv: ['CallPop.exe'] });
    const main = runtime.windows.mainWindow() as unknown as electron.BrowserWindow;
    await vi.waitFor(() => expect(main.show).toHaveBeenCalled());
  });

  it('routes macOS open-url tel: links', async () => {
    await started();
    const event = { preventDefault: vi.fn() };
    electron.app.emit('open-url', event, 'tel:+31201234567');
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(core.handleArgv).toHaveBeenCalledWith(['tel:+31201234567'], 'second-instance'),
    );
  });
});

describe('protocols, login item, update, quit', () => {
  it('registers tel: and callto: in the packaged app only', async () => {
    await started();
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('tel');
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('callto');
    electron.resetElectron();
    electron.appState.userData = dir;
    electron.appState.isPackaged = false;
    await started();
    expect(electron.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('applies openAtLogin at start and when the setting changes', async () => {
    await started();
    expect(electron.app.setLoginItemSettings).toHaveBeenLastCalledWith({
      openAtLogin: true,
      args: ['--hidden'],
    });
    core.setSettings((s) => ({ ...s, app: { ...s.app, openAtLogin: false } }));
    expect(electron.app.setLoginItemSettings).toHaveBeenLastCalledWith({
      openAtLogin: false,
      args: ['--hidden'],
    });
    expect(electron.app.setLoginItemSettings).toHaveBeenCalledTimes(2);
    core.setSettings((s) => ({ ...s, language: 'de' }));
    expect(electron.app.setLoginItemSettings).toHaveBeenCalledTimes(2);
  });

  it('points the portable build login item at the portable exe', async () => {
    process.env.PORTABLE_EXECUTABLE_FILE = 'D:\\Tools\\CallPop.exe';
    try {
      await started();
    } finally {
      delete process.env.PORTABLE_EXECUTABLE_FILE;
    }
    expect(electron.app.setLoginItemSettings).toHaveBeenCalledWith({
      openAtLogin: true,
      args: ['--hidden'],
      path: 'D:\\Tools\\CallPop.exe',
    });
  });

  it('does not quit when all windows close; Quit closes the core, then exits', async () => {
    const { runtime, app } = await started();
    expect(electron.app.listenerCount('window-all-closed')).toBe(1);
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).not.toHaveBeenCalled();

    electron.Tray.instances[0]!.item('quit').click!({ checked: false });
    expect(app.isQuitting()).toBe(true);
    const event = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(0));
    expect(core.close).toHaveBeenCalled();
    expect(electron.Tray.instances[0]!.destroyed).toBe(true);
    expect(runtime.windows.mainWindow()).toBeNull();
  });
});
