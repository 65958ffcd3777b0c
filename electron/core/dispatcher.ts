// The IPC dispatcher: validates a request against its channel's schema, runs the channel's
// handler and turns whatever happens into a Result whose error is a typed { code, message }.
// Transports (Electron IPC, the WebSocket) only check the sender, then come here.
import { IpcFailure, ipcError, type InvokeFn, type IpcError, type Result } from '../../shared/ipc';
import { validateRequest } from '../../shared/ipc/schemas';
import type { Logger } from './core-types';
import type { Handlers } from './handlers/types';

export interface Dispatcher {
  /** A request off the wire: any channel name, any payload. Never throws. */
  dispatch(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** The same, typed by channel, for main's own callers (tray, diagnostics). */
  invoke: InvokeFn;
}

export function createDispatcher(deps: {
  handlers: Handlers;
  logger: Logger;
  /** Removes secrets from an error message before it reaches the log or the renderer. */
  redact(text: string): string;
}): Dispatcher {
  const { handlers, logger, redact } = deps;

  function failure(e: unknown): IpcError {
    if (e instanceof IpcFailure) {
      const fields =
        e.fields && Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, redact(v)]));
      return ipcError(e.code, redact(e.message), fields);
    }
    return ipcError('failed', redact(e instanceof Error ? e.message : String(e)));
  }

  async function dispatch(channel: string, payload: unknown): Promise<Result<unknown>> {
    const checked = validateRequest(channel, payload);
    if (!checked.ok) {
      logger.warn(`IPC: ${checked.error.message}`);
      return checked;
    }
    try {
      // The schema has just accepted the request, so it has this channel's request type;
      // the compiler cannot follow a channel name known only at run time.
      const handler = handlers[checked.channel] as (request: unknown) => unknown;
      return { ok: true, value: await handler(checked.value) };
    } catch (e) {
      const error = failure(e);
      logger.warn(`IPC ${channel} failed: ${error.message}`);
      return { ok: false, error };
    }
  }

  return {
    dispatch,
    invoke: ((channel, request) => dispatch(channel, request)) as InvokeFn,
  };
}
