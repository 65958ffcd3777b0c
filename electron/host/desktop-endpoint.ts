// The desktop app's local endpoint: the same per-user socket or pipe, message and lock as
// browser mode, so the native trampoline (callpop-notify) reaches CallPop whichever way it
// runs. Electron's single-instance lock still handles direct starts of CallPop.exe; this is
// an additional way in that costs a launch no Electron start. Plain Node: app.ts calls it.
import type { ArgvOutcome, Logger } from '../core/core-types';
import { socketPathFor, type ForwardReply } from './forward';
import { acquire, listenLocal, type LocalServer, type Refusal } from './local-socket';

export interface DesktopEndpointOptions {
  dataDir: string;
  logger: Logger;
  /**
   * Hands an argv to the app once it is up (waits for start-up) and says what it was.
   * `receivedAt` is when the endpoint read it (the latency budget's first in-app mark).
   */
  handle(argv: string[], receivedAt: number): Promise<ArgvOutcome>;
  /** A request the endpoint could not take: the app shows it as a notice. */
  onRefused?(refusal: Refusal): void;
  /** How long to try to reach or become the endpoint's owner (default 5 s). */
  timeoutMs?: number;
}

export interface DesktopEndpoint {
  /** Where it listens; null when it does not (another CallPop owns this data directory). */
  readonly path: string | null;
  close(): Promise<void>;
}

const NONE: DesktopEndpoint = { path: null, close: async () => undefined };

export async function startDesktopEndpoint(
  options: DesktopEndpointOptions,
): Promise<DesktopEndpoint> {
  const { logger } = options;
  let role;
  try {
    role = await acquire({ dataDir: options.dataDir, timeoutMs: options.timeoutMs ?? 5000 });
  } catch (err) {
    logger.error(`no local endpoint for callpop-notify: ${(err as Error).message}`);
    return NONE;
  }
  if (role.role === 'forward') {
    // Browser mode already serves this data directory: it gets the trampoline's events.
    role.socket.destroy();
    logger.warn('no local endpoint: another CallPop (browser mode) serves this data directory');
    return NONE;
  }
  const lock = role.lock;
  let server: LocalServer;
  try {
    server = await listenLocal(
      socketPathFor(options.dataDir),
      async (request, receivedAt): Promise<ForwardReply> => ({
        ok: true,
        outcome: await options.handle(request.argv, receivedAt),
      }),
      (level, message) => logger[level](message),
      process.platform,
      options.onRefused,
    );
  } catch (err) {
    lock.release();
    logger.error(`no local endpoint for callpop-notify: ${(err as Error).message}`);
    return NONE;
  }
  const releaseOnExit = (): void => lock.release();
  process.on('exit', releaseOnExit);
  logger.info(`local endpoint ready for callpop-notify: ${server.path}`);
  let closing: Promise<void> | null = null;
  return {
    path: server.path,
    close() {
      closing ??= server.close().finally(() => {
        lock.release();
        process.off('exit', releaseOnExit);
      });
      return closing;
    },
  };
}
