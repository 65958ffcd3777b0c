// What preload puts on `window` in Electron. Browser mode has no `window.callpop` and talks
// to the same contract over a WebSocket instead (ws-bridge.ts).
import type { CallPopApi } from '../../shared/ipc';

declare global {
  interface Window {
    callpop?: CallPopApi;
  }
}

/** How the renderer reaches main; Electron's preload is always 'open'. */
export type ConnectionStatus =
  | 'connecting'
  | 'open'
  | 'reconnecting'
  | 'no-token'
  /** The server answers but refuses this page's token (an old link): reconnecting won't help. */
  | 'bad-token';

export interface ConnectionSource {
  getStatus(): ConnectionStatus;
  /** Calls `cb` on every change; returns the unsubscribe function. */
  subscribe(cb: () => void): () => void;
}

export const ALWAYS_OPEN: ConnectionSource = {
  getStatus: () => 'open',
  subscribe: () => () => {},
};
