// Main's half of the IPC contract (shared/ipc). One ipcMain handler per invoke channel,
// generated from the schemas so no channel name is typed twice; every request has its sender
// checked here and its payload validated by core.dispatch (zod). Pushes from the core go to
// every trusted window, held back per window until its renderer sends the IPC layer's ready
// signal (READY_SIGNAL), so a call that arrives while the UI is still loading is not lost.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcError, READY_SIGNAL, type PushArgs, type PushEvent, type Result } from '../shared/ipc';
import { invokeSchemas } from '../shared/ipc/schemas';
import type { Core, Logger } from './core/core-types';
import { isAppUrl } from './shell/app-protocol';

/** Pushes kept for a window that is not ready yet; beyond this the oldest are dropped. */
export const MAX_QUEUED_PUSHES = 500;

export const UNTRUSTED_SENDER = 'untrusted sender';

interface Target {
  contents: WebContents;
  ready: boolean;
  queue: Array<[PushEvent, unknown]>;
  dropped: number;
}

export interface IpcBridge {
  /** Lets this webContents talk to main and receive pushes (our own windows only). */
  trust(contents: WebContents): void;
  isTrusted(contents: WebContents): boolean;
  isReady(contents: WebContents): boolean;
  /** Called whenever a trusted renderer becomes ready (also after a reload). */
  onReady(listener: (contents: WebContents) => void): () => void;
  dispose(): void;
}

export interface IpcBridgeDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  logger: Logger;
  /** Which page may talk to main; defaults to our app:// origin. */
  isTrustedUrl?: (url: string) => boolean;
}

export function createIpcBridge(deps: IpcBridgeDeps): IpcBridge {
  const { ipcMain, core, logger } = deps;
  const isTrustedUrl = deps.isTrustedUrl ?? isAppUrl;
  const targets = new Map<number, Target>();
  const readyListeners = new Set<(contents: WebContents) => void>();

  function deliver(target: Target, event: PushEvent, payload: unknown): void {
    if (target.contents.isDestroyed()) {
      targets.delete(target.contents.id);
      return;
    }
    target.contents.send(event, payload);
  }

  function flush(target: Target): void {
    const queued = target.queue.splice(0);
    if (target.dropped > 0) {
      logger.warn('Dropped pushes queued for a renderer that was not ready', {
        dropped: target.dropped,
      });
      target.dropped = 0;
    }
    for (const [event, payload] of queued) deliver(target, event, payload);
  }

  /** Why a sender is refused, or null when it is one of our windows showing our own UI. */
  function refusal(event: IpcMainInvokeEvent): string | null {
    const target = targets.get(event.sender.id);
    if (!target || target.contents !== event.sender) return 'not one of our windows';
    const frame = event.senderFrame;
    if (!frame) return 'no sender frame';
    if (frame.parent !== null) return 'a subframe';
    if (!isTrustedUrl(frame.url)) return `page ${frame.url.slice(0, 120)}`;
    return null;
  }

  for (const channel of Object.keys(invokeSchemas)) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      const why = refusal(event);
      if (why) {
        logger.warn('Refused IPC from an untrusted sender', { channel, why });
        return { ok: false, error: ipcError('untrusted-sender', UNTRUSTED_SENDER) };
      }
      try {
        return await core.dispatch(channel, payload);
      } catch (err) {
        // core.dispatch promises not to throw; a bug there must still reach the renderer as a result.
        logger.error('IPC handler failed', { channel, error: String(err) });
        return { ok: false, error: ipcError('failed', `${channel} failed`) };
      }
    });
  }

  // The renderer has subscribed to every push: deliver what waited for it, from now on live.
  ipcMain.handle(READY_SIGNAL, (event): void => {
    const why = refusal(event);
    if (why) {
      logger.warn('Refused IPC from an untrusted sender', { channel: READY_SIGNAL, why });
      return;
    }
    const target = targets.get(event.sender.id);
    if (target && !target.ready) {
      target.ready = true;
      flush(target);
      for (const listener of readyListeners) listener(target.contents);
    }
  });

  const unsubscribe = core.subscribe((...[event, payload]: PushArgs) => {
    for (const target of [...targets.values()]) {
      if (target.ready) {
        deliver(target, event, payload);
        continue;
      }
      target.queue.push([event, payload]);
      if (target.queue.length > MAX_QUEUED_PUSHES) {
        target.queue.shift();
        target.dropped++;
      }
    }
  });

  return {
    trust(contents) {
      if (targets.has(contents.id)) return;
      const target: Target = { contents, ready: false, queue: [], dropped: 0 };
      targets.set(contents.id, target);
      // A reload or crash starts a new renderer: queue again until it says it is ready.
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) target.ready = false;
      });
      contents.on('render-process-gone', () => {
        target.ready = false;
      });
      contents.once('destroyed', () => {
        targets.delete(contents.id);
      });
    },
    isTrusted: (contents) => targets.get(contents.id)?.contents === contents,
    isReady: (contents) => targets.get(contents.id)?.ready === true,
    onReady(listener) {
      readyListeners.add(listener);
      return () => readyListeners.delete(listener);
    },
    dispose() {
      unsubscribe();
      for (const channel of Object.keys(invokeSchemas)) ipcMain.removeHandler(channel);
      ipcMain.removeHandler(READY_SIGNAL);
      targets.clear();
      readyListeners.clear();
    },
  };
}
