// The IPC contract over WebSocket, for browser mode (the renderer's ws-bridge speaks it):
//   client → server  {"id": <number>, "channel": "<InvokeChannel>", "payload": {...}}
//   server → client  {"id": <same>, "result": <Result from core.dispatch>}
//   server → client  {"event": "<PushEvent>", "payload": ...}   (every core push, every client)
// A client that sends garbage is closed; one that cannot keep up with pushes is dropped.
import { WebSocket, type RawData, type WebSocketServer } from 'ws';
import { ipcError } from '../../../shared/ipc';
import type { Core, Logger } from '../../core/core-types';
import { INTERNAL_ERROR_MESSAGE } from '../../core/public-error';

/** A client that cannot keep up with pushes is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

type IncomingFrame =
  { id: number | null; channel: string; payload: unknown } | { id: number | null; error: string };

/** Reads one client frame; the error names what is wrong, for the reply and the log. */
export function parseFrame(text: string): IncomingFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'a frame must be a JSON object' };
  }
  const v = value as { id?: unknown; channel?: unknown; payload?: unknown };
  const id = typeof v.id === 'number' && Number.isSafeInteger(v.id) ? v.id : null;
  if (id === null) return { id: null, error: 'a frame needs a numeric "id"' };
  if (typeof v.channel !== 'string' || v.channel.length === 0 || v.channel.length > 100) {
    return { id, error: 'a frame needs a "channel" string' };
  }
  return { id, channel: v.channel, payload: v.payload ?? {} };
}

/** Answers every client's requests through the core and sends it every push; returns a stop. */
export function serveRpc(
  wss: WebSocketServer,
  core: Pick<Core, 'dispatch' | 'subscribe'>,
  logger: Logger,
): () => void {
  const send = (ws: WebSocket, message: unknown): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      logger.warn('web server: dropping a client that does not read its messages');
      ws.terminate();
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (err) {
      logger.error(`web server: unserialisable message: ${(err as Error).message}`);
      return;
    }
    ws.send(text);
  };

  wss.on('connection', (ws: WebSocket) => {
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    heartbeat.unref();
    ws.on('close', () => clearInterval(heartbeat));
    ws.on('error', (err) => logger.warn(`web server: WebSocket error: ${err.message}`));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        logger.warn('web server: binary frame refused');
        ws.close(1003, 'text frames only');
        return;
      }
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
      const frame = parseFrame(text);
      if (frame === null) {
        logger.warn('web server: unparseable frame; closing the connection');
        ws.close(1003, 'unparseable frame');
        return;
      }
      if ('error' in frame) {
        logger.warn(`web server: malformed frame: ${frame.error}`);
        send(ws, {
          id: frame.id,
          result: { ok: false, error: ipcError('invalid-request', frame.error) },
        });
        return;
      }
      void core
        .dispatch(frame.channel, frame.payload)
        // core.dispatch promises not to throw; should a bug make it, its text stays in the log.
        .catch((err: unknown) => {
          logger.error(`web server: dispatch failed: ${String((err as Error)?.stack ?? err)}`);
          return { ok: false as const, error: ipcError('failed', INTERNAL_ERROR_MESSAGE) };
        })
        .then((result) => send(ws, { id: frame.id, result }));
    });
  });

  return core.subscribe((event, payload) => {
    for (const ws of wss.clients) send(ws, { event, payload });
  });
}
