// The primary in browser mode: what a `callpop` process becomes when no CallPop runs for its
// data directory. It listens on the local socket first (so starters that lost the race can
// connect and wait), then opens the database and starts the core and the web server, then
// answers the queued forwards, each only after the core has journaled the event.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArgvOutcome, Core } from '../core/core-types';
import { readRegularFile, writeFileAtomic } from '../core/private-files';
import { launchPagePath, whereToOpen } from './launch-page';
import { listenLocal, type LocalServer, type PrimaryLock } from './local-socket';
import { refusalNotice } from './endpoint-guard';
import { startWebServer, DEFAULT_PORT, type WebServer } from './web-server';
import type { ForwardReply } from './forward';
import { CliError } from './cli-error';

export const TOKEN_FILE = 'browser-token';

/** When CallPop starts, an open tab has this long to reconnect before a new one is opened. */
const RECONNECT_GRACE_MS = 1500;

export interface PrimaryOptions {
  dataDir: string;
  socketPath: string;
  lock: PrimaryLock;
  /** undefined: the default port, or a random one when it is taken. 0: random. */
  port?: number;
  open: boolean;
  /** This process's own argv (a 3CX notification, a tel: URL), handled once the core is up. */
  argv: readonly string[];
  /** The built renderer; defaults to dist/renderer beside this build. */
  staticDir?: string;
  /** Echo the log to the terminal (`callpop serve` in a terminal). */
  consoleEcho?: boolean;
  /** Exit the process on SIGINT/SIGTERM after a clean shutdown (off in tests). */
  handleSignals?: boolean;
  print?: (line: string) => void;
}

export interface Primary {
  readonly url: string;
  readonly port: number;
  readonly core: Core;
  /** Resolves with the outcome of this process's own argv (null when it had none). */
  readonly ownOutcome: ArgvOutcome | null;
  close(): Promise<void>;
}

/** dist/renderer beside the built CLI (dist/cli), or the built renderer when run from source. */
export function defaultStaticDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'dist', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/**
 * The WebSocket token: random, kept in the (private) data directory so a tab that is already
 * open reconnects after CallPop restarts instead of a second tab being opened.
 */
export function loadOrCreateToken(dataDir: string): string {
  const file = join(dataDir, TOKEN_FILE);
  try {
    // Not a plain read: a FIFO in its place would block the start for ever.
    const existing = readRegularFile(file, 'the browser token')?.trim() ?? '';
    if (/^[0-9a-f]{64}$/.test(existing)) return existing;
  } catch {
    // none yet, or not a regular file: replaced below
  }
  const token = randomBytes(32).toString('hex');
  rmSync(file, { force: true });
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return token;
}

/**
 * Writes the page that carries the token into the browser. The token never becomes a child
 * process's argument (every local user can read those in the process list) nor a line in a
 * terminal (scroll-back, screen shares): the browser is started with this file's path, and the
 * file, readable by this user only, forwards to the address with the token in its fragment.
 */
export function writeLaunchPage(dataDir: string, url: string): string {
  const file = launchPagePath(dataDir);
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  writeFileAtomic(
    file,
    [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8">',
      '<meta name="referrer" content="no-referrer">',
      `<meta http-equiv="refresh" content="0;url=${attr}">`,
      '<title>Opening CallPop</title></head>',
      `<body><p><a href="${attr}">Open CallPop</a></p></body></html>`,
      '',
    ].join('\n'),
  );
  return file;
}

export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [command, args] =
    platform === 'win32'
      ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
      : platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser to open: the URL is printed anyway
  }
}

