// `npm run bench`, part "PBX event sources" (run by scripts/bench.ts, or alone with
// `npx tsx scripts/bench-sources.ts` after a build): a state change in a PBX fixture server →
// the call's card visible in Chromium, for the REST live calls (target p95 ≤ events.restPollMs
// + 100 ms) and for Call Control's WebSocket (target p95 ≤ 100 ms). Loopback only; every loop
// is bounded. BENCH_SOURCE_CALLS changes the number of calls per source (default 20).
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  benchDataDir,
  epochNow,
  hideCard,
  launchChromium,
  median,
  openMainWindow,
  printRows,
  quantile,
  ROOT,
  startServe,
  stop,
  watchCard,
  type Row,
} from './bench-common';
import { startCallsInfoServer, ext, external } from '../tests/fixtures/pbx-callsinfo-server';
import { startCallControlServer } from '../tests/fixtures/call-control-server';

const CALLS = Math.max(5, Math.min(200, Number(process.env.BENCH_SOURCE_CALLS ?? 20)));
const POLL_MS = 1000;

async function serve(
  settings: Record<string, unknown>,
): Promise<{ child: ChildProcess; url: string; dir: string }> {
  const dir = benchDataDir('callpop-bench-src-', settings);
  const { child, url } = await startServe(dir);
  return { child, url, dir };
}

async function measure(
  url: string,
  ring: (i: number, number: string) => void,
  hangUp: (i: number) => Promise<void> | void,
): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const page = await openMainWindow(browser, url);
    const latencies: number[] = [];
    for (let i = 0; i < CALLS + 2; i++) {
      const digits = String(3000 + i).padStart(4, '0');
      const number = `061234${digits}`;
      const seen = watchCard(page, { digits });
      // A random phase against the poll timer, as a real call would have.
      await page.waitForTimeout(30 + Math.floor(Math.random() * 200));
      const t0 = epochNow();
      ring(i, number);
      const { painted } = await seen;
      if (painted < 0) throw new Error(`the card for ${number} never appeared`);
      if (i >= 2) latencies.push(painted - t0);
      await hideCard(page, { digits });
      await hangUp(i);
    }
    return latencies;
  } finally {
    await browser.close();
  }
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
      value: `${median(lat).toFixed(1)} ms`,
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
      value: `${median(lat).toFixed(1)} ms`,
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
  printRows(rows);
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', 'bench-sources.json'), JSON.stringify(rows, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
