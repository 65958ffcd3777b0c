import { describe, expect, it, vi } from 'vitest';
import { createWsBridge, type SocketLike } from '../../../renderer/src/ws-bridge';

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send before open');
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close'));
  }
  receive(msg: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(msg) }));
  }
}

function setup() {
  FakeSocket.all = [];
  const bridge = createWsBridge({
    url: 'ws://127.0.0.1:4711/ipc?token=t0k',
    createSocket: (url) => new FakeSocket(url),
    backoffMs: () => 1000,
  });
  return { bridge, socket: () => FakeSocket.all.at(-1)! };
}

describe('WebSocket bridge', () => {
  it('queues invokes until the socket opens, then sends them in order', async () => {
    const { bridge, socket } = setup();
    expect(socket().url).toBe('ws://127.0.0.1:4711/ipc?token=t0k');
    const a = bridge.invoke('settings.get', {});
    const b = bridge.invoke('popup.list', {});
    expect(socket().sent).toEqual([]);

    socket().open();
    expect(socket().sent).toEqual([
      { id: 1, channel: 'settings.get', payload: {} },
      { id: 2, channel: 'popup.list', payload: {} },
    ]);

    socket().receive({ id: 2, result: { ok: true, value: [] } });
    socket().receive({ id: 1, result: { ok: true, value: null } });
    await expect(a).resolves.toEqual({ ok: true, value: null });
    await expect(b).resolves.toEqual({ ok: true, value: [] });
  });

  it('matches replies to invokes by id, including errors', async () => {
    const { bridge, socket } = setup();
    socket().open();
    const first = bridge.invoke('calls.get', { callId: 'a' });
    const second = bridge.invoke('calls.get', { callId: 'b' });
    const [idA, idB] = (socket().sent as { id: number }[]).map((f) => f.id);
    socket().receive({
      id: idB,
      result: { ok: false, error: { code: 'not-found', message: 'no call b' } },
    });
    socket().receive({ id: idA, result: { ok: true, value: { call: 'A', history: [] } } });
    await expect(first).resolves.toEqual({ ok: true, value: { call: 'A', history: [] } });
    await expect(second).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no call b' },
    });
  });

  it('dispatches pushes to subscribers of that event only, until they unsubscribe', () => {
    const { bridge, socket } = setup();
    socket().open();
    const shown = vi.fn();
    const notice = vi.fn();
    const off = bridge.subscribe('popup.show', shown);
    bridge.subscribe('notice', notice);

    socket().receive({ event: 'popup.show', payload: { id: 'x' } });
    expect(shown).toHaveBeenCalledWith({ id: 'x' });
    expect(notice).not.toHaveBeenCalled();

    off();
    socket().receive({ event: 'popup.show', payload: { id: 'y' } });
    expect(shown).toHaveBeenCalledTimes(1);
  });

  it('ignores frames that are not JSON or not ours', () => {
    const { bridge, socket } = setup();
    socket().open();
    const shown = vi.fn();
    bridge.subscribe('popup.show', shown);
    socket().onmessage?.(new MessageEvent('message', { data: 'not json' }));
    socket().receive({ hello: 1 });
    socket().receive({ id: 99, result: { ok: true, value: 1 } });
    expect(shown).not.toHaveBeenCalled();
  });

  it('reports the drop, answers in-flight invokes with an error, and reconnects with backoff', async () => {
    vi.useFakeTimers();
    const { bridge, socket } = setup();
    const statuses: string[] = [];
    bridge.connection.subscribe(() => statuses.push(bridge.connection.getStatus()));
    const first = socket();
    first.open();
    const inFlight = bridge.invoke('wrapup.save', {
      callId: '1',
      status: 'Completed',
      comments: '',
    });
    first.drop();
    await expect(inFlight).resolves.toEqual({
      ok: false,
      error: { code: 'disconnected', message: 'Connection to CallPop lost' },
    });
    expect(bridge.connection.getStatus()).toBe('reconnecting');

    const queued = bridge.invoke('popup.list', {});
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);

    socket().open();
    expect(statuses).toEqual(['open', 'reconnecting', 'open']);
    const frame = socket().sent[0] as { id: number; channel: string };
    expect(frame.channel).toBe('popup.list');
    socket().receive({ id: frame.id, result: { ok: true, value: [] } });
    await expect(queued).resolves.toEqual({ ok: true, value: [] });
    bridge.close();
  });

  it('gives up on an invoke nobody answers', async () => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    const bridge = createWsBridge({
      url: 'ws://x/ipc',
      createSocket: (url) => new FakeSocket(url),
      invokeTimeoutMs: 5000,
    });
    FakeSocket.all[0]!.open();
    const pending = bridge.invoke('outbox.summary', {});
    vi.advanceTimersByTime(5000);
    await expect(pending).resolves.toEqual({
      ok: false,
      error: { code: 'timeout', message: 'No answer from CallPop (outbox.summary)' },
    });
  });

  it('an old link: refused before opening and the server rejects the token → no more retries', async () => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    try {
      const checkToken = vi.fn(async () => 'invalid' as const);
      const bridge = createWsBridge({
        url: 'ws://127.0.0.1:4711/ipc?token=old',
        createSocket: (url) => new FakeSocket(url),
        backoffMs: () => 1000,
        checkToken,
      });
      FakeSocket.all[0]!.drop();
      await vi.waitFor(() => expect(bridge.connection.getStatus()).toBe('bad-token'));
      vi.advanceTimersByTime(60_000);
      expect(FakeSocket.all).toHaveLength(1);
      expect(checkToken).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('CallPop down (token not known to be bad) → keeps reconnecting; a dropped open socket is not checked', async () => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    try {
      const checkToken = vi.fn(async () => 'unknown' as const);
      const bridge = createWsBridge({
        url: 'ws://127.0.0.1:4711/ipc?token=t',
        createSocket: (url) => new FakeSocket(url),
        backoffMs: () => 1000,
        checkToken,
      });
      FakeSocket.all[0]!.drop();
      await vi.waitFor(() => expect(checkToken).toHaveBeenCalledTimes(1));
      await vi.advanceTimersByTimeAsync(1000);
      expect(FakeSocket.all).toHaveLength(2);
      expect(bridge.connection.getStatus()).toBe('reconnecting');
      FakeSocket.all[1]!.open();
      FakeSocket.all[1]!.drop();
      expect(checkToken).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(FakeSocket.all).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops reconnecting once closed', () => {
    vi.useFakeTimers();
    const { bridge, socket } = setup();
    socket().open();
    bridge.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});
