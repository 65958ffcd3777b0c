// The outbox store and runner on a real SQLite file with a scripted transport: chain order,
// head promotion, the in-memory counts against the database, and restart repair.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, type Db } from '../../../electron/core/db';
import { createOutboxStore, type OutboxRow } from '../../../electron/core/outbox-store';
import { createOutbox, type Transport } from '../../../electron/core/outbox';
import type { SendOutcome } from '../../../electron/core/clients/http';
import type { DeliveryKind } from '../../../shared/ipc';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { FakeClock, MemoryLogger } from '../../fixtures/crm-harness';

const dirs: string[] = [];
const dbs: Db[] = [];
function freshDb(): { db: Db; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'callpop-outbox-'));
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return { db, dir };
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const KINDS: DeliveryKind[] = ['egards-connect', 'egards-disconnect', 'dbn-writeback'];

function dbCounts(db: Db) {
  const c: Record<string, number> = {};
  for (const r of db
    .prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status')
    .all() as Array<{
    status: string;
    n: number;
  }>)
    c[r.status] = r.n;
  return {
    pending: c.pending ?? 0,
    failed: c.failed ?? 0,
    waitingSettings: c['waiting-settings'] ?? 0,
  };
}

describe('outbox store', () => {
  it('only a chain head is due; the next one is promoted when it is delivered', () => {
    const { db } = freshDb();
    const store = createOutboxStore(db);
    const item = (kind: DeliveryKind, callKey = 'a') =>
      store.enqueue(
        { callKey, callId: callKey, kind, revision: 1, payload: {}, status: 'pending' },
        100,
      ).row;
    const connect = item('egards-connect');
    const disconnect = item('egards-disconnect');
    const writeBack = item('dbn-writeback');
    expect([
      connect.next_attempt_at,
      disconnect.next_attempt_at,
      writeBack.next_attempt_at,
    ]).toEqual([100, null, 100]);
    expect(store.due(200, 10, []).map((r) => r.kind)).toEqual(['egards-connect', 'dbn-writeback']);
    store.markDelivered(connect.id, 300);
    expect(store.get(disconnect.id)?.next_attempt_at).toBe(300);
    expect(store.due(300, 10, []).map((r) => r.kind)).toEqual([
      'dbn-writeback',
      'egards-disconnect',
    ]);
    // The same key twice is one item.
    expect(
      store.enqueue(
        {
          callKey: 'a',
          callId: 'a',
          kind: 'egards-connect',
          revision: 1,
          payload: {},
          status: 'pending',
        },
        400,
      ).inserted,
    ).toBe(false);
  });

  it('a failed head holds its chain until it is retried or discarded', () => {
    const { db } = freshDb();
    const store = createOutboxStore(db);
    const a = store.enqueue(
      {
        callKey: 'c',
        callId: 'c',
        kind: 'dbn-writeback',
        revision: 1,
        payload: {},
        status: 'pending',
      },
      0,
    ).row;
    const b = store.enqueue(
      {
        callKey: 'c',
        callId: 'c',
        kind: 'dbn-writeback',
        revision: 2,
        payload: {},
        status: 'pending',
      },
      0,
    ).row;
    store.markFailed(a.id, 10, 'no');
    expect(store.due(1000, 10, [])).toEqual([]);
    store.retry(a.id, 20);
    expect(store.due(1000, 10, []).map((r) => r.revision)).toEqual([1]);
    store.markFailed(a.id, 30, 'no');
    expect(store.discard(a.id, 40)).toBe(true);
    expect(store.due(1000, 10, []).map((r) => r.id)).toEqual([b.id]);
    expect(store.discards()).toHaveLength(1);
  });

  it('repair gives a due time to unblocked heads left without one', () => {
    const { db } = freshDb();
    const store = createOutboxStore(db);
    const a = store.enqueue(
      {
        callKey: 'r',
        callId: 'r',
        kind: 'egards-connect',
        revision: 1,
        payload: {},
        status: 'pending',
      },
      0,
    ).row;
    const b = store.enqueue(
      {
        callKey: 'r',
        callId: 'r',
        kind: 'egards-disconnect',
        revision: 1,
        payload: {},
        status: 'pending',
      },
      0,
    ).row;
    // As if the process died between delivering a and promoting b (not possible in one
    // transaction, but an older build or a manual edit could leave it so).
    db.prepare("UPDATE outbox SET status = 'delivered' WHERE id = ?").run(a.id);
    expect(store.due(10, 10, [])).toEqual([]);
    expect(store.repair(50)).toBe(1);
    expect(store.due(60, 10, []).map((r) => r.id)).toEqual([b.id]);
  });

  it('the in-memory counts always equal the database (property)', () => {
    const op = fc.oneof(
      fc.record({
        t: fc.constant('enqueue' as const),
        call: fc.integer({ min: 0, max: 4 }),
        kind: fc.constantFrom(...KINDS),
        rev: fc.integer({ min: 1, max: 3 }),
        waiting: fc.boolean(),
      }),
      fc.record({
        t: fc.constantFrom(
          'delivered' as const,
          'failed' as const,
          'waiting' as const,
          'release' as const,
          'retry' as const,
          'discard' as const,
        ),
        pick: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { db } = freshDb();
        const store = createOutboxStore(db);
        let now = 0;
        for (const o of ops) {
          now += 10;
          if (o.t === 'enqueue') {
            store.enqueue(
              {
                callKey: `k${o.call}`,
                callId: `k${o.call}`,
                kind: o.kind,
                revision: o.rev,
                payload: {},
                status: o.waiting ? 'waiting-settings' : 'pending',
              },
              now,
            );
            continue;
          }
          const rows = db.prepare('SELECT id FROM outbox ORDER BY id').all() as Array<{
            id: number;
          }>;
          if (!rows.length) continue;
          const id = rows[o.pick % rows.length]!.id;
          if (o.t === 'delivered') store.markDelivered(id, now);
          if (o.t === 'failed') store.markFailed(id, now, 'x');
          if (o.t === 'waiting') store.markWaiting(id, now, 'x');
          if (o.t === 'release') store.release(id, now);
          if (o.t === 'retry') store.retry(id, now);
          if (o.t === 'discard') store.discard(id, now);
        }
        const { failedItems: _f, ...mine } = store.summary();
        expect(mine).toEqual(dbCounts(db));
        // A fresh store (a restart) counts the same.
        const { failedItems: _g, ...again } = createOutboxStore(db).summary();
        expect(again).toEqual(mine);
        db.close();
      }),
      { numRuns: 60 },
    );
  });
});

