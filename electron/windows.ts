// The two windows: the main window (history, settings) and the popup (call cards). Both run our
// UI from app:// in a sandboxed, context-isolated renderer with the preload as the only bridge.
// The popup never takes focus (an agent typing in the CRM must not lose keystrokes to a call,
// docs/decisions.md): it is shown with showInactive(), never show() or focus().
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import type { Core, Logger } from './core/core-types';
import type { IpcBridge } from './ipc';
import { appUrl } from './shell/app-protocol';
import { POPUP_SIZE, placePopup, rememberPosition, type Point } from './shell/popup-placement';
import type { PopupPositions } from './shell/popup-positions';

export interface WindowManagerDeps {
  core: Pick<Core, 'subscribe' | 'openCards' | 'settings'>;
  bridge: IpcBridge;
  logger: Logger;
  /** Absolute path of dist/electron/preload.cjs, computed from __dirname by the caller. */
  preloadPath: string;
  positions: PopupPositions;
  /** Window icon (Linux; Windows takes the exe's icon). */
  icon?: string;
  devTools: boolean;
  isQuitting: () => boolean;
  /** process.platform; injected so the Linux path is testable anywhere. */
  platform?: NodeJS.Platform;
}

/** Linux has no 'moved' event: a drag is taken as done when 'move' has been quiet this long. */
export const MOVE_SETTLE_MS = 400;

export interface WindowManager {
  /** The agent asked for CallPop (tray, start menu): show and focus the main window. */
  showMain(): void;
  mainWindow(): BrowserWindow | null;
  popupWindow(): BrowserWindow | null;
  /** Hides the popup without forgetting its cards (pause, sign-out). */
  hidePopup(): void;
  dispose(): void;
}

