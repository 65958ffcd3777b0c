// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from './mocks/electron';

vi.mock('electron', () => import('./mocks/electron'));
const { guardWebContents, hardenSession } = await import('../../electron/shell/hardening');
const { CONTENT_SECURITY_POLICY } = await import('../../electron/shell/app-protocol');

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const openExternal = vi.fn();

beforeEach(() => {
  electron.resetElectron();
  vi.clearAllMocks();
});

function guarded() {
  const contents = new electron.FakeWebContents();
  guardWebContents(contents as never, { logger, openExternal });
  return contents;
}

describe('web-contents guards', () => {
  it('denies every window.open and sends only http(s) to the browser', () => {
    const c = guarded();
    expect(c.windowOpenHandler!({ url: 'https://crm.example.com/c/1' })).toEqual({
      action: 'deny',
    });
    expect(openExternal).toHaveBeenCalledWith('https://crm.example.com/c/1');
    openExternal.mockClear();
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'app://callpop/index.html',
      'ms-settings:',
    ]) {
      expect(c.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('prevents navigation away from the app and allows its own pages', () => {
    const c = guarded();
    expect(c.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.navigate('will-navigate', 'app://evil/index.html')).toBe(true);
    expect(c.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(c.navigate('will-navigate', 'app://callpop/index.html')).toBe(false);
    // An http(s) link clicked in the UI opens in the browser instead.
    expect(openExternal).toHaveBeenCalledWith('https://evil.example/');
    expect(openExternal).not.toHaveBeenCalledWith('file:///etc/passwd');
  });

  it('prevents <webview> tags', () => {
    const c = guarded();
    const event = { preventDefault: vi.fn() };
    c.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('survives an openExternal that throws or rejects', async () => {
    const c = guarded();
    openExternal.mockRejectedValueOnce(new Error('no browser'));
    c.windowOpenHandler!({ url: 'https://a.example/' });
    openExternal.mockImplementationOnce(() => {
      throw new Error('sync');
    });
    c.windowOpenHandler!({ url: 'https://b.example/' });
    await new Promise((r) => setTimeout(r, 0));
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });
});

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    hardenSession(electron.session.defaultSession as never, logger);
    const contents = new electron.FakeWebContents();
    contents.url = 'app://callpop/index.html';
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const cb = vi.fn();
      electron.sessionState.permissionRequest!(contents, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(electron.sessionState.permissionCheck!(contents, permission, 'app://callpop')).toBe(
        false,
      );
    }
    expect(electron.sessionState.devicePermission!({})).toBe(false);
  });

  it('sets a strict CSP on every response, replacing any other', () => {
    hardenSession(electron.session.defaultSession as never, logger);
    const cb = vi.fn();
    electron.sessionState.headers!(
      {
        url: 'https://x.example/',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
      },
      cb,
    );
    const headers = cb.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(eval|inline)|\bhttps?:|\*/);
  });
});
