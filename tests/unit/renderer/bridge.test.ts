import { describe, expect, it, vi } from 'vitest';
import { pickTransport } from '../../../renderer/src/bridge';
import { createFakeApi } from './fake-api';

describe('transport choice', () => {
  it('uses the preload API in Electron', () => {
    const fake = createFakeApi();
    window.callpop = fake.api;
    try {
      const t = pickTransport(window);
      expect(t.api).toBe(fake.api);
      expect(t.browserMode).toBe(false);
      expect(t.connection.getStatus()).toBe('open');
    } finally {
      delete window.callpop;
    }
  });

  it('connects a WebSocket with the token from the address in browser mode', () => {
    const urls: string[] = [];
    class StubSocket {
      readyState = 0;
      onopen = null;
      onclose = null;
      onerror = null;
      onmessage = null;
      constructor(url: string) {
        urls.push(url);
      }
      send() {}
      close() {}
    }
    vi.stubGlobal('WebSocket', StubSocket);
    window.location.hash = '#token=s3cret';
    const t = pickTransport(window);
    expect(t.browserMode).toBe(true);
    expect(urls).toEqual([`ws://${window.location.host}/ipc?token=s3cret`]);
    expect(window.location.hash).toBe('');
    expect(sessionStorage.getItem('callpop.token')).toBe('s3cret');
    vi.unstubAllGlobals();
  });

  it('has a no-token state instead of a socket when no token is known', async () => {
    const t = pickTransport(window);
    expect(t.connection.getStatus()).toBe('no-token');
    await expect(t.api.listCalls()).resolves.toEqual({
      ok: false,
      error: { code: 'disconnected', message: 'no access token' },
    });
  });
});
