// The primary instance's main process, loaded by main.ts only after it won the single-instance
// lock. Registers what must exist before `ready` synchronously, then wires the core to the
// windows, the tray and IPC. Later launches arrive as `second-instance` events.
import {
  app,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { createCore } from './core/core';
import type { ArgvOutcome, ArgvSource, Core } from './core/core-types';
import { createLogger, LOG_DIR, type FileLogger } from './core/logger';
import { createIpcBridge, type IpcBridge } from './ipc';
import { confirmWords, registerDialShortcut } from './shell/dial-shortcut';
import { createI18n, createTray, type CallPopTray } from './tray';
import { createWindowManager, type WindowManager } from './windows';
import { APP_HOST, APP_SCHEME, serveAppRequest } from './shell/app-protocol';
import { guardWebContents, hardenSession } from './shell/hardening';
import { applyLoginItem } from './shell/login-item';
import { createPopupPositions, POSITIONS_FILE } from './shell/popup-positions';
import { registerDialProtocols } from './shell/protocols';
import { createSafeStorageBox } from './shell/safe-storage';
import { secondInstanceArgv, startsHidden } from './shell/second-instance';
import { createAutoUpdate, type AutoUpdate } from './shell/updater';
import { runExeCommand } from './shell/exe-commands';
import type { ExeCommand } from './shell/exe-command';
import { nodeSpawn } from './core/core-types';
import { startDesktopEndpoint, type DesktopEndpoint } from './host/desktop-endpoint';
import { refusalNotice } from './host/endpoint-guard';

export const APP_USER_MODEL_ID = 'nl.callpop.app';

export interface Runtime {
  core: Core;
  logger: FileLogger;
  bridge: IpcBridge;
  windows: WindowManager;
  tray: CallPopTray;
  removeDialShortcut: () => void;
  updater: AutoUpdate;
}

export interface StartedApp {
  /** Resolves once the core runs and the start-up argv is handled; null if start-up failed. */
  ready: Promise<Runtime | null>;
  /** True once the agent chose Quit (closing windows then really closes them). */
  isQuitting(): boolean;
  /** The local endpoint callpop-notify talks to (listening from the start, before ready). */
  endpoint: Promise<DesktopEndpoint>;
}

/** Paths inside the build output, from this bundle's own location (never the cwd). */
export function shellPaths(dirname: string = __dirname) {
  const iconDir = app.isPackaged
    ? join(process.resourcesPath, 'icons')
    : join(dirname, '..', '..', 'build', 'icons');
  return {
    preload: join(dirname, 'preload.cjs'),
    renderer: join(dirname, '..', 'renderer'),
    iconDir,
  };
}

/**
 * `CallPop.exe export|demo|serve|--help`. `index` is where the command word stands: before it
 * are the exe and, unpackaged, the app folder, which is how the demo starts CallPop again.
 */
export function runCommand(
  command: ExeCommand,
  argv: readonly string[],
  index: number,
): Promise<number> {
  const self = { execPath: process.execPath, args: app.isPackaged ? [] : argv.slice(1, index) };
  return runExeCommand(command, argv.slice(index + 1), {
    dataDir: app.getPath('userData'),
    self,
    spawn: nodeSpawn,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).catch((e: unknown) => {
    process.stderr.write(`CallPop: ${(e as Error).message}\n`);
    return 1;
  });
}

export function startApp(options: { argv: readonly string[] }): StartedApp {
  let runtime: Runtime | null = null;
  let quitting = false;
  let shutDown = false;
  // Launches that arrive before the core is up are kept, in order, and handled after it.
  const early: Array<{ argv: string[]; source: ArgvSource }> = [];
  // One log sink from the first moment (userData is final: main.ts set it before the lock).
  const logger = createLogger({ dataDir: app.getPath('userData'), consoleEcho: !app.isPackaged });

  // Before ready: these cannot be changed afterwards.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, {
      logger,
      openExternal: (url) => shell.openExternal(url),
    });
  });

  const route = (argv: string[], source: ArgvSource): void => {
    if (!runtime) {
      early.push({ argv, source });
      return;
    }
    void handle(runtime, argv, source);
  };

  app.on('second-instance', (_event, argv, _cwd, additionalData) => {
    route(secondInstanceArgv(argv, additionalData), 'second-instance');
  });
  // macOS hands tel: links over as an event rather than an argv.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    route([url], 'second-instance');
  });

  // CallPop lives in the tray: closing every window does not quit.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (!runtime || shutDown) return;
    event.preventDefault();
    shutDown = true;
    void shutdown(runtime)
      .then(() => endpoint.then((e) => e.close()))
      .finally(() => app.exit(0));
  });

  const ready = app
    .whenReady()
    .then(async () => {
      runtime = await boot(
        logger,
        () => quitting,
        () => {
          quitting = true;
          app.quit();
        },
      );
      await handle(runtime, [...options.argv], 'startup');
      for (const item of early.splice(0)) await handle(runtime, item.argv, item.source);
      return runtime;
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      logger.error('CallPop could not start', { error: message });
      // The agent reads this box: in their language (the settings may be what failed).
      const t = createI18n('auto').getFixedT(null, 'translation');
      dialog.showErrorBox(t('app.startFailed'), message);
      app.exit(1);
      return null;
    });

  // The trampoline's way in: listening at once, its events wait here until the core is up.
  const endpoint = startDesktopEndpoint({
    dataDir: app.getPath('userData'),
    logger,
    handle: async (argv, receivedAt) => {
      const rt = await ready;
      return rt
        ? handle(rt, argv, 'socket', receivedAt)
        : { kind: 'rejected', message: 'CallPop is not running' };
    },
    onRefused: (refusal) =>
      void ready.then((rt) => rt?.core.notice('warn', refusalNotice(refusal))),
  });

  return { ready, isQuitting: () => quitting, endpoint };
}

