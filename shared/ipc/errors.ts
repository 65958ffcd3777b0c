// How a failed request crosses the contract: a code a program can branch on and a message a
// person can read, plus per-field messages where the request named fields (settings.save).
// Nothing on the other side parses the message.

export const IPC_ERROR_CODES = [
  /** The channel is not part of the contract. */
  'unknown-channel',
  /** The request does not match the channel's schema; the message names the field. */
  'invalid-request',
  /** The sender is not one of our windows showing our own page. */
  'untrusted-sender',
  /** The call (or delivery) named in the request does not exist. */
  'not-found',
  /** The administrator locked a setting the request tried to change. */
  'locked',
  /** A setting has a value it cannot take; `fields` says which and why. */
  'invalid-settings',
  /** The transport could not deliver the request (no token, connection lost). */
  'disconnected',
  /** No answer in time. */
  'timeout',
  /** Anything else that went wrong while handling the request. */
  'failed',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** Messages by dotted settings path, for errors about particular fields. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ipcError(
  code: IpcErrorCode,
  message: string,
  fields?: Record<string, string>,
): IpcError {
  return fields ? { code, message, fields } : { code, message };
}

/** Thrown by a handler (or by the renderer's unwrap) to fail with a particular code. */
export class IpcFailure extends Error {
  readonly code: IpcErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcFailure';
    this.code = error.code;
    this.fields = error.fields;
  }
  toIpcError(): IpcError {
    return ipcError(this.code, this.message, this.fields);
  }
}

export function isIpcError(v: unknown): v is IpcError {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { code?: unknown; message?: unknown; fields?: unknown };
  return (
    typeof e.code === 'string' &&
    (IPC_ERROR_CODES as readonly string[]).includes(e.code) &&
    typeof e.message === 'string' &&
    (e.fields === undefined || (typeof e.fields === 'object' && e.fields !== null))
  );
}

/** True for a well-formed Result from the other side of a transport. */
export function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; error?: unknown };
  return r.ok === true || (r.ok === false && isIpcError(r.error));
}