export async function runPrimary(options: PrimaryOptions): Promise<Primary> {
  const print = options.print ?? ((line: string) => console.log(line));
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

  // Only the logger before the socket: the core's module graph (SQLite, phone metadata, the
  // contact importers, the PBX clients) loads after it, so starters that lost the race can
  // connect at once instead of timing out while a loaded machine reads those files.
  const { createLogger } = await import('../core/logger');
  const logger = createLogger({
    dataDir: options.dataDir,
    consoleEcho: options.consoleEcho ?? false,
  });

  let resolveReady!: (v: { core: Core; web: WebServer }) => void;
  let rejectReady!: (err: Error) => void;
  const ready = new Promise<{ core: Core; web: WebServer }>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => undefined);
  let opening = false;

  const maybeOpen = (web: WebServer, whenNoClient: boolean): void => {
    if (!options.open || process.env.CALLPOP_NO_OPEN === '1' || opening) return;
    opening = true;
    const go = (): void => {
      opening = false;
      if (whenNoClient && web.clientCount() > 0) return;
      logger.info('opening the browser');
      openBrowser(launchPage);
    };
    if (whenNoClient) setTimeout(go, RECONNECT_GRACE_MS).unref();
    else go();
  };

  // 1. The socket first: starters that lost the race connect now and wait for their ack.
  let local: LocalServer;
  try {
    local = await listenLocal(
      options.socketPath,
      async (request, receivedAt): Promise<ForwardReply> => {
        const { core, web } = await ready;
        const outcome = await core.handleArgv(request.argv, 'socket', receivedAt);
        // A plain start while running (CallPop.exe double-clicked): show it.
        if (outcome.kind === 'open') maybeOpen(web, false);
        return { ok: true, outcome, url: web.url };
      },
      (level, message) => logger[level](message),
      process.platform,
      (refusal) => void ready.then(({ core }) => core.notice('warn', refusalNotice(refusal))),
    );
  } catch (err) {
    options.lock.release();
    throw new CliError(
      'serve.cannotListen',
      { path: options.socketPath, error: (err as Error).message },
      { cause: err },
    );
  }

  const releaseOnExit = (): void => {
    if (process.platform !== 'win32') rmSync(options.socketPath, { force: true });
    options.lock.release();
  };
  process.on('exit', releaseOnExit);

  // 2. The core and the web server.
  let core: Core;
  let web: WebServer;
  try {
    const { createCore } = await import('../core/core');
    // CALLPOP_MACHINE_CONFIG lets an IT admin try a machine-wide file before rolling it out.
    const created = await createCore({
      dataDir: options.dataDir,
      logger,
      machineConfigPath: process.env.CALLPOP_MACHINE_CONFIG || undefined,
    });
    core = created;
    const token = loadOrCreateToken(options.dataDir);
    logger.setSecrets([token], 'browser-token');
    try {
      web = await startWebServer({
        core,
        logger,
        token,
        staticDir: options.staticDir ?? defaultStaticDir(),
        port: options.port ?? DEFAULT_PORT,
        fallbackToRandomPort: options.port === undefined,
      });
    } catch (err) {
      await core.close();
      throw err;
    }
  } catch (err) {
    let error = err instanceof Error ? err : new Error(String(err));
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      error = new CliError('serve.portInUse', { port: options.port ?? '' }, { cause: err });
    }
    logger.error(`CallPop could not start: ${error.message}`);
    rejectReady(error);
    await local.close();
    releaseOnExit();
    process.off('exit', releaseOnExit);
    throw error;
  }
  const launchPage = writeLaunchPage(options.dataDir, web.url);
  resolveReady({ core, web });
  logger.info(`browser mode: primary pid ${process.pid}, port ${web.port}`, {
    dataDir: options.dataDir,
  });

  // 3. This process's own event, like the Electron primary's start-up argv.
  const ownOutcome =
    options.argv.length > 0 ? await core.handleArgv(options.argv, 'startup') : null;

  print(`CallPop is running at ${whereToOpen(web.url, options.dataDir)}`);
  maybeOpen(web, true);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info('browser mode: shutting down');
      await local.close();
      await web.close();
      await core.close();
      releaseOnExit();
      process.off('exit', releaseOnExit);
    })();
    return closing;
  };

  if (options.handleSignals) {
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info(`received ${signal}`);
      const force = setTimeout(() => process.exit(1), 5000);
      force.unref();
      void close().finally(() => process.exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
  }

  return { url: web.url, port: web.port, core, ownOutcome, close };
}
