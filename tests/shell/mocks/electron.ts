// The one mock of the 'electron' module for the shell tests. No Electron binary runs
// on these machines, so every shell test does
//   vi.mock('electron', () => import('./mocks/electron'));
// and inspects the state kept here. resetElectron() between tests.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface FakeDisplay {
  id: number;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}

let nextId = 1;
/** Order in which interesting things happened, for "before"/"after" assertions. */
export const calls: string[] = [];

function emitterWith<T extends object>(extra: T): EventEmitter & T {
  return Object.assign(new EventEmitter(), extra);
}

// ---------------------------------------------------------------------------------------- app
export const appState = {
  lockResult: true,
  userData: '/tmp/callpop-mock-userdata',
  isPackaged: true,
  resolveReady: (() => undefined) as () => void,
  readyPromise: Promise.resolve() as Promise<void>,
};

function makeApp() {
  const app = emitterWith({
    requestSingleInstanceLock: vi.fn((_data?: unknown) => {
      calls.push('requestSingleInstanceLock');
      return appState.lockResult;
    }),
    exit: vi.fn((code?: number) => {
      calls.push(`exit:${code ?? 0}`);
    }),
    quit: vi.fn(() => {
      calls.push('quit');
      app.emit('before-quit', { preventDefault: vi.fn() });
    }),
    setPath: vi.fn((name: string, value: string) => {
      calls.push(`setPath:${name}`);
      if (name === 'userData') appState.userData = value;
    }),
    getPath: vi.fn((name: string) =>
      name === 'userData' ? appState.userData : `/tmp/mock-${name}`,
    ),
    whenReady: vi.fn(() => appState.readyPromise),
    getVersion: vi.fn(() => '0.1.0'),
    getName: vi.fn(() => 'CallPop'),
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    setAppUserModelId: vi.fn(),
    isDefaultProtocolClient: vi.fn(() => false),
    setAsDefaultProtocolClient: vi.fn(() => true),
    setLoginItemSettings: vi.fn(),
    getPreferredSystemLanguages: vi.fn(() => ['en-US']),
  });
  // A live getter (Object.assign would have copied a snapshot).
  Object.defineProperty(app, 'isPackaged', { get: () => appState.isPackaged });
  return app as typeof app & { readonly isPackaged: boolean };
}
export const app = makeApp();

/** Makes app.whenReady() wait until fireReady() is called. */
export function holdReady(): void {
  appState.readyPromise = new Promise<void>((resolve) => {
    appState.resolveReady = resolve;
  });
}
export function fireReady(): void {
  appState.resolveReady();
}

// -------------------------------------------------------------------------------- webContents
export class FakeWebContents extends EventEmitter {
  id = nextId++;
  url = '';
  destroyed = false;
  send = vi.fn();
  reload = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame: FakeFrame;
  constructor() {
    super();
    this.mainFrame = new FakeFrame(this);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Fires a navigation event the way Electron does; returns whether it was prevented. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    const e = { url, preventDefault: vi.fn() };
    this.emit(event, e, url);
    return e.preventDefault.mock.calls.length > 0;
  }
}

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(private readonly contents: FakeWebContents) {}
  get url() {
    return this.contents.url;
  }
}

export const webContentsCreated: FakeWebContents[] = [];

// ------------------------------------------------------------------------------ BrowserWindow
export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  options: Record<string, unknown>;
  webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  minimized = false;
  bounds: Rect;
  alwaysOnTop: { flag: boolean; level?: string } = { flag: false };
  show = vi.fn(() => {
    this.visible = true;
    calls.push(`show:${this.webContents.url}`);
  });
  showInactive = vi.fn(() => {
    this.visible = true;
    calls.push(`showInactive:${this.webContents.url}`);
  });
  focus = vi.fn(() => calls.push(`focus:${this.webContents.url}`));
  hide = vi.fn(() => {
    this.visible = false;
  });
  restore = vi.fn(() => {
    this.minimized = false;
  });
  setBounds = vi.fn((b: Partial<Rect>) => {
    this.bounds = { ...this.bounds, ...b };
  });
  loadURL = vi.fn(async (url: string) => {
    this.webContents.url = url;
  });
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.bounds = {
      x: (options.x as number) ?? 0,
      y: (options.y as number) ?? 0,
      width: (options.width as number) ?? 800,
      height: (options.height as number) ?? 600,
    };
    if (options.alwaysOnTop) this.alwaysOnTop = { flag: true };
    BrowserWindow.instances.push(this);
    webContentsCreated.push(this.webContents);
    app.emit('web-contents-created', {}, this.webContents);
  }
  getBounds() {
    return { ...this.bounds };
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  setAlwaysOnTop(flag: boolean, level?: string) {
    this.alwaysOnTop = { flag, level };
  }
  isAlwaysOnTop() {
    return this.alwaysOnTop.flag;
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  }
  /** What the user does with the close button or Alt+F4; returns whether it was prevented. */
  userClose(): boolean {
    const e = { preventDefault: vi.fn() };
    this.emit('close', e);
    return e.preventDefault.mock.calls.length > 0;
  }
  /** The agent drags the window to (x, y). */
  userMove(x: number, y: number) {
    this.bounds = { ...this.bounds, x, y };
    this.emit('moved');
  }
}

// ------------------------------------------------------------------------------------- screen
export const screenState = {
  cursor: { x: 100, y: 100 },
  displays: [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      scaleFactor: 1,
    },
  ] as FakeDisplay[],
};

