// The renderer has no log file of its own: every line goes to main's single log sink.
import type { CallPopApi } from '../../shared/ipc';

type Level = 'debug' | 'info' | 'warn' | 'error';
const MAX = 4000;

export function logTo(api: CallPopApi, level: Level, message: string): void {
  const line = message.length > MAX ? `${message.slice(0, MAX)}…` : message;
  // Logging must never throw or recurse into the error handlers below.
  api.log(level, line).catch(() => {});
}

/** Sends uncaught errors and unhandled rejections to main. Returns the uninstall function. */
export function installErrorLogging(api: CallPopApi, win: Window = window): () => void {
  const onError = (ev: ErrorEvent) => {
    const where = ev.filename ? ` at ${ev.filename}:${ev.lineno}:${ev.colno}` : '';
    const stack = ev.error instanceof Error && ev.error.stack ? `\n${ev.error.stack}` : '';
    logTo(api, 'error', `renderer error: ${ev.message}${where}${stack}`);
  };
  const onRejection = (ev: PromiseRejectionEvent) => {
    const reason =
      ev.reason instanceof Error ? (ev.reason.stack ?? ev.reason.message) : String(ev.reason);
    logTo(api, 'error', `renderer unhandled rejection: ${reason}`);
  };
  win.addEventListener('error', onError);
  win.addEventListener('unhandledrejection', onRejection);
  return () => {
    win.removeEventListener('error', onError);
    win.removeEventListener('unhandledrejection', onRejection);
  };
}
