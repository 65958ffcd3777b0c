// What the UI may read of an error. Messages CallPop wrote for the agent (a plain Error or one
// marked `expose`) are shown, scrubbed of secrets; anything else (a TypeError from a bug, an
// SQLite or file-system error) is an internal text: the agent gets a generic sentence, the log
// gets the real one. A crafted request must not learn how the code is built.
import { scrub } from '../../shared/scrub';
import { IpcFailure } from '../../shared/ipc';

export const INTERNAL_ERROR_MESSAGE =
  'CallPop could not do this because of an internal error; the log has the details';

/** An error whose message is meant for the agent, whatever its class. */
export class PublicError extends Error {
  readonly expose = true;
}

export function isPublicError(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  if (err instanceof IpcFailure) return true;
  if ((err as { expose?: unknown }).expose === true) return true;
  // Node's system errors are plain Errors with a code (ENOENT, SQLITE_BUSY): internal.
  return Object.getPrototypeOf(err) === Error.prototype && !('code' in err);
}

/** The text the UI gets for `err`; `internal` says whether the log should keep the real one. */
export function publicErrorMessage(
  err: unknown,
  secrets: readonly string[],
): { message: string; internal: boolean } {
  if (isPublicError(err)) return { message: scrub(err.message, secrets), internal: false };
  return { message: INTERNAL_ERROR_MESSAGE, internal: true };
}
