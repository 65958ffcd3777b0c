// `npm run bench` (after `npm run build`): the latency figures, measured in one run on this
// machine. Not a test: it prints each figure with its target and PASS/MISS.
//   1. bare `node -e 0`, spawn to exit                                      (the reference)
//   2. `callpop /N:S ...` (the Node forwarder), spawn to exit               (target ≤ 1.3 × 1)
//   3. `callpop-notify /N:S ...` (the native trampoline), spawn to exit     (target ≤ 0.1 × 1)
//   4. spawn → card painted in Chromium through 2 and through 3, median/p95 of 50
//        (targets: forwarder p95 ≤ 1 + 100 ms; trampoline p95 ≤ 0.5 × 1)
//   5. the stage breakdown of 4 (received → applied → pushed → rendered → painted; committed)
//        from CallPop's own marks, and the in-app p95 per launcher, received → painted
//        (target ≤ 16 ms through the trampoline)
//   6. call tracker throughput, reduceCall                                 (target ≥ 200,000 events/s)
// Then runs scripts/bench-outbox.ts when it exists, and scripts/bench-sources.ts (PBX event
// sources: fixture state change → card visible, per source). Everything stays on loopback;
// every loop is bounded. Set BENCH_CALLS to change the number of calls (default 50).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { reduceCall, type CallRecord, type TrackerEvent } from '../shared/call-tracker';
import {
  benchDataDir,
  benchEnv,
  CLI,
  epochNow,
  exited,
  hideAllCards,
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
  type CardMarks,
  type Row,
} from './bench-common';

const NOTIFY = join(
  ROOT,
  'dist',
  'bin',
  process.platform === 'win32' ? 'callpop-notify.exe' : 'callpop-notify',
);
const CALLS = Math.max(5, Math.min(500, Number(process.env.BENCH_CALLS ?? 50)));
const STARTS = 30;
const SETTLE_MS = 250;

const rows: Row[] = [];
const report: Record<string, unknown> = {};

const ms = (v: number): string => `${v.toFixed(1)} ms`;

