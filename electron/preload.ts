// The sandboxed preload: bundled into one CommonJS file whose only require is 'electron'
// (see docs/architecture.md, "The contract"). It exposes the domain API from the shared
// contract, never ipcRenderer itself, and every subscription hands back its own unsubscribe.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  createApi,
  ipcError,
  isPushEvent,
  READY_SIGNAL,
  type InvokeFn,
  type SubscribeFn,
} from '../shared/ipc';

const invoke: InvokeFn = (channel, request) =>
  ipcRenderer.invoke(channel, request).catch((err: unknown) => ({
    ok: false as const,
    error: ipcError('failed', err instanceof Error ? err.message : String(err)),
  }));

const subscribe: SubscribeFn = (event, cb) => {
  if (!isPushEvent(event)) throw new Error(`unknown push event "${String(event)}"`);
  // The IPC event object stays here: the page gets the payload only.
  const listener = (_event: IpcRendererEvent, payload: unknown) => cb(payload as never);
  ipcRenderer.on(event, listener);
  return () => {
    ipcRenderer.removeListener(event, listener);
  };
};

const ready = async (): Promise<void> => {
  await ipcRenderer.invoke(READY_SIGNAL);
};

export const api = createApi(invoke, subscribe, ready);
export type Api = typeof api;

contextBridge.exposeInMainWorld('callpop', api);
