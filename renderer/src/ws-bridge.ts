// Browser mode: the IPC contract over one WebSocket to the local CallPop server.
//   client → server  {"id": n, "channel": "<InvokeChannel>", "payload": {...}}
//   server → client  {"id": n, "result": {"ok": true, "value": ...} | {"ok": false, "error": {code, message}}}
//   server → client  {"event": "<PushEvent>", "payload": ...}
// Invokes made before the socket opens are queued. A lost connection is retried with backoff;
// an invoke already sent when it drops is answered with an error rather than re-sent, because
// a wrap-up save is not safe to send twice and the agent still has the form to press Save again.
import {
  ipcError,
  isResult,
  type InvokeChannel,
  type InvokeFn,
  type InvokeRequest,
  type InvokeResponses,
  type PushEvent,
  type PushEvents,
  type Result,
  type SubscribeFn,
} from '../../shared/ipc';
import type { ConnectionSource, ConnectionStatus } from './bridge-types';

/** The part of the DOM WebSocket the bridge uses, so tests can pass a fake class. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export interface WsBridgeOptions {
  url: string;
  createSocket?: SocketFactory;
  /** Delay before reconnect attempt `n` (0-based). */
  backoffMs?: (attempt: number) => number;
  /** An invoke with no answer after this long resolves with an error. */
  invokeTimeoutMs?: number;
  /**
   * Asked when a connection attempt is refused before it opened: 'invalid' means the server
   * runs but rejects our token, so retrying is pointless; anything else keeps reconnecting.
   */
  checkToken?: () => Promise<'valid' | 'invalid' | 'unknown'>;
}

export interface WsBridge {
  invoke: InvokeFn;
  subscribe: SubscribeFn;
  /**
   * The IPC layer's ready signal. The server sends a socket every push from the moment it
   * opens and this bridge subscribes before it connects, so nothing waits for it here.
   */
  ready(): Promise<void>;
  connection: ConnectionSource;
  close(): void;
}

const OPEN = 1;

export function defaultBackoff(attempt: number): number {
  const base = Math.min(10_000, 500 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

type Settle = (r: Result<unknown>) => void;

export function createWsBridge(opts: WsBridgeOptions): WsBridge {
  const createSocket: SocketFactory = opts.createSocket ?? ((url) => new WebSocket(url));
  const backoff = opts.backoffMs ?? defaultBackoff;
  const invokeTimeoutMs = opts.invokeTimeoutMs ?? 30_000;

  let socket: SocketLike | null = null;
  let status: ConnectionStatus = 'connecting';
  let attempt = 0;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;

  const queue: { id: number; frame: string }[] = [];
  const inFlight = new Map<number, Settle>();
  const waiting = new Map<number, Settle>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<() => void>();

  function setStatus(next: ConnectionStatus) {
    if (next === status) return;
    status = next;
    for (const cb of [...statusListeners]) cb();
  }

  function settle(id: number, result: Result<unknown>) {
    const done = inFlight.get(id) ?? waiting.get(id);
    inFlight.delete(id);
    waiting.delete(id);
    const queued = queue.findIndex((q) => q.id === id);
    if (queued >= 0) queue.splice(queued, 1);
    done?.(result);
  }

  function flush() {
    while (socket && socket.readyState === OPEN && queue.length > 0) {
      const item = queue.shift()!;
      const done = waiting.get(item.id);
      waiting.delete(item.id);
      if (done) inFlight.set(item.id, done);
      socket.send(item.frame);
    }
  }

  function dispatch(event: string, payload: unknown) {
    for (const cb of [...(listeners.get(event) ?? [])]) {
      try {
        cb(payload);
      } catch (err) {
        // One broken listener must not keep the others from hearing about the call.
        console.error(`CallPop: listener for ${event} failed`, err);
      }
    }
  }

  function onMessage(ev: MessageEvent) {
    if (typeof ev.data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(ev.data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (typeof m.id === 'number' && isResult(m.result)) {
      settle(m.id, m.result);
    } else if (typeof m.event === 'string') {
      dispatch(m.event, m.payload);
    }
  }

  function connect() {
    if (closed) return;
    const s = createSocket(opts.url);
    socket = s;
    let opened = false;
    s.onopen = () => {
      if (socket !== s) return;
      opened = true;
      attempt = 0;
      setStatus('open');
      flush();
    };
    s.onmessage = (ev) => {
      if (socket === s) onMessage(ev);
    };
    s.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      for (const [id] of [...inFlight]) {
        settle(id, { ok: false, error: ipcError('disconnected', 'Connection to CallPop lost') });
      }
      if (closed) return;
      setStatus('reconnecting');
      if (!opened && opts.checkToken) {
        void opts.checkToken().then(
          (verdict) => {
            if (closed) return;
            if (verdict === 'invalid') setStatus('bad-token');
            else reconnectTimer = setTimeout(connect, backoff(attempt++));
          },
          () => {
            if (!closed) reconnectTimer = setTimeout(connect, backoff(attempt++));
          },
        );
        return;
      }
      reconnectTimer = setTimeout(connect, backoff(attempt++));
    };
  }

  const invoke = (<C extends InvokeChannel>(channel: C, payload: InvokeRequest<C>) =>
    new Promise<Result<InvokeResponses[C]>>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(
        () =>
          settle(id, {
            ok: false,
            error: ipcError('timeout', `No answer from CallPop (${channel})`),
          }),
        invokeTimeoutMs,
      );
      waiting.set(id, (r) => {
        clearTimeout(timer);
        resolve(r as Result<InvokeResponses[C]>);
      });
      queue.push({ id, frame: JSON.stringify({ id, channel, payload }) });
      flush();
    })) as InvokeFn;

  const subscribe = (<E extends PushEvent>(event: E, cb: (payload: PushEvents[E]) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const fn = cb as (payload: unknown) => void;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }) as SubscribeFn;

  connect();

  return {
    invoke,
    subscribe,
    ready: async () => undefined,
    connection: {
      getStatus: () => status,
      subscribe(cb) {
        statusListeners.add(cb);
        return () => {
          statusListeners.delete(cb);
        };
      },
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      socket = null;
    },
  };
}