/** Electron's security checklist, set explicitly even where it is the default. */
export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function createWindowManager(deps: WindowManagerDeps): WindowManager {
  const { core, bridge, logger, positions } = deps;
  let main: BrowserWindow | null = null;
  let popup: BrowserWindow | null = null;
  let revealWhenReady = false;
  let lastPlaced: Point | null = null;

  function load(win: BrowserWindow, route: string, name: string): void {
    win.webContents.on('did-fail-load', (_e, code, description) =>
      logger.error(`The ${name} window failed to load`, { code, description }),
    );
    win.webContents.on('render-process-gone', (_e, details) => {
      logger.error(`The ${name} window's renderer is gone`, { reason: details.reason });
      if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload();
    });
    win
      .loadURL(appUrl(route))
      .catch((err: unknown) =>
        logger.error(`Could not load the ${name} window`, { error: String(err) }),
      );
  }

  function createMain(): BrowserWindow {
    const win = new BrowserWindow({
      width: 1100,
      height: 760,
      minWidth: 640,
      minHeight: 480,
      show: false,
      title: 'CallPop',
      icon: deps.icon,
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(deps.preloadPath, deps.devTools),
    });
    bridge.trust(win.webContents);
    // Closing hides to the tray; only the tray's Quit ends CallPop.
    win.on('close', (event) => {
      if (deps.isQuitting()) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      if (main === win) main = null;
    });
    load(win, '/', 'main');
    return win;
  }

  function createPopup(): BrowserWindow {
    const win = new BrowserWindow({
      width: POPUP_SIZE.width,
      height: POPUP_SIZE.height,
      show: false,
      frame: false,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      movable: true,
      alwaysOnTop: true,
      skipTaskbar: true,
      // Focusable so the agent can click in and type a wrap-up; it is just never activated by us.
      focusable: true,
      title: 'CallPop',
      icon: deps.icon,
      webPreferences: secureWebPreferences(deps.preloadPath, deps.devTools),
    });
    // Above full-screen apps and the taskbar, as a call notification should be.
    win.setAlwaysOnTop(true, 'screen-saver');
    bridge.trust(win.webContents);
    win.on('close', (event) => {
      if (deps.isQuitting()) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      if (popup === win) popup = null;
    });
    win.on('moved', () => rememberMove(win));
    const platform = deps.platform ?? process.platform;
    if (platform !== 'win32' && platform !== 'darwin') {
      let settle: NodeJS.Timeout | undefined;
      win.on('move', () => {
        clearTimeout(settle);
        settle = setTimeout(() => {
          if (!win.isDestroyed()) rememberMove(win);
        }, MOVE_SETTLE_MS);
      });
    }
    load(win, '/popup', 'popup');
    return win;
  }

  function ensurePopup(): BrowserWindow {
    if (!popup || popup.isDestroyed()) popup = createPopup();
    return popup;
  }

  function rememberMove(win: BrowserWindow): void {
    const bounds = win.getBounds();
    if (lastPlaced && bounds.x === lastPlaced.x && bounds.y === lastPlaced.y) return; // our own move
    const display = screen.getDisplayMatching(bounds);
    positions.set(String(display.id), rememberPosition(bounds, display.workArea));
    lastPlaced = { x: bounds.x, y: bounds.y };
  }

  /** On the display under the mouse (where the agent is working), in DIPs. */
  function place(win: BrowserWindow): void {
    const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const pos = placePopup({
      workArea: display.workArea,
      size: POPUP_SIZE,
      corner: core.settings().popup.corner,
      remembered: positions.get(String(display.id)),
    });
    const bounds = { ...pos, ...POPUP_SIZE };
    lastPlaced = pos;
    win.setBounds(bounds);
    // Crossing onto a display with another scale factor can rescale the first setBounds on
    // Windows; the second one lands exactly.
    const got = win.getBounds();
    if (
      got.x !== bounds.x ||
      got.y !== bounds.y ||
      got.width !== bounds.width ||
      got.height !== bounds.height
    ) {
      win.setBounds(bounds);
    }
  }

  function showPopup(win: BrowserWindow): void {
    if (!win.isVisible()) place(win);
    win.setAlwaysOnTop(true, 'screen-saver');
    win.showInactive();
  }

  function reveal(): void {
    const win = ensurePopup();
    // An empty window is no use: wait until the popup UI is loaded and has taken its pushes.
    if (!bridge.isReady(win.webContents)) {
      revealWhenReady = true;
      return;
    }
    showPopup(win);
  }

  function hidePopup(): void {
    revealWhenReady = false;
    if (popup && !popup.isDestroyed() && popup.isVisible()) popup.hide();
  }

  const stopReady = bridge.onReady((contents) => {
    if (!popup || popup.isDestroyed() || contents !== popup.webContents) return;
    if (revealWhenReady && core.openCards().length > 0) {
      revealWhenReady = false;
      showPopup(popup);
    }
  });

  // Which cards are open is the call router's (core.openCards()); it also decides, once,
  // whether a call pops at all (popups paused, showOn), so 'popup.show' always means show.
  const unsubscribe = core.subscribe((event, payload) => {
    if (event === 'popup.show') {
      reveal();
    } else if (event === 'popup.hide') {
      if (core.openCards().length === 0) hidePopup();
    } else if (event === 'settings.changed') {
      if (payload.settings.popup.paused) hidePopup();
    } else if (event === 'main.show') {
      // The popup's Add contact, the tray's missed calls: the main renderer opens the screen.
      showMain();
    }
  });

  // Both windows exist from the start (hidden), so the first call of the day pops at once.
  main = createMain();
  popup = createPopup();

  function showMain(): void {
    if (!main || main.isDestroyed()) main = createMain();
    if (main.isMinimized()) main.restore();
    main.show();
    main.focus();
  }

  return {
    showMain,
    mainWindow: () => main,
    popupWindow: () => popup,
    hidePopup,
    dispose() {
      unsubscribe();
      stopReady();
      for (const win of [popup, main]) if (win && !win.isDestroyed()) win.destroy();
      popup = null;
      main = null;
    },
  };
}