function contains(r: Rect, p: { x: number; y: number }) {
  return p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height;
}

export const screen = {
  getCursorScreenPoint: vi.fn(() => ({ ...screenState.cursor })),
  getDisplayNearestPoint: vi.fn((p: { x: number; y: number }) => {
    return screenState.displays.find((d) => contains(d.bounds, p)) ?? screenState.displays[0]!;
  }),
  getDisplayMatching: vi.fn((r: Rect) => {
    const centre = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    return screenState.displays.find((d) => contains(d.bounds, centre)) ?? screenState.displays[0]!;
  }),
  getAllDisplays: vi.fn(() => screenState.displays),
  getPrimaryDisplay: vi.fn(() => screenState.displays[0]!),
};

// ---------------------------------------------------------------------------------------- IPC
type Handler = (event: unknown, payload: unknown) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
  on: vi.fn(),
};

/** Invokes a handled channel as a renderer in `contents` would. */
export async function invokeFrom(
  contents: FakeWebContents,
  channel: string,
  payload: unknown,
  frame?: unknown,
) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(
    { sender: contents, senderFrame: frame === undefined ? contents.mainFrame : frame },
    payload,
  );
}

export const ipcRenderer = emitterWith({
  invoke: vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => ({
    ok: true,
    value: null,
  })),
});
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

// ------------------------------------------------------------------------ protocol and session
export const protocol = {
  registerSchemesAsPrivileged: vi.fn((_schemes: unknown) =>
    calls.push('registerSchemesAsPrivileged'),
  ),
  handlers: new Map<string, (req: { url: string }) => Promise<Response> | Response>(),
  handle: vi.fn(
    (scheme: string, handler: (req: { url: string }) => Promise<Response> | Response) => {
      protocol.handlers.set(scheme, handler);
    },
  ),
};

type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  cb: (granted: boolean) => void,
  details?: unknown,
) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
export const sessionState = {
  permissionRequest: null as PermissionRequestHandler | null,
  permissionCheck: null as
    ((wc: unknown, permission: string, origin: string, details?: unknown) => boolean) | null,
  devicePermission: null as ((details: unknown) => boolean) | null,
  headers: null as HeadersListener | null,
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn((h: PermissionRequestHandler) => {
      sessionState.permissionRequest = h;
    }),
    setPermissionCheckHandler: vi.fn((h: typeof sessionState.permissionCheck) => {
      sessionState.permissionCheck = h;
    }),
    setDevicePermissionHandler: vi.fn((h: typeof sessionState.devicePermission) => {
      sessionState.devicePermission = h;
    }),
    webRequest: {
      onHeadersReceived: vi.fn((h: HeadersListener) => {
        sessionState.headers = h;
      }),
    },
  },
};

// ------------------------------------------------------------------- shell, clipboard, dialog
export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  openPath: vi.fn(async (_path: string) => ''),
};
export const clipboard = {
  text: '',
  selection: '',
  writeText: vi.fn((t: string) => void (clipboard.text = t)),
  readText: vi.fn((type?: 'selection' | 'clipboard') =>
    type === 'selection' ? clipboard.selection : clipboard.text,
  ),
};
export const dialog = {
  showErrorBox: vi.fn(),
  /** The button index the agent "clicks" in the next message box. */
  nextResponse: 0,
  showMessageBox: vi.fn(async (_opts: { message: string; buttons: string[] }) => ({
    response: dialog.nextResponse,
  })),
};
export const globalShortcut = {
  registered: new Map<string, () => void>(),
  register: vi.fn((accelerator: string, cb: () => void) => {
    globalShortcut.registered.set(accelerator, cb);
    return true;
  }),
  unregister: vi.fn((accelerator: string) => void globalShortcut.registered.delete(accelerator)),
};

export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'dpapi'),
  encryptString: vi.fn((s: string) => Buffer.from(`enc(${s})`)),
  decryptString: vi.fn((b: Buffer) => b.toString().replace(/^enc\((.*)\)$/s, '$1')),
};

// ------------------------------------------------------------------------- tray and menus
export const nativeImage = {
  createFromPath: vi.fn((path: string) => ({ path, isEmpty: () => false })),
};

export interface FakeMenuItem {
  id?: string;
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (item: { checked: boolean }) => void;
}
export const Menu = {
  buildFromTemplate: vi.fn((items: FakeMenuItem[]) => ({ items })),
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: { path: string };
  tooltip = '';
  menu: { items: FakeMenuItem[] } | null = null;
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: { path: string }) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
  item(id: string): FakeMenuItem {
    const found = this.menu?.items.find((i) => i.id === id);
    if (!found) throw new Error(`no tray menu item ${id}`);
    return found;
  }
}

/** Fresh state for the next test. */
export function resetElectron(): void {
  calls.length = 0;
  appState.lockResult = true;
  appState.isPackaged = true;
  appState.readyPromise = Promise.resolve();
  app.removeAllListeners();
  BrowserWindow.instances = [];
  webContentsCreated.length = 0;
  Tray.instances = [];
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  protocol.handlers.clear();
  ipcRenderer.removeAllListeners();
  Object.assign(sessionState, {
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    headers: null,
  });
  screenState.cursor = { x: 100, y: 100 };
  screenState.displays = [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      scaleFactor: 1,
    },
  ];
  clipboard.text = '';
  clipboard.selection = '';
  dialog.nextResponse = 0;
  globalShortcut.registered.clear();
  vi.clearAllMocks();
}