function timeSpawnSync(args: string[], env: NodeJS.ProcessEnv, file = process.execPath): number {
  const t0 = performance.now();
  const r = spawnSync(file, args, {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 20_000,
  });
  const t = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString()}`);
  return t;
}

/** 1-3: bare node, the forwarder and the trampoline, interleaved so drift hits all alike. */
function benchStarts(env: NodeJS.ProcessEnv): { bare: number } {
  const bare: number[] = [];
  const forward: number[] = [];
  const tramp: number[] = [];
  const notify = (id: string, n: string) =>
    timeSpawnSync(['/N:S', `/C:${n}`, '/T:I', `/I:${id}`], env, NOTIFY);
  for (let i = 0; i < 3; i++) {
    timeSpawnSync(['-e', '0'], env);
    timeSpawnSync([CLI, '/N:S', '/C:0612345678', '/T:I', `/I:warm-${i}`], env);
    notify(`warm-n-${i}`, '0612345678');
  }
  for (let i = 0; i < STARTS; i++) {
    const n = `06123${String(i).padStart(5, '0')}`;
    bare.push(timeSpawnSync(['-e', '0'], env));
    forward.push(timeSpawnSync([CLI, '/N:S', `/C:${n}`, '/T:I', `/I:fwd-${i}`], env));
    tramp.push(notify(`tramp-${i}`, n));
  }
  const b = median(bare);
  const f = median(forward);
  const t = median(tramp);
  report.bareNode = { median: b, p95: quantile(bare, 0.95), runs: STARTS };
  report.forward = { median: f, p95: quantile(forward, 0.95), runs: STARTS };
  report.trampoline = { median: t, p95: quantile(tramp, 0.95), runs: STARTS };
  rows.push({
    name: 'bare `node -e 0` spawn→exit (median)',
    value: ms(b),
    target: 'reference',
    pass: null,
  });
  rows.push({
    name: 'callpop /N:S (Node forwarder) spawn→exit (median)',
    value: `${ms(f)} = ${(f / b).toFixed(2)}×`,
    target: '≤ 1.30× bare node',
    pass: f <= 1.3 * b,
  });
  rows.push({
    name: 'callpop-notify /N:S (trampoline) spawn→exit (median)',
    value: `${ms(t)} = ${(t / b).toFixed(3)}×`,
    target: `≤ 0.10× bare node = ${ms(0.1 * b)}`,
    pass: t <= 0.1 * b,
  });
  return { bare: b };
}

interface Launcher {
  name: string;
  /** Starts the process that hands this argv to CallPop. */
  spawn(argv: string[], env: NodeJS.ProcessEnv): ChildProcess;
  target(bare: number): { text: string; pass: (p95: number) => boolean };
}

const LAUNCHERS: Launcher[] = [
  {
    name: 'Node forwarder',
    spawn: (argv, env) => spawn(process.execPath, [CLI, ...argv], { env, stdio: 'ignore' }),
    target: (bare) => ({
      text: `≤ bare node + 100 ms = ${ms(bare + 100)}`,
      pass: (p) => p <= bare + 100,
    }),
  },
  {
    name: 'trampoline',
    spawn: (argv, env) => spawn(NOTIFY, argv, { env, stdio: 'ignore' }),
    target: (bare) => ({
      text: `≤ 0.5× bare node = ${ms(0.5 * bare)}`,
      pass: (p) => p <= 0.5 * bare,
    }),
  },
];

/** Per call id: when the card was rendered and painted, seen from the page. */
type PageMarks = Map<string, { launcher: string; spawned: number } & CardMarks>;

/** 4: spawn of a launcher → its card painted in Chromium. */
async function benchVisible(
  page: Page,
  launcher: Launcher,
  env: NodeJS.ProcessEnv,
  bare: number,
  marks: PageMarks,
  offset: number,
): Promise<void> {
  try {
    const latencies: number[] = [];
    for (let i = 0; i < CALLS + 2; i++) {
      const digits = String(offset + i).padStart(4, '0');
      const raw = `061234${digits}`;
      const callId = `vis-${offset + i}`;
      const seen = watchCard(page, { callId });
      await page.waitForTimeout(30); // the watcher is installed
      const t0 = epochNow();
      const child = launcher.spawn(['/N:S', `/C:${raw}`, '/T:I', `/I:${callId}`], env);
      const card = await seen;
      const { painted } = card;
      await exited(child);
      if (painted < 0) throw new Error(`the card for ${raw} never appeared`);
      if (i >= 2) {
        latencies.push(painted - t0); // two warm-up calls
        marks.set(callId, { launcher: launcher.name, spawned: t0, ...card });
      }
      await hideCard(page, { callId });
      // Calls come seconds apart: the next one starts from a page that has settled after the
      // hide (the history reflowing back), not one still busy with it.
      await page.waitForTimeout(SETTLE_MS);
    }
    const p50 = median(latencies);
    const p95 = quantile(latencies, 0.95);
    const target = launcher.target(bare);
    report[`spawnToVisible ${launcher.name}`] = {
      median: p50,
      p95,
      calls: latencies.length,
      all: latencies,
    };
    rows.push({
      name: `spawn → card painted via ${launcher.name} (median of ${latencies.length})`,
      value: ms(p50),
      target: 'reference',
      pass: null,
    });
    rows.push({
      name: `spawn → card painted via ${launcher.name} (p95 of ${latencies.length})`,
      value: ms(p95),
      target: target.text,
      pass: target.pass(p95),
    });
  } catch (err) {
    rows.push({
      name: `spawn → card painted via ${launcher.name}`,
      value: `not measured: ${(err as Error).message.split('\n')[0]}`,
      target: launcher.target(bare).text,
      pass: false,
    });
  }
}

interface CoreTrace {
  callId: string | null;
  marks: Partial<
    Record<'received' | 'applied' | 'pushed' | 'committed' | 'rendered' | 'painted', number>
  >;
}

/** CallPop's own marks for the last events, asked over the page's contract (WebSocket). */
function coreTraces(page: Page, url: string): Promise<CoreTrace[]> {
  const token = new URL(url).hash.replace('#token=', '');
  return page.evaluate(`new Promise((done, fail) => {
    const token = ${JSON.stringify(token)};
    const ws = new WebSocket('ws://' + location.host + '/ipc?token=' + token);
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel: 'latency.report', payload: {} }));
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.id !== 1) return;
      ws.close();
      msg.result.ok ? done(msg.result.value.recent) : fail(new Error(msg.result.error.message));
    };
    ws.onerror = () => fail(new Error('no WebSocket'));
  })`);
}

/** 5: where the time goes, per stage, and the in-app budget. */
async function benchStages(page: Page, url: string, marks: PageMarks): Promise<void> {
  try {
    // The last card's paint report reaches CallPop just after its frame: give it a moment.
    await page.waitForTimeout(300);
    const traces = (await coreTraces(page, url)).filter((t) => t.callId && marks.has(t.callId));
    if (traces.length === 0) throw new Error('CallPop kept no marks for the benchmark calls');
    type Step = [string, (t: CoreTrace, m: NonNullable<ReturnType<PageMarks['get']>>) => number];
    // The hand-over depends on the launcher; everything after it does not.
    const steps: Step[] = [
      ...LAUNCHERS.map((l): Step => [
        `spawned → received via ${l.name}`,
        (t, m) => (m.launcher === l.name ? t.marks.received! - m.spawned : NaN),
      ]),
      ['received → tracker applied', (t) => t.marks.applied! - t.marks.received!],
      ['applied → pushed', (t) => t.marks.pushed! - t.marks.applied!],
      ['pushed → card rendered (page)', (t, m) => m.rendered - t.marks.pushed!],
      ['rendered → next frame painted (page)', (_t, m) => m.painted - m.rendered],
      [
        'applied → journal committed (beside the push)',
        (t) => t.marks.committed! - t.marks.applied!,
      ],
    ];
    const breakdown: Record<string, { p50: number; p95: number }> = {};
    for (const [name, f] of steps) {
      const values = traces.map((t) => f(t, marks.get(t.callId!)!)).filter(Number.isFinite);
      breakdown[name] = { p50: median(values), p95: quantile(values, 0.95) };
      rows.push({
        name: `  stage ${name}`,
        value: `p50 ${ms(median(values))} · p95 ${ms(quantile(values, 0.95))}`,
        target: '',
        pass: null,
      });
    }
    // In-app: from the endpoint reading the event to the painted frame, on one clock. Per
    // launcher: a Node forwarder is still running (its exit) on one of this machine's cores
    // while the page paints, the trampoline has exited by then. The target is the
    // trampoline's, the path the 3CX Assistant is pointed at; the forwarder's is shown beside.
    const reported = traces.filter((t) => t.marks.painted !== undefined).length;
    const inAppOf = (name: string) =>
      traces
        .filter((t) => marks.get(t.callId!)!.launcher === name)
        .map((t) => marks.get(t.callId!)!.painted - t.marks.received!);
    const inApp: Record<string, { median: number; p95: number; calls: number }> = {};
    for (const l of LAUNCHERS) {
      const values = inAppOf(l.name);
      const p95 = quantile(values, 0.95);
      inApp[l.name] = { median: median(values), p95, calls: values.length };
      const target = l.name === 'trampoline';
      rows.push({
        name: `in-app received → painted via ${l.name} (p95 of ${values.length})`,
        value: `${ms(p95)} (median ${ms(median(values))})`,
        target: target ? '≤ 16 ms (one frame)' : 'reference',
        pass: target ? p95 <= 16 : null,
      });
    }
    // Beside the budget: when the frame with the whole card (its wrap-up form's Save button
    // included) was presented on screen, from the browser's Element Timing. Headless Chromium
    // composites in software, so presenting comes a few ms after the paint the budget ends at.
    const presented = traces
      .filter((t) => marks.get(t.callId!)!.launcher === 'trampoline')
      .map((t) => marks.get(t.callId!)!.complete - t.marks.received!)
      .filter((v) => v >= 0 && Number.isFinite(v));
    inApp['trampoline, whole card presented'] = {
      median: median(presented),
      p95: quantile(presented, 0.95),
      calls: presented.length,
    };
    rows.push({
      name: `in-app received → whole card presented (Element Timing) via trampoline (p95 of ${presented.length})`,
      value: `${ms(quantile(presented, 0.95))} (median ${ms(median(presented))})`,
      target: 'reference',
      pass: null,
    });
    report.stages = { breakdown, inApp, reportedByCard: reported, traces: traces.length };
    rows.push({
      name: `  paints reported back by the card`,
      value: `${reported} of ${traces.length}`,
      target: '',
      pass: null,
    });
  } catch (err) {
    rows.push({
      name: 'stage breakdown / in-app received → painted',
      value: `not measured: ${(err as Error).message.split('\n')[0]}`,
      target: '≤ 16 ms',
      pass: false,
    });
  }
}

/** 6: the tracker reducer over many interleaved calls. */
function benchTracker(): void {
  const calls = 50_000;
  const events: TrackerEvent[] = [];
  const t = Date.UTC(2026, 0, 1);
  for (let c = 0; c < calls; c++) {
    const callId = `C${c}`;
    const inbound = c % 3 !== 0;
    events.push({
      type: 'S',
      callId,
      direction: inbound ? 'inbound' : 'outbound',
      number: inbound ? `+3161234${c}` : undefined,
      at: t + c,
    });
    if (c % 4 !== 1)
      events.push({
        type: 'C',
        callId,
        direction: inbound ? 'inbound' : 'outbound',
        at: t + c + 5000,
      });
    events.push({
      type: 'E',
      callId,
      direction: inbound ? 'inbound' : 'outbound',
      at: t + c + 60_000,
    });
  }
  // Interleave deterministically: events of neighbouring calls mix, some arrive out of order.
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.max(0, i - ((i * 7919) % 13));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  const rates: number[] = [];
  for (let round = 0; round < 5; round++) {
    const state = new Map<string, CallRecord>();
    const t0 = performance.now();
    for (const ev of events) {
      const key = ev.callId.toLowerCase();
      state.set(key, reduceCall(state.get(key), ev));
    }
    const secs = (performance.now() - t0) / 1000;
    if (state.size !== calls) throw new Error('tracker lost calls');
    rates.push(events.length / secs);
  }
  const rate = median(rates);
  report.tracker = { eventsPerSecond: rate, events: events.length, rounds: rates.length };
  rows.push({
    name: `call tracker reduceCall (median of ${rates.length} × ${events.length} events)`,
    value: `${Math.round(rate).toLocaleString('en-US')} events/s`,
    target: '≥ 200,000 events/s',
    pass: rate >= 200_000,
  });
}

function print(): void {
  console.log('');
  console.log(`CallPop benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  printRows(rows);
  console.log('');
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(NOTIFY)) {
    console.error(`${CLI} or ${NOTIFY} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const dataDir = benchDataDir('callpop-bench-', { agent: { defaultCountry: 'NL' } });
  const env = benchEnv(dataDir);
  let server: ChildProcess | null = null;
  try {
    const started = await startServe(dataDir, env);
    server = started.child;
    const { bare } = benchStarts(env);
    let browser: Browser | null = null;
    try {
      browser = await launchChromium();
      const page = await openMainWindow(browser, started.url);
      // The spawn-to-exit runs above left their calls' cards open: start from an empty stack.
      await hideAllCards(page, started.url);
      const marks: PageMarks = new Map();
      let offset = 7000;
      for (const launcher of LAUNCHERS) {
        await benchVisible(page, launcher, env, bare, marks, offset);
        offset += 1000;
      }
      await benchStages(page, started.url, marks);
    } catch (err) {
      rows.push({
        name: 'spawn → card painted in Chromium',
        value: `not measured: ${(err as Error).message.split('\n')[0]}`,
        target: '',
        pass: false,
      });
    } finally {
      await browser?.close();
    }
  } finally {
    if (server) await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
  benchTracker();
  print();
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'test-results', 'bench.json'),
    JSON.stringify({ rows, report }, null, 2),
  );

  // BENCH_ONLY=latency: the figures above only (while working on the pop path).
  if (process.env.BENCH_ONLY === 'latency') return;

  const contacts = join(ROOT, 'scripts', 'bench-contacts.ts');
  if (existsSync(contacts)) {
    console.log('Contacts benchmark (scripts/bench-contacts.ts):');
    const r = spawnSync('npx', ['tsx', contacts], {
      cwd: ROOT,
      stdio: 'inherit',
      timeout: 20 * 60_000,
    });
    if (r.status !== 0) console.log(`scripts/bench-contacts.ts exited ${r.status}`);
  }

  const outbox = join(ROOT, 'scripts', 'bench-outbox.ts');
  if (existsSync(outbox) && process.env.BENCH_SKIP_OUTBOX !== '1') {
    console.log('Outbox benchmark (scripts/bench-outbox.ts):');
    const r = spawnSync('npx', ['tsx', outbox], {
      cwd: ROOT,
      stdio: 'inherit',
      timeout: 10 * 60_000,
    });
    if (r.status !== 0) console.log(`scripts/bench-outbox.ts exited ${r.status}`);
  }

  console.log('PBX event sources (scripts/bench-sources.ts):');
  const src = spawnSync('npx', ['tsx', join(ROOT, 'scripts', 'bench-sources.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
  if (src.status !== 0) console.log(`scripts/bench-sources.ts exited ${src.status}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
