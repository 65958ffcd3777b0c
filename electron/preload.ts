// The sandboxed preload: bundled into one CommonJS file whose only require is 'electron'
// (TOOLCHAIN.md). It exposes the domain API from the shared contract, never ipcRenderer
// itself, and every subscription hands back its own unsubscribe.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi, PUSH_EVENTS, type InvokeFn, type SubscribeFn } from '../shared/ipc-api';

const invoke: InvokeFn = (channel, request) =>
  ipcRenderer.invoke(channel, request).catch((err: unknown) => ({
    ok: false as const,
    error: err instanceof Error ? err.message : String(err),
  }));

const subscribe: SubscribeFn = (event, cb) => {
  if (!PUSH_EVENTS.includes(event)) throw new Error(`unknown push event "${String(event)}"`);
  // The IPC event object stays here: the page gets the payload only.
  const listener = (_event: IpcRendererEvent, payload: unknown) => cb(payload as never);
  ipcRenderer.on(event, listener);
  return () => {
    ipcRenderer.removeListener(event, listener);
  };
};

export const api = createApi(invoke, subscribe);
export type Api = typeof api;

contextBridge.exposeInMainWorld('callpop', api);
