// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from './mocks/electron';
import { createFakeCore, type FakeCore } from '../fake-core';
import { READY_SIGNAL, type CallView } from '../../shared/ipc';

vi.mock('electron', () => import('./mocks/electron'));
const { createWindowManager, MOVE_SETTLE_MS } = await import('../../electron/windows');
const { createIpcBridge } = await import('../../electron/ipc');
const { createPopupPositions } = await import('../../electron/shell/popup-positions');
const { POPUP_MARGIN, POPUP_SIZE } = await import('../../electron/shell/popup-placement');

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const PRELOAD = '/opt/CallPop/resources/app.asar/dist/electron/preload.cjs';
let dir: string;
let core: FakeCore;
let quitting: boolean;

const call = (id: string) =>
  ({ id, key: id.toLowerCase(), state: 'ringing', number: '+31612345678' }) as CallView;

function setup(platform: NodeJS.Platform = 'win32', devTools = false) {
  const bridge = createIpcBridge({ ipcMain: electron.ipcMain, core, logger });
  const windows = createWindowManager({
    core,
    bridge,
    logger,
    preloadPath: PRELOAD,
    positions: createPopupPositions(join(dir, 'popup-positions.json')),
    devTools,
    isQuitting: () => quitting,
    platform,
  });
  const [main, popup] = electron.BrowserWindow.instances as [
    electron.BrowserWindow,
    electron.BrowserWindow,
  ];
  return { bridge, windows, main, popup };
}

async function ready(win: electron.BrowserWindow) {
  await electron.invokeFrom(win.webContents, READY_SIGNAL, undefined);
}

