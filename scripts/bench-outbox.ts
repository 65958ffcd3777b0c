// Outbox benchmark (npx tsx scripts/bench-outbox.ts): durable enqueue rate, drain rate to a
// local server, and 1,000 calls' deliveries queued while the servers are down, drained when
// they return (all delivered, in order per call, peak memory). Loopback only, bounded loops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../electron/core/core-types';
import { openDatabase } from '../electron/core/db';
import { createCrmEffects } from '../electron/core/crm-effects';
import {
  FakeClock,
  MemoryLogger,
  callSteps,
  crmSettings,
  wrapUp,
} from '../tests/fixtures/crm-harness';
import { startDbnServer } from '../tests/fixtures/dbn-server';
import { startEgardsServer } from '../tests/fixtures/egards-server';
import { DBN_TOKEN, EGARDS_KEY } from '../tests/fixtures/crm-harness';
import type { Clock } from '../electron/core/core-types';
import type { Settings } from '../shared/settings-schema';

const TARGET_ENQUEUE = 2000;
const TARGET_DRAIN = 300;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function setup(settings: Settings, clock: Clock) {
  const dir = mkdtempSync(join(tmpdir(), 'callpop-bench-'));
  const db = openDatabase(dir);
  const logger = new MemoryLogger();
  const crm = createCrmEffects({
    db,
    clock,
    logger,
    fetch: globalThis.fetch,
    settings: () => settings,
  });
  return {
    crm,
    db,
    done() {
      void crm.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Outbound calls: no caller lookup, so every request counted is an outbox delivery.
function playCall(
  crm: ReturnType<typeof createCrmEffects>,
  i: number,
  t: number,
  wrap = true,
): void {
  const number = `+3161${String(1_000_000 + i).padStart(7, '0')}`;
  const steps = callSteps(`bench-${i}`, [
    { type: 'C', direction: 'outbound', number, at: t + 5000 },
    { type: 'E', direction: 'outbound', number, at: t + 65_000 },
  ]);
  for (const { prev, next } of steps) crm.onCallChanged(prev, next);
  if (wrap) crm.onWrapUpSaved(steps[1]!.next, wrapUp('Completed', `call ${i}`, 1, t + 70_000));
}

async function enqueueRate(): Promise<boolean> {
  // Every item its own committed transaction, through the real effects path (not sending).
  const settings = crmSettings({ dbnUrl: 'http://127.0.0.1:9', egardsUrl: 'http://127.0.0.1:9' });
  const { crm, db, done } = setup(settings, systemClock);
  const calls = 5000;
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) playCall(crm, i, Date.now());
  const ms = performance.now() - t0;
  const items = (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  done();
  const rate = items / (ms / 1000);
  console.log(
    `enqueue: ${items} items (${calls} calls) in ${ms.toFixed(0)} ms = ${rate.toFixed(0)} items/s durable (target ≥ ${TARGET_ENQUEUE})`,
  );
  return rate >= TARGET_ENQUEUE;
}

async function drainRate(): Promise<boolean> {
  const dbn = await startDbnServer(DBN_TOKEN);
  const egards = await startEgardsServer(EGARDS_KEY);
  const settings = crmSettings({ dbnUrl: dbn.url, egardsUrl: egards.url });
  const { crm, done } = setup(settings, systemClock);
  const calls = 1000;
  for (let i = 0; i < calls; i++) playCall(crm, i, Date.now());
  const t0 = performance.now();
  crm.start();
  await crm.drain();
  const ms = performance.now() - t0;
  const requests = egards.requests.length + dbn.requests.length;
  const s = crm.summary();
  done();
  await dbn.close();
  await egards.close();
  const rate = requests / (ms / 1000);
  console.log(
    `drain: ${requests} requests in ${ms.toFixed(0)} ms = ${rate.toFixed(0)} req/s (target ≥ ${TARGET_DRAIN}); left pending ${s.pending}, failed ${s.failed}`,
  );
  return rate >= TARGET_DRAIN && s.pending === 0 && s.failed === 0;
}

async function outage(): Promise<boolean> {
  const dbn = await startDbnServer(DBN_TOKEN);
  const egards = await startEgardsServer(EGARDS_KEY);
  await dbn.stop();
  await egards.stop();
  const clock = new FakeClock(Date.now());
  const settings = crmSettings({ dbnUrl: dbn.url, egardsUrl: egards.url });
  const { crm, db, done } = setup(settings, clock);
  crm.start();
  const calls = 1000;
  for (let i = 0; i < calls; i++) playCall(crm, i, clock.now());
  await crm.drain(); // every chain head tries once and finds the servers down
  const queued = crm.summary().pending;
  await dbn.restart();
  await egards.restart();
  const t0 = performance.now();
  for (let round = 0; round < 100 && crm.summary().pending > 0; round++) {
    clock.advance(1000);
    await crm.drain();
  }
  const ms = performance.now() - t0;
  const s = crm.summary();
  const delivered = (
    db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'delivered'").get() as { n: number }
  ).n;
  // In order per call: each call's connect reached Egards before its disconnect.
  const order = new Map<string, string[]>();
  for (const e of egards.events()) {
    const list = order.get(String(e.body.callId)) ?? [];
    list.push(e.kind);
    order.set(String(e.body.callId), list);
  }
  const inOrder = [...order.values()].every((k) => k.join() === 'connect,disconnect');
  done();
  await dbn.close();
  await egards.close();
  console.log(
    `outage: ${queued} items queued for ${calls} calls while down; drained in ${ms.toFixed(0)} ms after return: ` +
      `${delivered} delivered, ${s.pending} pending, ${s.failed} failed, in order per call: ${inOrder ? 'yes' : 'NO'} (${order.size} calls)`,
  );
  return (
    delivered === calls * 3 && s.pending === 0 && s.failed === 0 && inOrder && order.size === calls
  );
}

async function main(): Promise<void> {
  const ok = [await enqueueRate(), await drainRate(), await outage()];
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(`peak memory (rss): ${mb(peakRss)}`);
  if (ok.includes(false)) {
    console.log('outbox bench: a target was missed');
    process.exitCode = 1;
  } else {
    console.log('outbox bench: all targets met');
  }
}

void main();
