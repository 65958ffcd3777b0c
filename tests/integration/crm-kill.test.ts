// SIGKILL while items are in flight: a real child process sends to slow test servers, dies
// mid-flight, and is started again on the same data directory. Every record arrives; an item
// arrives at most twice, both times with the same idempotency key.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDbnServer, type DbnServer } from '../fixtures/dbn-server';
import { startEgardsServer, type EgardsServer } from '../fixtures/egards-server';
import { DBN_TOKEN, EGARDS_KEY } from '../fixtures/crm-harness';
import { openDatabase } from '../../electron/core/db';

const ROOT = resolve(__dirname, '../..');
const CHILD = join(ROOT, 'tests/fixtures/outbox-child.ts');
const CALLS = 20;

let dbn: DbnServer;
let egards: EgardsServer;
let dir: string;

beforeAll(async () => {
  dbn = await startDbnServer(DBN_TOKEN);
  egards = await startEgardsServer(EGARDS_KEY);
  dir = mkdtempSync(join(tmpdir(), 'callpop-kill-'));
});
afterAll(async () => {
  await dbn.close();
  await egards.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(mode: 'enqueue' | 'resume'): {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dir,
      DBN_URL: dbn.url,
      EGARDS_URL: egards.url,
      MODE: mode,
      CALLS: String(CALLS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exit };
}

const writeBacks = () => dbn.requests.filter((r) => 'status' in r.query);

describe('CRM outbox: SIGKILL mid-flight', () => {
  it('loses nothing and duplicates at most once per item, with the same key', async () => {
    egards.delayMs = 150;
    dbn.delayMs = 150;
    const first = run('enqueue');
    const sent = () => egards.requests.length + writeBacks().length;
    await egards.waitFor(() => first.output().includes('queued') && sent() >= 12, 30_000);
    expect(sent()).toBeLessThan(CALLS * 3); // really mid-flight
    first.child.kill('SIGKILL');
    await first.exit;
    const before = sent();

    egards.delayMs = 0;
    dbn.delayMs = 0;
    const second = run('resume');
    const code = await second.exit;
    expect(second.output()).toContain('drained {"pending":0,"failed":0}');
    expect(code).toBe(0);
    expect(sent()).toBeGreaterThan(before);

    // Every item accepted at least once; none more than twice; all copies share their key.
    const keys = new Map<string, number>();
    for (const r of [...egards.requests, ...writeBacks()]) {
      const key = String(r.headers['idempotency-key']);
      keys.set(key, (keys.get(key) ?? 0) + 1);
    }
    expect(keys.size).toBe(CALLS * 3);
    expect(Math.max(...keys.values())).toBeLessThanOrEqual(2);
    const accepted = new Set(
      [...egards.accepted, ...dbn.accepted.filter((r) => 'status' in r.query)].map((r) =>
        String(r.headers['idempotency-key']),
      ),
    );
    for (let i = 0; i < CALLS; i++) {
      for (const kind of ['egards-connect', 'egards-disconnect', 'dbn-writeback']) {
        expect(accepted.has(`kill-${i}:${kind}:1`)).toBe(true);
      }
      // Connect always went out before disconnect.
      const order = egards.requests.map((r) => String(r.headers['idempotency-key']));
      expect(order.indexOf(`kill-${i}:egards-connect:1`)).toBeLessThan(
        order.indexOf(`kill-${i}:egards-disconnect:1`),
      );
    }
    // Duplicates carry identical bodies, not just the same key.
    const bodies = new Map<string, Set<string>>();
    for (const r of egards.requests) {
      const key = String(r.headers['idempotency-key']);
      bodies.set(key, (bodies.get(key) ?? new Set()).add(r.body));
    }
    expect([...bodies.values()].every((s) => s.size === 1)).toBe(true);

    const db = openDatabase(dir);
    const states = db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all();
    db.close();
    expect(states).toEqual([{ status: 'delivered', n: CALLS * 3 }]);
  });
});
