// The browser-mode web server with a fake core: static files, headers, and who may open /ipc.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../electron/host/web-server';
import { tokenMatches } from '../../../electron/host/web/request-guards';
import { resolveStaticPath } from '../../../electron/host/web/static-files';
import { parseFrame } from '../../../electron/host/web/ws-rpc';
import { createFakeCore, silentLogger, type FakeCore } from '../../fake-core';
import { INTERNAL_ERROR_MESSAGE } from '../../../electron/core/public-error';

const TOKEN = 'a'.repeat(64);
let root: string;
let core: FakeCore;
let server: WebServer;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'cp-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>CallPop</title>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app-123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app-123.css'), 'body{}');
  writeFileSync(join(root, '..', 'secret-outside.txt'), 'secret');
  core = createFakeCore();
  server = await startWebServer({
    core,
    logger: silentLogger,
    staticDir: root,
    token: TOKEN,
    port: 0,
  });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(join(root, '..', 'secret-outside.txt'), { force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so the Host header and the path are exactly what a test says. */
function get(
  path: string,
  opts: { host?: string; method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: opts.method ?? 'GET',
        headers: { host: opts.host ?? `127.0.0.1:${server.port}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function ws(query: string, headers: Record<string, string> = {}): WebSocket {
  const s = new WebSocket(`ws://127.0.0.1:${server.port}/ipc${query}`, { headers });
  sockets.push(s);
  return s;
}
const origin = (): Record<string, string> => ({ Origin: `http://127.0.0.1:${server.port}` });

/** Resolves with 'open' or the HTTP status of the refused upgrade. */
function outcome(s: WebSocket): Promise<'open' | number> {
  return new Promise((resolve) => {
    s.once('open', () => resolve('open'));
    s.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    s.once('error', () => resolve(-1));
  });
}

function nextMessage(s: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => s.once('message', (d) => resolve(JSON.parse(d.toString()))));
}

describe('static files', () => {
  it('serves the app with content types and security headers', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect((await get('/assets/app-123.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('/assets/app-123.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
  });

  it('falls back to the app for routes, 404 for missing assets', async () => {
    const route = await get('/history/4711');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>CallPop</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const p of [
      '/../secret-outside.txt',
      '/%2e%2e/secret-outside.txt',
      '/assets/..%2f..%2fsecret-outside.txt',
      '/%00',
    ]) {
      const r = await get(p);
      expect(r.body).not.toContain('secret');
      expect([400, 404, 200]).toContain(r.status);
    }
    expect(resolveStaticPath('/srv/app', '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/a/%2e%2e/%2e%2e/x')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/a\\..\\x')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/assets/x.js')).toBe('/srv/app/assets/x.js');
  });

  it('answers /api/health without a token and reveals nothing', async () => {
    const r = await get('/api/health');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true });
    expect(r.body).not.toContain(TOKEN);
  });

  it('tells a page whether its token is still valid (header only), and nothing more', async () => {
    const check = (token?: string) =>
      get('/api/token-check', token === undefined ? {} : { headers: { 'x-callpop-token': token } });
    expect((await check(TOKEN)).status).toBe(204);
    expect((await check('0'.repeat(64))).status).toBe(401);
    expect((await check()).status).toBe(401);
    // In the query string it does not count: tokens stay out of URLs and logs.
    expect((await get(`/api/token-check?token=${TOKEN}`)).status).toBe(401);
    const r = await check('wrong');
    expect(r.body).toBe('');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses foreign Host headers (DNS rebinding) and other methods', async () => {
    expect((await get('/', { host: 'evil.example:80' })).status).toBe(403);
    expect((await get('/api/health', { host: `attacker.test:${server.port}` })).status).toBe(403);
    expect((await get('/', { host: `localhost:${server.port}` })).status).toBe(200);
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });

  it('says so when the UI has not been built', async () => {
    rmSync(join(root, 'index.html'));
    expect((await get('/')).status).toBe(503);
  });
});

describe('WebSocket /ipc', () => {
  it('refuses a connection without the token or with a wrong one (401)', async () => {
    expect(await outcome(ws('', origin()))).toBe(401);
    expect(await outcome(ws('?token=' + 'b'.repeat(64), origin()))).toBe(401);
    expect(await outcome(ws('?token=' + TOKEN.slice(1), origin()))).toBe(401);
  });

  it('refuses the right token from a foreign or missing Origin (403)', async () => {
    expect(await outcome(ws('?token=' + TOKEN, { Origin: 'http://127.0.0.1:1' }))).toBe(403);
    expect(await outcome(ws('?token=' + TOKEN, { Origin: 'https://evil.example' }))).toBe(403);
    expect(await outcome(ws('?token=' + TOKEN, { Origin: 'null' }))).toBe(403);
    expect(await outcome(ws('?token=' + TOKEN))).toBe(403);
  });

  it('accepts the token from its own origin, also as localhost', async () => {
    expect(await outcome(ws('?token=' + TOKEN, origin()))).toBe('open');
    expect(
      await outcome(ws('?token=' + TOKEN, { Origin: `http://localhost:${server.port}` })),
    ).toBe('open');
    expect(server.clientCount()).toBe(2);
  });

  it('refuses upgrades on other paths', async () => {
    const s = new WebSocket(`ws://127.0.0.1:${server.port}/other?token=${TOKEN}`, {
      headers: origin(),
    });
    sockets.push(s);
    expect(await outcome(s)).toBe(404);
  });

  it('answers invokes with the same id and the core result', async () => {
    const s = ws('?token=' + TOKEN, origin());
    await outcome(s);
    s.send(JSON.stringify({ id: 7, channel: 'calls.list', payload: { limit: 5 } }));
    expect(await nextMessage(s)).toEqual({ id: 7, result: { ok: true, value: null } });
    expect(core.dispatch.mock.calls).toEqual([['calls.list', { limit: 5 }]]);
    s.send(JSON.stringify({ id: 8, channel: 'no.such', payload: {} }));
    expect(await nextMessage(s)).toMatchObject({ id: 8, result: { ok: false } });
  });

  it('pushes every core event to every client', async () => {
    const a = ws('?token=' + TOKEN, origin());
    const b = ws('?token=' + TOKEN, origin());
    await Promise.all([outcome(a), outcome(b)]);
    const got = Promise.all([nextMessage(a), nextMessage(b)]);
    core.emit('notice', { level: 'info', message: 'hello' });
    for (const m of await got)
      expect(m).toEqual({ event: 'notice', payload: { level: 'info', message: 'hello' } });
  });

  it('answers malformed frames with an error, closes on unparseable ones, survives a throwing core', async () => {
    const s = ws('?token=' + TOKEN, origin());
    await outcome(s);
    s.send(JSON.stringify({ channel: 'calls.list' }));
    expect(await nextMessage(s)).toEqual({
      id: null,
      result: {
        ok: false,
        error: { code: 'invalid-request', message: 'a frame needs a numeric "id"' },
      },
    });
    s.send(JSON.stringify({ id: 3 }));
    expect(await nextMessage(s)).toMatchObject({ id: 3, result: { ok: false } });
    core.dispatch.mockRejectedValueOnce(new Error('boom'));
    s.send(JSON.stringify({ id: 4, channel: 'calls.list', payload: {} }));
    expect(await nextMessage(s)).toEqual({
      id: 4,
      // An internal text ("boom") stays in the log; the page gets the generic sentence.
      result: { ok: false, error: { code: 'failed', message: INTERNAL_ERROR_MESSAGE } },
    });
    const closed = new Promise<number>((r) => s.once('close', (code) => r(code)));
    s.send('{not json');
    expect(await closed).toBe(1003);
    // ...and the server still serves others.
    const t = ws('?token=' + TOKEN, origin());
    expect(await outcome(t)).toBe('open');
  });

  it('closes binary frames with 1003', async () => {
    const s = ws('?token=' + TOKEN, origin());
    await outcome(s);
    const closed = new Promise<number>((r) => s.once('close', (code) => r(code)));
    s.send(Buffer.from([1, 2, 3]));
    expect(await closed).toBe(1003);
  });

  it('stops pushing after close', async () => {
    expect(core.listeners.size).toBe(1);
    await server.close();
    expect(core.listeners.size).toBe(0);
    server = await startWebServer({
      core,
      logger: silentLogger,
      staticDir: root,
      token: TOKEN,
      port: 0,
    });
  });
});

describe('ports', () => {
  it('falls back to a random port when the default is taken, or fails when asked for it', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    const other = await startWebServer({
      core,
      logger: silentLogger,
      staticDir: root,
      token: TOKEN,
      port: taken,
      fallbackToRandomPort: true,
    });
    expect(other.port).not.toBe(taken);
    expect(other.url).toBe(`http://127.0.0.1:${other.port}/#token=${TOKEN}`);
    await other.close();
    await expect(
      startWebServer({ core, logger: silentLogger, staticDir: root, token: TOKEN, port: taken }),
    ).rejects.toThrow(/EADDRINUSE/);
    blocker.close();
  });
});

describe('helpers', () => {
  it('compares tokens exactly', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN, TOKEN + 'a')).toBe(false);
    expect(tokenMatches(TOKEN, '')).toBe(false);
    expect(tokenMatches(TOKEN, null)).toBe(false);
  });

  it('parses frames', () => {
    expect(parseFrame('{"id":1,"channel":"x","payload":{"a":1}}')).toEqual({
      id: 1,
      channel: 'x',
      payload: { a: 1 },
    });
    expect(parseFrame('{"id":1,"channel":"x"}')).toEqual({ id: 1, channel: 'x', payload: {} });
    expect(parseFrame('nope')).toBeNull();
    expect(parseFrame('[1]')).toMatchObject({ id: null });
    expect(parseFrame('{"id":1.5,"channel":"x"}')).toMatchObject({ id: null });
  });
});