describe('outbox runner', () => {
  function scripted(
    outcomes: SendOutcome[],
    log: string[],
    problem: () => string | null = () => null,
  ): Transport {
    return {
      problem: () => problem(),
      async send(row: OutboxRow) {
        log.push(`${row.kind}#${row.revision}`);
        return outcomes.shift() ?? { kind: 'delivered' };
      },
      redact: (t) => t.replace(/secret/g, '***'),
    };
  }

  it('sends in chain order, backs off, honours Retry-After and resumes by timer', async () => {
    const { db } = freshDb();
    const store = createOutboxStore(db);
    const clock = new FakeClock(0);
    const log: string[] = [];
    const t = scripted(
      [
        { kind: 'retry', error: 'down secret' },
        { kind: 'retry', error: 'busy', retryAfterMs: 7000 },
      ],
      log,
    );
    const summaries: number[] = [];
    const outbox = createOutbox({
      store,
      clock,
      logger: new MemoryLogger(),
      settings: () => DEFAULT_SETTINGS,
      transports: { 'egards-connect': t, 'egards-disconnect': t, 'dbn-writeback': t },
      random: () => 0,
      concurrency: 1,
      onSummaryChanged: (s) => summaries.push(s.pending),
    });
    store.enqueue(
      {
        callKey: 'x',
        callId: 'x',
        kind: 'egards-connect',
        revision: 1,
        payload: {},
        status: 'pending',
      },
      0,
    );
    store.enqueue(
      {
        callKey: 'x',
        callId: 'x',
        kind: 'egards-disconnect',
        revision: 1,
        payload: {},
        status: 'pending',
      },
      0,
    );
    outbox.start();
    await outbox.drain();
    const row = store.get(1);
    expect(row).toMatchObject({
      attempts: 1,
      failures: 1,
      next_attempt_at: 1000,
      last_error: 'down ***',
    });
    clock.advance(1000); // the timer fires by itself
    await outbox.drain();
    expect(store.get(1)).toMatchObject({ attempts: 2, next_attempt_at: 8000, last_error: 'busy' });
    clock.advance(6999);
    await outbox.drain();
    expect(log).toEqual(['egards-connect#1', 'egards-connect#1']);
    clock.advance(1);
    await outbox.drain();
    expect(log).toEqual([
      'egards-connect#1',
      'egards-connect#1',
      'egards-connect#1',
      'egards-disconnect#1',
    ]);
    expect(outbox.summary().pending).toBe(0);
    expect(summaries.at(-1)).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('waits for settings without sending, and goes out once they are complete', async () => {
    const { db } = freshDb();
    const store = createOutboxStore(db);
    const clock = new FakeClock(0);
    const log: string[] = [];
    let problem: string | null = 'Set your agent e-mail and extension in Settings';
    const waits: string[] = [];
    const t = scripted([], log, () => problem);
    const outbox = createOutbox({
      store,
      clock,
      logger: new MemoryLogger(),
      settings: () => DEFAULT_SETTINGS,
      transports: { 'egards-connect': t, 'egards-disconnect': t, 'dbn-writeback': t },
      onWaiting: (r) => waits.push(r),
    });
    store.enqueue(
      {
        callKey: 'w',
        callId: 'w',
        kind: 'dbn-writeback',
        revision: 1,
        payload: {},
        status: 'pending',
      },
      0,
    );
    outbox.start();
    await outbox.drain();
    expect(log).toEqual([]);
    expect(store.get(1)).toMatchObject({
      status: 'waiting-settings',
      attempts: 0,
      last_error: problem,
    });
    expect(waits).toEqual([problem]);
    outbox.settingsChanged(DEFAULT_SETTINGS);
    await outbox.drain();
    expect(log).toEqual([]);
    problem = null;
    outbox.settingsChanged(DEFAULT_SETTINGS);
    await outbox.drain();
    expect(log).toEqual(['dbn-writeback#1']);
    expect(store.get(1)?.status).toBe('delivered');
  });

  it('never runs two items of one chain at once, but runs chains in parallel', async () => {
    const { db } = freshDb();
    const store = createOutboxStore(db);
    const clock = new FakeClock(0);
    let running = 0;
    let peak = 0;
    const perChain = new Map<string, number>();
    const sent: string[] = [];
    const t: Transport = {
      problem: () => null,
      async send(row) {
        running++;
        peak = Math.max(peak, running);
        const k = `${row.call_key}/${row.chain}`;
        sent.push(`${k} ${row.kind}`);
        perChain.set(k, (perChain.get(k) ?? 0) + 1);
        expect(perChain.get(k)).toBe(1);
        await new Promise((r) => setTimeout(r, 2));
        perChain.set(k, (perChain.get(k) ?? 0) - 1);
        running--;
        return { kind: 'delivered' };
      },
      redact: (x) => x,
    };
    const outbox = createOutbox({
      store,
      clock,
      logger: new MemoryLogger(),
      settings: () => DEFAULT_SETTINGS,
      transports: { 'egards-connect': t, 'egards-disconnect': t, 'dbn-writeback': t },
      concurrency: 4,
    });
    for (let c = 0; c < 10; c++)
      for (const kind of KINDS)
        store.enqueue(
          { callKey: `c${c}`, callId: `c${c}`, kind, revision: 1, payload: {}, status: 'pending' },
          0,
        );
    outbox.start();
    await outbox.drain();
    expect(peak).toBe(4);
    expect(dbCounts(db)).toEqual({ pending: 0, failed: 0, waitingSettings: 0 });
    for (let c = 0; c < 10; c++) {
      const kinds = sent.filter((r) => r.startsWith(`c${c}/egards`)).map((r) => r.split(' ')[1]);
      expect(kinds).toEqual(['egards-connect', 'egards-disconnect']);
    }
  });

  it('an item of a kind this version cannot send goes to the failed list, not a crash', async () => {
    const { db } = freshDb();
    const store = createOutboxStore(db);
    db.prepare(
      `INSERT INTO outbox (call_key, call_id, kind, chain, revision, idempotency_key, payload, status,
         next_attempt_at, created_at, updated_at) VALUES ('f', 'f', 'fax', 'fax', 1, 'f:fax:1', '{}', 'pending', 0, 0, 0)`,
    ).run();
    const t = scripted([], []);
    const outbox = createOutbox({
      store: createOutboxStore(db),
      clock: new FakeClock(0),
      logger: new MemoryLogger(),
      settings: () => DEFAULT_SETTINGS,
      transports: { 'egards-connect': t, 'egards-disconnect': t, 'dbn-writeback': t },
    });
    outbox.start();
    await outbox.drain();
    expect(store.get(1)).toMatchObject({
      status: 'failed',
      last_error: 'this version of CallPop cannot send "fax"',
    });
  });
});
