// `npm run bench`, part "PBX event sources" (run by scripts/bench.ts, or alone with
// `npx tsx scripts/bench-sources.ts` after a build): a state change in a PBX fixture server →
// the call's card visible in Chromium, for the REST live calls (target p95 ≤ events.restPollMs
// + 100 ms) and for Call Control's WebSocket (target p95 ≤ 100 ms). Loopback only; every loop
// is bounded. BENCH_SOURCE_CALLS changes the number of calls per source (default 20).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/chromium';
import { startCallsInfoServer, ext, external } from '../tests/fixtures/pbx-callsinfo-server';
import { startCallControlServer } from '../tests/fixtures/call-control-server';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'callpop.mjs');
const CALLS = Math.max(5, Math.min(200, Number(process.env.BENCH_SOURCE_CALLS ?? 20)));
const POLL_MS = 1000;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}

async function serve(settings: object): Promise<{ child: ChildProcess; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'callpop-bench-src-'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings), { mode: 0o600 });
  const env = {
    ...process.env,
    CALLPOP_DATA_DIR: dir,
    CALLPOP_NO_OPEN: '1',
    CALLPOP_MACHINE_CONFIG: join(dir, 'none.json'),
  };
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open', '--port', '0'], { env });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`callpop serve did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /CallPop is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => fail(new Error(`callpop serve exited ${code}:\n${out}`)));
  });
  return { child, url, dir };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  return exited;
}

/** Wall-clock time of the first frame after a card whose name ends with `digits` appears. */
function cardSeen(page: Page, digits: string): Promise<number> {
  const p: Promise<number> = page.evaluate(`new Promise((done) => {
    const suffix = ${JSON.stringify(digits)};
    const match = () => [...document.querySelectorAll('[role="dialog"]')].some((d) =>
      (d.getAttribute('aria-label') || '').replace(/\\s/g, '').endsWith(suffix));
    let timer;
    const observer = new MutationObserver(() => { if (match()) fire(); });
    const fire = () => {
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => done(performance.timeOrigin + performance.now()));
    };
    timer = setTimeout(() => { observer.disconnect(); done(-1); }, 15000);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    if (match()) fire();
  })`);
  p.catch(() => undefined);
  return p;
}

async function measure(
  url: string,
  ring: (i: number, number: string) => void,
  hangUp: (i: number) => Promise<void> | void,
): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByRole('heading', { name: 'CallPop' }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    const latencies: number[] = [];
    for (let i = 0; i < CALLS + 2; i++) {
      const digits = String(3000 + i).padStart(4, '0');
      const number = `061234${digits}`;
      const seen = cardSeen(page, digits);
      // A random phase against the poll timer, as a real call would have.
      await page.waitForTimeout(30 + Math.floor(Math.random() * 200));
      const t0 = performance.timeOrigin + performance.now();
      ring(i, number);
      const at = await seen;
      if (at < 0) throw new Error(`the card for ${number} never appeared`);
      if (i >= 2) latencies.push(at - t0);
      const card = page.getByRole('dialog', { name: new RegExp(`${digits}$`) });
      await card.getByRole('button', { name: 'Hide card' }).click();
      await card.waitFor({ state: 'hidden' });
      await hangUp(i);
    }
    return latencies;
  } finally {
    await browser.close();
  }
}

interface Row {
  name: string;
  value: string;
  target: string;
  pass: boolean | null;
}

async function benchRest(rows: Row[]): Promise<void> {
  const srv = await startCallsInfoServer();
  const app = await serve({
    agent: { extension: '1001', defaultCountry: 'NL' },
    events: { source: 'rest-poll', restPollMs: POLL_MS },
    pbx: { restApi: { enabled: true, baseUrl: srv.baseUrl, key: srv.key } },
  });
  try {
    const lat = await measure(
      app.url,
      (i, number) => {
        srv.calls = [
          {
            callID: 5000 + i,
            state: 'Routing',
            startedAt: new Date().toISOString(),
            answeredAt: null,
            owner: external(number),
            talkTo: [],
            routingTo: [ext('1001')],
          },
        ];
      },
      async () => {
        srv.calls = [];
        await srv.nextPolls(2);
      },
    );
    const p95 = quantile(lat, 0.95);
    rows.push({
      name: `REST poll (${POLL_MS} ms): snapshot change → card visible (median of ${lat.length})`,
      value: `${quantile(lat, 0.5).toFixed(1)} ms`,
      target: 'reference',
      pass: null,
    });
    rows.push({
      name: `REST poll (${POLL_MS} ms): snapshot change → card visible (p95 of ${lat.length})`,
      value: `${p95.toFixed(1)} ms`,
      target: `≤ poll + 100 ms = ${POLL_MS + 100} ms`,
      pass: p95 <= POLL_MS + 100,
    });
  } finally {
    await stop(app.child);
    await srv.close();
    rmSync(app.dir, { recursive: true, force: true });
  }
}

async function benchWs(rows: Row[]): Promise<void> {
  const cc = await startCallControlServer({ monitored: ['1001'] });
  const app = await serve({
    agent: { extension: '1001', defaultCountry: 'NL' },
    events: { source: 'call-control' },
    pbx: {
      callControl: {
        enabled: true,
        baseUrl: cc.url,
        clientId: cc.clientId,
        clientSecret: cc.clientSecret,
      },
    },
  });
  try {
    await cc.waitFor(() => cc.sockets() > 0, 20_000);
    const lat = await measure(
      app.url,
      (i, number) =>
        cc.upsert({
          id: 100 + i,
          status: 'Ringing',
          dn: '1001',
          party_caller_id: number,
          party_dn: '10000',
          party_dn_type: 'Wexternalline',
          callid: 6000 + i,
          legid: 1,
        }),
      (i) => cc.remove('1001', 100 + i),
    );
    const p95 = quantile(lat, 0.95);
    rows.push({
      name: `Call Control WebSocket: participant change → card visible (median of ${lat.length})`,
      value: `${quantile(lat, 0.5).toFixed(1)} ms`,
      target: 'reference',
      pass: null,
    });
    rows.push({
      name: `Call Control WebSocket: participant change → card visible (p95 of ${lat.length})`,
      value: `${p95.toFixed(1)} ms`,
      target: '≤ 100 ms',
      pass: p95 <= 100,
    });
  } finally {
    await stop(app.child);
    await cc.close();
    rmSync(app.dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const [name, run] of [
    ['REST poll', benchRest],
    ['Call Control WebSocket', benchWs],
  ] as const) {
    try {
      await run(rows);
    } catch (e) {
      rows.push({
        name: `${name}: state change → card visible`,
        value: `not measured: ${(e as Error).message.split('\n')[0]}`,
        target: '',
        pass: false,
      });
    }
  }
  const w0 = Math.max(...rows.map((r) => r.name.length));
  const w1 = Math.max(...rows.map((r) => r.value.length));
  const w2 = Math.max(...rows.map((r) => r.target.length));
  for (const r of rows) {
    const verdict = r.pass === null ? '' : r.pass ? 'PASS' : 'MISS';
    console.log(
      `  ${r.name.padEnd(w0)}  ${r.value.padEnd(w1)}  ${r.target.padEnd(w2)}  ${verdict}`,
    );
  }
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', 'bench-sources.json'), JSON.stringify(rows, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
