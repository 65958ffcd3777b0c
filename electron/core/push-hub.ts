// Main → renderer pushes inside the core: every listener (IPC bridge, web server, tray,
// windows) hears every push, typed by event. A throwing listener is logged, never fatal.
import type { PushArgs, PushListener } from '../../shared/ipc';
import type { Logger } from './core-types';

export interface PushHub {
  push(...args: PushArgs): void;
  subscribe(listener: PushListener): () => void;
  clear(): void;
}

export function createPushHub(logger: Logger): PushHub {
  const listeners = new Set<PushListener>();
  return {
    push(...args) {
      for (const l of listeners) {
        try {
          l(...args);
        } catch (e) {
          logger.error(`push listener failed on ${args[0]}: ${(e as Error).message}`);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
