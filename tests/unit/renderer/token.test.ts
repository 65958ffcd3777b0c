import { describe, expect, it, vi } from 'vitest';
import { ipcSocketUrl, readAccessToken, type TokenEnv } from '../../../renderer/src/token';

function env(hash: string, stored: string | null = null) {
  const store = new Map<string, string>(stored ? [['callpop.token', stored]] : []);
  const replaceState = vi.fn();
  const e: TokenEnv = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState, state: null },
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
    },
  };
  return { e, store, replaceState };
}

describe('access token', () => {
  it('reads #token=… , keeps it for reloads and strips it from the address bar', () => {
    const { e, store, replaceState } = env('#token=abc%2B123');
    expect(readAccessToken(e)).toBe('abc+123');
    expect(store.get('callpop.token')).toBe('abc+123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('keeps a route that shares the hash with the token', () => {
    const { e, replaceState } = env('#/popup?token=xyz');
    expect(readAccessToken(e)).toBe('xyz');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/#/popup');
  });

  it('falls back to the stored token after a reload', () => {
    const { e, replaceState } = env('', 'stored-1');
    expect(readAccessToken(e)).toBe('stored-1');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('has no token when neither the hash nor the session has one', () => {
    expect(readAccessToken(env('#/').e)).toBeNull();
  });

  it('builds ws:// or wss:// to /ipc on the page host', () => {
    expect(ipcSocketUrl({ protocol: 'http:', host: '127.0.0.1:5173' }, 'a b')).toBe(
      'ws://127.0.0.1:5173/ipc?token=a%20b',
    );
    expect(ipcSocketUrl({ protocol: 'https:', host: 'pc.local' }, 't')).toBe(
      'wss://pc.local/ipc?token=t',
    );
  });
});
