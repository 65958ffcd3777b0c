/// <reference lib="dom" />
// Nothing but CallPop's own page may talk to CallPop: a page from another local origin can
// neither open the IPC WebSocket (not even with the right token) nor read the app or its API;
// a WebSocket without the token is refused outright.
import { createServer, type Server } from 'node:http';
import WebSocket from 'ws';
import { test, expect } from './fixtures';

interface Probe {
  ws: Record<string, string>;
  fetches: Record<string, string>;
}

/** A page on another port that tries everything against CallPop from inside the browser. */
function attackerPage(target: { port: number; token: string }): string {
  return `<!doctype html><meta charset="utf-8"><title>other local app</title>
<iframe id="frame" src="http://127.0.0.1:${target.port}/" width="300" height="100"></iframe>
<script>
const base = 'http://127.0.0.1:${target.port}';
const results = { ws: {}, fetches: {} };
function tryWs(label, url) {
  return new Promise((resolve) => {
    let ws;
    try { ws = new WebSocket(url); } catch (e) { results.ws[label] = 'throw:' + e.name; return resolve(); }
    const t = setTimeout(() => { results.ws[label] = 'timeout'; resolve(); }, 5000);
    ws.onopen = () => { results.ws[label] = 'open'; clearTimeout(t); ws.close(); resolve(); };
    ws.onerror = () => { results.ws[label] = 'error'; clearTimeout(t); resolve(); };
  });
}
async function tryFetch(label, url, init) {
  try {
    const r = await fetch(url, init);
    const text = await r.text();
    results.fetches[label] = 'read:' + r.type + ':' + text.length;
  } catch (e) {
    results.fetches[label] = 'blocked:' + e.name;
  }
}
(async () => {
  await tryWs('rightToken', 'ws://127.0.0.1:${target.port}/ipc?token=${target.token}');
  await tryWs('rightTokenLocalhost', 'ws://localhost:${target.port}/ipc?token=${target.token}');
  await tryWs('wrongToken', 'ws://127.0.0.1:${target.port}/ipc?token=${'0'.repeat(64)}');
  await tryWs('noToken', 'ws://127.0.0.1:${target.port}/ipc');
  await tryFetch('app', base + '/');
  await tryFetch('health', base + '/api/health');
  await tryFetch('noCors', base + '/api/health', { mode: 'no-cors' });
  await tryFetch('post', base + '/ipc', { method: 'POST', body: '{}' });
  window.probe = results;
})();
</script>`;
}

let other: Server | null = null;
test.afterEach(async () => {
  await new Promise<void>((r) => (other ? other.close(() => r()) : r()));
  other = null;
});

async function serveAttacker(html: string): Promise<number> {
  other = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(html),
  );
  await new Promise<void>((r) => other!.listen(0, '127.0.0.1', r));
  return (other.address() as { port: number }).port;
}

test('a page from another local origin can neither connect nor read anything', async ({
  page,
  callpop,
}) => {
  const otherPort = await serveAttacker(attackerPage(callpop));
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  for (const host of ['127.0.0.1', 'localhost']) {
    await page.goto(`http://${host}:${otherPort}/`);
    const probe = (await page
      .waitForFunction(() => (window as unknown as { probe?: Probe }).probe, null, {
        timeout: 30_000,
      })
      .then((h) => h.jsonValue())) as Probe;
    expect(probe.ws, host).toEqual({
      rightToken: 'error',
      rightTokenLocalhost: 'error',
      wrongToken: 'error',
      noToken: 'error',
    });
    expect(probe.fetches.app).toBe('blocked:TypeError');
    expect(probe.fetches.health).toBe('blocked:TypeError');
    // Even an opaque no-cors read fails: Cross-Origin-Resource-Policy: same-origin.
    expect(probe.fetches.noCors).toBe('blocked:TypeError');
    expect(probe.fetches.post).toBe('blocked:TypeError');
    // The app refuses to be framed (frame-ancestors 'none', X-Frame-Options DENY).
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect
      .poll(async () => frame?.evaluate(() => document.title).catch(() => 'blocked'))
      .not.toBe('CallPop');
  }
  // Even with the right token the upgrade is refused for its Origin (403), not just unlucky.
  expect(messages.join('\n')).toMatch(/ipc\?token=[0-9a-f]{64}' failed: .*403/);
  expect(messages.join('\n')).toMatch(/frame-ancestors 'none'/);
});

test("the IPC WebSocket needs the token and CallPop's own Origin", async ({ callpop }) => {
  const attempt = (query: string, headers: Record<string, string>): Promise<'open' | number> =>
    new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${callpop.port}/ipc${query}`, { headers });
      ws.once('open', () => {
        ws.close();
        resolve('open');
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(-1));
    });
  const own = { Origin: callpop.origin };
  expect(await attempt('', own)).toBe(401);
  expect(await attempt('?token=', own)).toBe(401);
  expect(await attempt(`?token=${callpop.token.toUpperCase()}`, own)).toBe(401);
  expect(await attempt(`?token=${callpop.token}`, {})).toBe(403);
  expect(await attempt(`?token=${callpop.token}`, { Origin: 'http://127.0.0.1:1' })).toBe(403);
  expect(await attempt(`?token=${callpop.token}`, { Origin: 'null' })).toBe(403);
  // The positive control: the same request from CallPop's own origin is accepted.
  expect(await attempt(`?token=${callpop.token}`, own)).toBe('open');
});

test('the app itself connects from its own origin and gets pushes', async ({ page, callpop }) => {
  await page.goto(callpop.url);
  await callpop.fire(['/N:S', '/C:+31612345678', '/T:I', '/I:origin-ok']);
  await expect(page.getByRole('dialog', { name: /06 12345678/ })).toBeVisible();
  const headers = (await page.request.get(`${callpop.origin}/`)).headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain(
    `connect-src 'self' ws://127.0.0.1:${callpop.port}`,
  );
  expect(headers['x-content-type-options']).toBe('nosniff');
});