async function handle(
  runtime: Runtime,
  argv: string[],
  source: ArgvSource,
  receivedAt?: number,
): Promise<ArgvOutcome> {
  const outcome =
    receivedAt === undefined
      ? await runtime.core.handleArgv(argv, source)
      : await runtime.core.handleArgv(argv, source, receivedAt);
  // A plain start (start menu, desktop icon) is the agent asking for the window; a call never is.
  if (outcome.kind === 'open' && !(source === 'startup' && startsHidden(argv)))
    runtime.windows.showMain();
  return outcome;
}

async function boot(
  logger: FileLogger,
  isQuitting: () => boolean,
  quit: () => void,
): Promise<Runtime> {
  const dataDir = app.getPath('userData');
  logger.info('CallPop starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    dataDir,
  });

  hardenSession(session.defaultSession, logger);
  const paths = shellPaths();
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(paths.renderer, request.url));

  const secrets = createSafeStorageBox(safeStorage);
  const core = await createCore({ dataDir, logger, secrets });
  if (!secrets.isAvailable()) {
    logger.warn(
      'OS-level secret encryption is not available: secrets stay in settings.json as given',
    );
  }

  const bridge = createIpcBridge({ ipcMain, core, logger });
  const windows = createWindowManager({
    core,
    bridge,
    logger,
    preloadPath: paths.preload,
    positions: createPopupPositions(join(dataDir, POSITIONS_FILE), (err) =>
      logger.warn('Could not save the popup position', { error: String(err) }),
    ),
    icon: process.platform === 'linux' ? join(paths.iconDir, 'app.png') : undefined,
    devTools: !app.isPackaged,
    isQuitting,
  });
  const tray = createTray({
    core,
    logger,
    showMain: () => windows.showMain(),
    quit,
    iconDir: paths.iconDir,
    dataDir,
    logsDir: join(dataDir, LOG_DIR),
  });

  registerDialProtocols(app, (m) => logger.warn(m));
  // Dial links (tel:, callto:, sip:) and the shortcut both ask the agent in a message box.
  const confirmDial = async (number: string) => {
    const words = confirmWords(core.settings().language, app.getPreferredSystemLanguages(), number);
    const r = await dialog.showMessageBox({
      type: 'question',
      message: words.message,
      buttons: [words.call, words.cancel],
      defaultId: 0,
      cancelId: 1,
    });
    return r.response === 0;
  };
  const dialNow = async (number: string) => {
    const r = await core.invoke('dial', { number });
    return r.ok ? ({ ok: true } as const) : ({ ok: false, error: r.error.message } as const);
  };
  const removeDialShortcut = registerDialShortcut({
    globalShortcut,
    clipboard,
    platform: process.platform,
    confirm: confirmDial,
    dial: dialNow,
    notice: (level, message) => logger[level](message),
    log: (m) => logger.warn(m),
  });
  core.subscribe((event, payload) => {
    if (event !== 'dial.confirm') return;
    void confirmDial(payload.number).then(async (yes) => {
      if (!yes) return;
      const r = await dialNow(payload.number);
      if (!r.ok) dialog.showErrorBox('CallPop', r.error);
    });
  });
  const updater = createAutoUpdate({ logger, isPackaged: app.isPackaged });
  let applied = core.settings().app;
  applyLoginItem(app, applied.openAtLogin);
  void updater.configure(applied.updateUrl);
  core.subscribe((event, payload) => {
    if (event !== 'settings.changed') return;
    const next = payload.settings.app;
    if (next.openAtLogin !== applied.openAtLogin) applyLoginItem(app, next.openAtLogin);
    if (next.updateUrl !== applied.updateUrl) void updater.configure(next.updateUrl);
    applied = next;
  });

  logger.info('CallPop ready', { host: APP_HOST });
  return { core, logger, bridge, windows, tray, updater, removeDialShortcut };
}

async function shutdown(runtime: Runtime): Promise<void> {
  runtime.removeDialShortcut();
  runtime.updater.dispose();
  runtime.tray.destroy();
  runtime.bridge.dispose();
  runtime.windows.dispose();
  try {
    await runtime.core.close();
  } catch (err) {
    runtime.logger.error('Closing the core failed', { error: String(err) });
  }
  runtime.logger.info('CallPop stopped');
}