beforeEach(() => {
  electron.resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'callpop-windows-'));
  core = createFakeCore();
  quitting = false;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('window options', () => {
  // What keeps a page that went wrong (an XSS in a CRM answer, a hostile link) from reaching
  // Node or the machine. Each must hold whatever else the options say.
  const ISOLATION = {
    sandbox: true, // the renderer runs in Chromium's OS sandbox
    contextIsolation: true, // the page cannot reach the preload's world
    nodeIntegration: false, // no require() in the page...
    nodeIntegrationInWorker: false, // ...nor in its workers...
    nodeIntegrationInSubFrames: false, // ...nor in frames
    webSecurity: true, // same-origin policy on
    allowRunningInsecureContent: false, // no http script in our page
    webviewTag: false, // no <webview>, which could load anything with its own preferences
  };
  // Options that are harmless when on. Anything else switched on (experimental features, Blink
  // flags, drag-and-drop navigation, …) weakens the renderer and must be a conscious change here.
  const SAFE_WHEN_ON = new Set(['sandbox', 'contextIsolation', 'webSecurity', 'safeDialogs']);
  // Options that must not be set at all: they hand the page flags or a shared session.
  const NEVER_SET = ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session'];

  it('creates both windows sandboxed, isolated, without Node, with web security', () => {
    const { main, popup } = setup();
    for (const win of [main, popup]) {
      const prefs = win.options.webPreferences as Record<string, unknown>;
      for (const [key, value] of Object.entries(ISOLATION)) expect(prefs[key], key).toBe(value);
      const on = Object.keys(prefs).filter((k) => prefs[k] === true);
      expect(on.filter((k) => !SAFE_WHEN_ON.has(k))).toEqual([]);
      for (const key of NEVER_SET) expect(prefs, key).not.toHaveProperty(key);
      // Our preload, and only ours, is the bridge.
      expect(prefs.preload).toBe(PRELOAD);
      // Shown only when there is something to show (a call, or the agent asked).
      expect(win.options.show).toBe(false);
    }
  });

  it('offers DevTools only in a development build', () => {
    const packaged = setup();
    for (const win of [packaged.main, packaged.popup])
      expect((win.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    electron.resetElectron();
    const dev = setup('win32', true);
    for (const win of [dev.main, dev.popup]) {
      const prefs = win.options.webPreferences as Record<string, unknown>;
      expect(prefs.devTools).toBe(true);
      for (const [key, value] of Object.entries(ISOLATION)) expect(prefs[key], key).toBe(value);
    }
  });

  it('loads the UI from app:// with the popup route', () => {
    const { main, popup } = setup();
    expect(main.loadURL).toHaveBeenCalledWith('app://callpop/index.html');
    expect(popup.loadURL).toHaveBeenCalledWith('app://callpop/index.html#/popup');
  });

  it('makes the popup frameless, always on top, out of the taskbar, focusable', () => {
    const { popup } = setup();
    expect(popup.options).toMatchObject({
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      focusable: true,
      resizable: false,
      width: POPUP_SIZE.width,
      height: POPUP_SIZE.height,
    });
    expect(popup.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
  });
});

describe('popup on a call', () => {
  it('shows inactive, never show() or focus(), in the configured corner', async () => {
    const { popup, main } = setup();
    await ready(popup);
    core.emit('popup.show', call('A1'));
    expect(popup.showInactive).toHaveBeenCalledTimes(1);
    expect(popup.show).not.toHaveBeenCalled();
    expect(popup.focus).not.toHaveBeenCalled();
    expect(main.show).not.toHaveBeenCalled();
    expect(main.focus).not.toHaveBeenCalled();
    expect(popup.isAlwaysOnTop()).toBe(true);
    // Default corner bottom-right of the 1920×1040 work area.
    expect(popup.getBounds()).toEqual({
      x: 1920 - POPUP_SIZE.width - POPUP_MARGIN,
      y: 1040 - POPUP_SIZE.height - POPUP_MARGIN,
      ...POPUP_SIZE,
    });
  });

  it('waits for the popup UI to be ready before showing it (cold start)', async () => {
    const { popup } = setup();
    core.emit('popup.show', call('A1'));
    expect(popup.showInactive).not.toHaveBeenCalled();
    await ready(popup);
    expect(popup.showInactive).toHaveBeenCalledTimes(1);
    expect(popup.webContents.send).toHaveBeenCalledWith('popup.show', call('A1'));
  });

  it('goes to the display under the mouse, at 150 % scaling, in the configured corner', async () => {
    electron.screenState.displays.push({
      id: 2779098405,
      bounds: { x: 1920, y: 0, width: 1707, height: 1067 },
      workArea: { x: 1920, y: 0, width: 1707, height: 1027 },
      scaleFactor: 1.5,
    });
    electron.screenState.cursor = { x: 2500, y: 400 };
    core.setSettings((s) => ({ ...s, popup: { ...s.popup, corner: 'top-right' } }));
    const { popup } = setup();
    await ready(popup);
    core.emit('popup.show', call('A1'));
    expect(popup.getBounds()).toEqual({
      x: 1920 + 1707 - POPUP_SIZE.width - POPUP_MARGIN,
      y: POPUP_MARGIN,
      ...POPUP_SIZE,
    });
  });

  it('remembers where the agent moved it, per display, and clamps it back in', async () => {
    electron.screenState.displays.push({
      id: 2,
      bounds: { x: 1920, y: 0, width: 1280, height: 1024 },
      workArea: { x: 1920, y: 0, width: 1280, height: 984 },
      scaleFactor: 1.25,
    });
    const { popup } = setup();
    await ready(popup);
    core.emit('popup.show', call('A1'));
    popup.userMove(300, 200); // agent drags it on display 1
    core.emit('popup.hide', { callId: 'A1' });
    expect(popup.hide).toHaveBeenCalled();

    core.emit('popup.show', call('B2'));
    expect(popup.getBounds()).toMatchObject({ x: 300, y: 200 });
    core.emit('popup.hide', { callId: 'B2' });

    // The mouse is on display 2 now: nothing remembered there, so the corner.
    electron.screenState.cursor = { x: 2000, y: 500 };
    core.emit('popup.show', call('C3'));
    expect(popup.getBounds()).toMatchObject({ x: 1920 + 1280 - POPUP_SIZE.width - POPUP_MARGIN });
    core.emit('popup.hide', { callId: 'C3' });

    // Display 1 became smaller (resolution change): the remembered spot is clamped back in.
    electron.screenState.cursor = { x: 100, y: 100 };
    electron.screenState.displays[0]!.workArea = { x: 0, y: 0, width: 600, height: 560 };
    electron.screenState.displays[0]!.bounds = { x: 0, y: 0, width: 600, height: 600 };
    core.emit('popup.show', call('D4'));
    expect(popup.getBounds()).toMatchObject({
      x: 600 - POPUP_SIZE.width,
      y: 560 - POPUP_SIZE.height,
    });
  });

  it('on Linux (no "moved" event) remembers the spot once the drag has settled', async () => {
    const { popup } = setup('linux');
    await ready(popup);
    core.emit('popup.show', call('L1'));
    vi.useFakeTimers();
    try {
      // A drag is a burst of 'move' events; only the last position counts.
      for (const x of [500, 520, 540]) {
        popup.setBounds({ ...popup.getBounds(), x, y: 300 });
        popup.emit('move');
      }
      vi.advanceTimersByTime(MOVE_SETTLE_MS);
    } finally {
      vi.useRealTimers();
    }
    core.emit('popup.hide', { callId: 'L1' });
    core.emit('popup.show', call('L2'));
    expect(popup.getBounds()).toMatchObject({ x: 540, y: 300 });
  });

  it('keeps a remembered spot across restarts', async () => {
    const first = setup();
    await ready(first.popup);
    core.emit('popup.show', call('A1'));
    first.popup.userMove(50, 60);
    first.windows.dispose();
    electron.resetElectron();
    const { popup } = setup();
    await ready(popup);
    core.emit('popup.show', call('B1'));
    expect(popup.getBounds()).toMatchObject({ x: 50, y: 60 });
  });

  it('stacks calls: hides only when the last card goes', async () => {
    const { popup } = setup();
    await ready(popup);
    core.emit('popup.show', call('A1'));
    core.emit('popup.show', call('B2'));
    expect(popup.showInactive).toHaveBeenCalledTimes(2);
    core.emit('popup.hide', { callId: 'a1' }); // case-folded id, as Chromium may deliver it
    expect(popup.hide).not.toHaveBeenCalled();
    core.emit('popup.hide', { callId: 'B2' });
    expect(popup.hide).toHaveBeenCalledTimes(1);
  });

  // Whether a call pops while paused is decided once, by the call router (core.test.ts:
  // "shows no card while popups are paused"); the window manager hides what is on screen.
  it('hides the popup when popups are paused', async () => {
    const { popup } = setup();
    await ready(popup);
    core.emit('popup.show', call('A1'));
    expect(popup.showInactive).toHaveBeenCalledTimes(1);
    core.setSettings((s) => ({ ...s, popup: { ...s.popup, paused: true } }));
    expect(popup.hide).toHaveBeenCalled();
  });

  it('hides instead of closing (Alt+F4) until the app quits', () => {
    const { popup, main } = setup();
    expect(popup.userClose()).toBe(true);
    expect(main.userClose()).toBe(true);
    expect(main.hide).toHaveBeenCalled();
    quitting = true;
    expect(main.userClose()).toBe(false);
  });
});

describe('main window', () => {
  it('showMain shows and focuses it: the agent asked for it', () => {
    const { windows, main } = setup();
    main.minimized = true;
    windows.showMain();
    expect(main.restore).toHaveBeenCalled();
    expect(main.show).toHaveBeenCalled();
    expect(main.focus).toHaveBeenCalled();
  });

  it("the popup's Add contact shows the main window, which gets the route (main.show)", async () => {
    const { main, popup } = setup();
    await ready(popup);
    await ready(main);
    const route = { to: 'new-contact', number: '+31201234567' };
    const r = await electron.invokeFrom(popup.webContents, 'main.show', route);
    expect(r).toEqual({ ok: true, value: null });
    expect(core.dispatch).toHaveBeenCalledWith('main.show', route);
    expect(main.show).toHaveBeenCalled();
    expect(main.focus).toHaveBeenCalled();
    expect(main.webContents.send).toHaveBeenCalledWith('main.show', route);
    // The popup is never activated by us.
    expect(popup.focus).not.toHaveBeenCalled();
  });

  it('reloads a crashed renderer', () => {
    const { main } = setup();
    main.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(main.webContents.reload).toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalled();
  });
});
