// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from './mocks/electron';
import { createFakeCore, type FakeCore } from './fake-core';
import { invokeSchemas } from '../../shared/ipc/schemas';
import { READY_SIGNAL, type CallView } from '../../shared/ipc';

vi.mock('electron', () => import('./mocks/electron'));
const { createIpcBridge, UNTRUSTED_SENDER, MAX_QUEUED_PUSHES } = await import('../../electron/ipc');
const { appUrl } = await import('../../electron/shell/app-protocol');

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
let core: FakeCore;

function trustedWindow(route = '/') {
  const contents = new electron.FakeWebContents();
  contents.url = appUrl(route);
  return contents;
}

const call = (id: string) =>
  ({ id, key: id.toLowerCase(), state: 'ringing', number: '+31612345678' }) as CallView;

beforeEach(() => {
  electron.resetElectron();
  core = createFakeCore();
  vi.clearAllMocks();
});

describe('IPC bridge', () => {
  it('registers exactly one handler per contract channel', () => {
    createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      [...Object.keys(invokeSchemas), READY_SIGNAL].sort(),
    );
  });

  it('refuses a webContents that is not one of our windows', async () => {
    createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const stranger = trustedWindow(); // right URL, but never trusted
    const result = await electron.invokeFrom(stranger, 'calls.list', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'untrusted-sender', message: UNTRUSTED_SENDER },
    });
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Refused IPC from an untrusted sender',
      expect.objectContaining({ channel: 'calls.list' }),
    );
  });

  it('refuses our window once it shows a foreign page, a subframe, or no frame', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow();
    bridge.trust(win as never);
    win.url = 'https://evil.example/';
    expect(await electron.invokeFrom(win, 'settings.get', {})).toEqual({
      ok: false,
      error: { code: 'untrusted-sender', message: UNTRUSTED_SENDER },
    });
    win.url = 'file:///C:/Users/agent/Downloads/evil.html';
    expect(await electron.invokeFrom(win, 'settings.get', {})).toEqual({
      ok: false,
      error: { code: 'untrusted-sender', message: UNTRUSTED_SENDER },
    });
    win.url = appUrl('/');
    const sub = { url: appUrl('/'), parent: win.mainFrame };
    expect(await electron.invokeFrom(win, 'settings.get', {}, sub)).toEqual({
      ok: false,
      error: { code: 'untrusted-sender', message: UNTRUSTED_SENDER },
    });
    expect(await electron.invokeFrom(win, 'settings.get', {}, null)).toEqual({
      ok: false,
      error: { code: 'untrusted-sender', message: UNTRUSTED_SENDER },
    });
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('passes a trusted request to the core and returns its result', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow();
    bridge.trust(win as never);
    const result = await electron.invokeFrom(win, 'settings.get', {});
    expect(result).toMatchObject({ ok: true, value: { locked: [] } });
    expect(core.dispatch).toHaveBeenCalledWith('settings.get', {});
  });

  it('rejects a malformed payload with an error that names the field', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow();
    bridge.trust(win as never);
    const result = (await electron.invokeFrom(win, 'wrapup.save', {
      callId: 'a',
      status: 'Maybe',
      comments: 1,
    })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.message).toMatch(/^invalid wrapup\.save request: status: /);
    const dial = (await electron.invokeFrom(win, 'dial', { number: '' })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(dial).toMatchObject({ ok: false });
    expect(dial.error.message).toContain('number');
  });

  it('turns a throwing core into a result, never a rejected invoke', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow();
    bridge.trust(win as never);
    core.dispatch.mockRejectedValueOnce(new Error('boom'));
    expect(await electron.invokeFrom(win, 'calls.list', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: 'calls.list failed' },
    });
  });

  it('queues pushes until the renderer is ready, then delivers them in order', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow('/popup');
    bridge.trust(win as never);
    const onReady = vi.fn();
    bridge.onReady(onReady);

    // A call at cold start: the UI is still loading.
    core.emit('call.updated', call('A1'));
    core.emit('popup.show', call('A1'));
    expect(win.send).not.toHaveBeenCalled();
    expect(bridge.isReady(win as never)).toBe(false);

    await electron.invokeFrom(win, READY_SIGNAL, undefined);
    expect(bridge.isReady(win as never)).toBe(true);
    expect(onReady).toHaveBeenCalledWith(win);
    expect(win.send.mock.calls.map((c) => c[0])).toEqual(['call.updated', 'popup.show']);

    core.emit('popup.hide', { callId: 'A1' });
    expect(win.send).toHaveBeenLastCalledWith('popup.hide', { callId: 'A1' });
  });

  it('ignores a ready signal from a page that is not ours', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow('/popup');
    bridge.trust(win as never);
    core.emit('notice', { level: 'info', message: 'queued' });
    win.url = 'https://evil.example.com/';
    await electron.invokeFrom(win, READY_SIGNAL, undefined);
    expect(bridge.isReady(win as never)).toBe(false);
    expect(win.send).not.toHaveBeenCalled();
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('sends to every trusted window and queues again after a reload', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const main = trustedWindow('/');
    const popup = trustedWindow('/popup');
    bridge.trust(main as never);
    bridge.trust(popup as never);
    await electron.invokeFrom(main, READY_SIGNAL, undefined);
    await electron.invokeFrom(popup, READY_SIGNAL, undefined);
    core.emit('notice', { level: 'info', message: 'hello' });
    expect(main.send).toHaveBeenCalledWith('notice', { level: 'info', message: 'hello' });
    expect(popup.send).toHaveBeenCalledWith('notice', { level: 'info', message: 'hello' });

    popup.emit('did-start-navigation', {
      isMainFrame: true,
      isSameDocument: false,
      url: appUrl('/popup'),
    });
    core.emit('popup.show', call('B2'));
    expect(popup.send).not.toHaveBeenCalledWith('popup.show', expect.anything());
    await electron.invokeFrom(popup, READY_SIGNAL, undefined);
    expect(popup.send).toHaveBeenLastCalledWith('popup.show', call('B2'));
  });

  it('ignores same-document (hash) navigations', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow();
    bridge.trust(win as never);
    await electron.invokeFrom(win, READY_SIGNAL, undefined);
    win.emit('did-start-navigation', {
      isMainFrame: true,
      isSameDocument: true,
      url: appUrl('/history'),
    });
    expect(bridge.isReady(win as never)).toBe(true);
  });

  it('bounds the queue of a renderer that never gets ready', async () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow();
    bridge.trust(win as never);
    for (let i = 0; i < MAX_QUEUED_PUSHES + 25; i++)
      core.emit('notice', { level: 'info', message: String(i) });
    await electron.invokeFrom(win, READY_SIGNAL, undefined);
    expect(win.send).toHaveBeenCalledTimes(MAX_QUEUED_PUSHES);
    expect(win.send.mock.calls[0]![1]).toEqual({ level: 'info', message: '25' });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('Dropped'), { dropped: 25 });
  });

  it('forgets a destroyed window and removes its handlers on dispose', () => {
    const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
    const win = trustedWindow();
    bridge.trust(win as never);
    win.destroyed = true;
    win.emit('destroyed');
    expect(bridge.isTrusted(win as never)).toBe(false);
    core.emit('notice', { level: 'info', message: 'x' });
    expect(win.send).not.toHaveBeenCalled();
    bridge.dispose();
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(core.listeners.size).toBe(0);
  });
});
