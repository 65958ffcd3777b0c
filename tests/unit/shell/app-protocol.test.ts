// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  appUrl,
  isAppUrl,
  resolveAppFile,
  serveAppRequest,
} from '../../../electron/shell/app-protocol';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'callpop-app-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>CallPop</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'renderer', 'assets', 'data.bin'), 'x');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// URLs', () => {
  it('builds the window URLs', () => {
    expect(appUrl('/')).toBe('app://callpop/index.html');
    expect(appUrl('/popup')).toBe('app://callpop/index.html#/popup');
    expect(appUrl('popup')).toBe('app://callpop/index.html#/popup');
  });

  it.each([
    ['app://callpop/index.html', true],
    ['app://callpop/index.html#/popup', true],
    ['APP://CALLPOP/index.html', true],
    ['app://other/index.html', false],
    ['app://user@callpop/index.html', false],
    ['file:///index.html', false],
    ['https://callpop/index.html', false],
    ['', false],
    [null, false],
  ])('isAppUrl(%s) = %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('serving the renderer', () => {
  const dir = () => join(root, 'renderer');

  it('maps URLs to files inside the renderer folder only', () => {
    expect(resolveAppFile(dir(), 'app://callpop/index.html')).toBe(join(dir(), 'index.html'));
    expect(resolveAppFile(dir(), 'app://callpop/')).toBe(join(dir(), 'index.html'));
    expect(resolveAppFile(dir(), 'app://callpop/assets/index-abc.js')).toBe(
      join(dir(), 'assets', 'index-abc.js'),
    );
    // The URL parser folds dot segments (also %2e%2e) before we see them: still inside.
    expect(resolveAppFile(dir(), 'app://callpop/../secret.txt')).toBe(join(dir(), 'secret.txt'));
    expect(resolveAppFile(dir(), 'app://callpop/%2e%2e/secret.txt')).toBe(
      join(dir(), 'secret.txt'),
    );
    // An encoded slash survives parsing and would escape after decoding: refused.
    expect(resolveAppFile(dir(), 'app://callpop/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(dir(), 'app://callpop/a%00.html')).toBeNull();
    expect(resolveAppFile(dir(), 'app://other/index.html')).toBeNull();
  });

  it('serves index.html with the CSP and a content type', async () => {
    const res = await serveAppRequest(dir(), 'app://callpop/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>CallPop</title>');
  });

  it('serves module scripts as JavaScript', async () => {
    const res = await serveAppRequest(dir(), 'app://callpop/assets/index-abc.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for escapes, unknown types, missing files and other hosts', async () => {
    for (const url of [
      'app://callpop/..%2fsecret.txt',
      'app://callpop/%2e%2e/secret.txt',
      'app://callpop/assets/data.bin',
      'app://callpop/missing.js',
      'app://other/index.html',
    ]) {
      const res = await serveAppRequest(dir(), url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});
