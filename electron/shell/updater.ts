// Auto-update from the generic URL in settings.app.updateUrl (an IT department's file share
// or web server holding latest.yml and the installer). Off while the URL is empty or the app
// is not packaged. Every failure is logged and swallowed: an update problem must never stop
// calls from popping.
import type { AppUpdater } from 'electron-updater';
import type { Logger } from '../core/core-types';

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export type UpdaterLike = Pick<
  AppUpdater,
  'setFeedURL' | 'checkForUpdates' | 'on' | 'autoDownload' | 'autoInstallOnAppQuit' | 'logger'
>;

export interface AutoUpdateDeps {
  logger: Logger;
  isPackaged: boolean;
  /** Loaded lazily: electron-updater is only needed once a URL is configured. */
  loadUpdater?: () => Promise<UpdaterLike>;
  setInterval?: (fn: () => void, ms: number) => { unref?(): void };
  clearInterval?: (handle: unknown) => void;
}

export interface AutoUpdate {
  /** Applies the current settings value; safe to call on every settings change. */
  configure(url: string): Promise<void>;
  dispose(): void;
}

// A plain require in the CJS bundle (a native import() of a package inside the asar is the
// less travelled road), deferred until a URL is set.
const defaultLoad = async (): Promise<UpdaterLike> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design
  (require('electron-updater') as typeof import('electron-updater')).autoUpdater;

export function createAutoUpdate(deps: AutoUpdateDeps): AutoUpdate {
  const { logger } = deps;
  const load = deps.loadUpdater ?? defaultLoad;
  const every = deps.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stop = deps.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout));
  let updater: UpdaterLike | null = null;
  let currentUrl = '';
  let timer: { unref?(): void } | null = null;

  const check = () => {
    if (!updater || !currentUrl) return;
    updater
      .checkForUpdates()
      ?.catch((err: unknown) => logger.warn('Update check failed', { error: String(err) }));
  };

  return {
    async configure(url) {
      const next = url.trim();
      if (next === currentUrl) return;
      currentUrl = next;
      if (!next) {
        if (timer) stop(timer);
        timer = null;
        return;
      }
      if (!deps.isPackaged) {
        logger.info('Auto-update is configured but off in an unpackaged app', { url: next });
        return;
      }
      try {
        if (!updater) {
          updater = await load();
          updater.logger = {
            info: (m: unknown) => logger.info(`updater: ${String(m)}`),
            warn: (m: unknown) => logger.warn(`updater: ${String(m)}`),
            error: (m: unknown) => logger.error(`updater: ${String(m)}`),
            debug: (m: unknown) => logger.debug(`updater: ${String(m)}`),
          };
          updater.autoDownload = true;
          updater.autoInstallOnAppQuit = true;
          updater.on('error', (err: Error) =>
            logger.warn('Auto-update error', { error: String(err?.message ?? err) }),
          );
          updater.on('update-downloaded', (info: { version?: string }) =>
            logger.info('Update downloaded; it installs when CallPop quits', {
              version: info?.version,
            }),
          );
        }
        updater.setFeedURL({ provider: 'generic', url: next });
        logger.info('Auto-update on', { url: next });
        check();
        if (!timer) {
          timer = every(check, UPDATE_CHECK_INTERVAL_MS);
          timer.unref?.();
        }
      } catch (err) {
        logger.warn('Auto-update could not start', { error: String(err) });
      }
    },
    dispose() {
      if (timer) stop(timer);
      timer = null;
    },
  };
}
