// The outbox's SQLite half (migration 2): one row per request to an outside system, written
// before it is sent and marked delivered only after the server accepted it. Every write is
// its own transaction, so a killed process loses nothing that was queued.
//
// Ordering: items of one call and one system (a "chain": dbn or egards) go out one after the
// other in id order. An item waits while an earlier item of its chain is pending, waiting for
// settings or failed; delivered and discarded items do not hold anything up. Only a chain's
// head carries a next_attempt_at; the items behind it get one when it is delivered or
// discarded (same transaction), so finding due work never scans blocked items.
import type { Db } from './db';
import type { Delivery, DeliveryKind, DeliveryStatus, OutboxSummary } from '../../shared/ipc';

export type Chain = 'dbn' | 'egards';

export const CHAIN_OF: Record<DeliveryKind, Chain> = {
  'dbn-writeback': 'dbn',
  'egards-connect': 'egards',
  'egards-disconnect': 'egards',
};

export interface OutboxRow {
  id: number;
  call_key: string;
  call_id: string;
  kind: DeliveryKind;
  chain: Chain;
  revision: number;
  idempotency_key: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  failures: number;
  next_attempt_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

export interface NewItem {
  callKey: string;
  callId: string;
  kind: DeliveryKind;
  revision: number;
  payload: unknown;
  status: 'pending' | 'waiting-settings';
  lastError?: string | null;
}

/** call id + kind + revision: the same for every attempt of one item, across restarts. */
export function idempotencyKey(callKey: string, kind: DeliveryKind, revision: number): string {
  return `${callKey}:${kind}:${revision}`;
}

export function toDelivery(r: OutboxRow): Delivery {
  return {
    id: r.id,
    callId: r.call_id,
    kind: r.kind,
    revision: r.revision,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    updatedAt: r.updated_at,
  };
}

export const FAILED_ITEMS_LIMIT = 200;

// An item is a chain head when nothing earlier in its chain is still outstanding.
const HEAD = `NOT EXISTS (
  SELECT 1 FROM outbox p
   WHERE p.call_key = o.call_key AND p.chain = o.chain AND p.id < o.id
     AND p.status IN ('pending', 'waiting-settings', 'failed'))`;

export function createOutboxStore(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO outbox
         (call_key, call_id, kind, chain, revision, idempotency_key, payload, status,
          next_attempt_at, last_error, created_at, updated_at)
       VALUES (@callKey, @callId, @kind, @chain, @revision, @key, @payload, @status,
               @next, @lastError, @now, @now)`,
    ),
    openInChain: db.prepare(
      `SELECT 1 FROM outbox WHERE call_key = ? AND chain = ?
          AND status IN ('pending', 'waiting-settings', 'failed') LIMIT 1`,
    ),
    promote: db.prepare(
      `UPDATE outbox SET next_attempt_at = @now
        WHERE id = (SELECT id FROM outbox WHERE call_key = @callKey AND chain = @chain
                      AND status IN ('pending', 'waiting-settings', 'failed') ORDER BY id LIMIT 1)
          AND status = 'pending' AND next_attempt_at IS NULL`,
    ),
    repairHeads: db.prepare(
      `UPDATE outbox AS o SET next_attempt_at = @now
        WHERE o.status = 'pending' AND o.next_attempt_at IS NULL AND ${HEAD}`,
    ),
    statusOf: db.prepare('SELECT status, call_key, chain FROM outbox WHERE id = ?'),
    byKey: db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?'),
    byId: db.prepare('SELECT * FROM outbox WHERE id = ?'),
    due: db.prepare(
      `SELECT o.* FROM outbox o
        WHERE o.status = 'pending' AND o.next_attempt_at <= @now
          AND o.id NOT IN (SELECT value FROM json_each(@busy))
          AND ${HEAD}
        ORDER BY o.next_attempt_at, o.id
        LIMIT @limit`,
    ),
    // The next time a pending item becomes due. Items already due are either in flight,
    // waiting for a slot, or behind an earlier item of their chain: each of those is picked
    // up when a send completes (or on retry/discard/settings), so only future times matter.
    nextDue: db.prepare(
      `SELECT MIN(next_attempt_at) AS at FROM outbox
        WHERE status = 'pending' AND next_attempt_at > @now`,
    ),
    attempt: db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, updated_at = @now WHERE id = @id',
    ),
    delivered: db.prepare(
      `UPDATE outbox SET status = 'delivered', next_attempt_at = NULL, last_error = NULL,
              delivered_at = @now, updated_at = @now WHERE id = @id AND status = 'pending'`,
    ),
    retryLater: db.prepare(
      `UPDATE outbox SET failures = failures + 1, next_attempt_at = @next, last_error = @error,
              updated_at = @now WHERE id = @id AND status = 'pending'`,
    ),
    setStatus: db.prepare(
      `UPDATE outbox SET status = @status, next_attempt_at = @next, last_error = @error,
              updated_at = @now WHERE id = @id`,
    ),
    manualRetry: db.prepare(
      `UPDATE outbox SET status = 'pending', failures = 0, next_attempt_at = @now, updated_at = @now
        WHERE id = @id AND status IN ('pending', 'waiting-settings', 'failed')`,
    ),
    journalDiscard: db.prepare(
      `INSERT INTO outbox_discards
         (outbox_id, call_key, kind, revision, idempotency_key, previous_status, last_error, discarded_at)
       SELECT id, call_key, kind, revision, idempotency_key, status, last_error, @now
         FROM outbox WHERE id = @id`,
    ),
    discard: db.prepare(
      `UPDATE outbox SET status = 'discarded', next_attempt_at = NULL, updated_at = @now
        WHERE id = @id AND status IN ('pending', 'waiting-settings', 'failed')`,
    ),
    waiting: db.prepare(`SELECT * FROM outbox WHERE status = 'waiting-settings' ORDER BY id`),
    forCall: db.prepare('SELECT * FROM outbox WHERE call_key = ? ORDER BY id'),
    counts: db.prepare(
      `SELECT status, COUNT(*) AS n FROM outbox
        WHERE status IN ('pending', 'waiting-settings', 'failed') GROUP BY status`,
    ),
    failed: db.prepare(
      `SELECT * FROM outbox WHERE status = 'failed' ORDER BY id LIMIT ${FAILED_ITEMS_LIMIT}`,
    ),
    // Test connection reads these once per click: a scan of the outbox is fine there.
    lastTried: db.prepare(
      `SELECT * FROM outbox WHERE chain = ? AND attempts > 0
        ORDER BY updated_at DESC, id DESC LIMIT 1`,
    ),
    lastDelivered: db.prepare('SELECT MAX(delivered_at) AS at FROM outbox WHERE chain = ?'),
    lookupGet: db.prepare('SELECT state, message FROM crm_lookups WHERE call_key = ?'),
    lookupSet: db.prepare(
      `INSERT INTO crm_lookups (call_key, state, message, updated_at) VALUES (@key, @state, @message, @now)
       ON CONFLICT(call_key) DO UPDATE SET state = @state, message = @message, updated_at = @now`,
    ),
    lookupsInterrupted: db.prepare(
      `UPDATE crm_lookups SET state = 'error', message = @message, updated_at = @now WHERE state = 'pending'`,
    ),
  };

  const busyJson = (busy: Iterable<number>) => JSON.stringify([...busy]);

  // Open counts kept in memory (one process owns the outbox): the summary is read after every
  // send, and counting thousands of queued rows each time would make draining quadratic.
  const counts: Record<string, number> = { pending: 0, 'waiting-settings': 0, failed: 0 };
  for (const r of s.counts.all() as Array<{ status: string; n: number }>) counts[r.status] = r.n;
  const moved = (from: string | undefined, to: string) => {
    if (from !== undefined && from in counts) counts[from] = (counts[from] ?? 0) - 1;
    if (to in counts) counts[to] = (counts[to] ?? 0) + 1;
  };
  type Where = { status: DeliveryStatus; call_key: string; chain: Chain };
  const where = (id: number) => s.statusOf.get(id) as Where | undefined;

  /** Runs one status change of item `id` in a transaction; keeps counts; promotes the next. */
  const transition = db.transaction(
    (id: number, to: DeliveryStatus, run: () => number, now: number, promote: boolean): boolean => {
      const before = where(id);
      if (!before) return false;
      if (run() !== 1) return false;
      const after = where(id);
      moved(before.status, after?.status ?? to);
      if (promote) s.promote.run({ now, callKey: before.call_key, chain: before.chain });
      return true;
    },
  );

  const enqueueTx = db.transaction((item: NewItem, now: number) => {
    const key = idempotencyKey(item.callKey, item.kind, item.revision);
    const chain = CHAIN_OF[item.kind];
    const blocked = s.openInChain.get(item.callKey, chain) !== undefined;
    const info = s.insert.run({
      callKey: item.callKey,
      callId: item.callId,
      kind: item.kind,
      chain,
      revision: item.revision,
      key,
      payload: JSON.stringify(item.payload),
      status: item.status,
      next: item.status === 'pending' && !blocked ? now : null,
      lastError: item.lastError ?? null,
      now,
    });
    if (info.changes === 1) moved(undefined, item.status);
    return { row: s.byKey.get(key) as OutboxRow, inserted: info.changes === 1 };
  });

  const discardTx = db.transaction((id: number, now: number): boolean => {
    const row = s.byId.get(id) as OutboxRow | undefined;
    if (!row || !['pending', 'waiting-settings', 'failed'].includes(row.status)) return false;
    s.journalDiscard.run({ id, now });
    return transition(id, 'discarded', () => s.discard.run({ id, now }).changes, now, true);
  });

  return {
    /** Durably queues an item; a second item with the same key is ignored. */
    enqueue(item: NewItem, now: number): { row: OutboxRow; inserted: boolean } {
      return enqueueTx(item, now);
    },
    /** Gives every unblocked pending item without a time one (after a crash mid-transition). */
    repair: (now: number): number => s.repairHeads.run({ now }).changes,
    byKey: (key: string) => s.byKey.get(key) as OutboxRow | undefined,
    get: (id: number) => s.byId.get(id) as OutboxRow | undefined,
    due(now: number, limit: number, busy: Iterable<number>): OutboxRow[] {
      return s.due.all({ now, limit, busy: busyJson(busy) }) as OutboxRow[];
    },
    /** The earliest pending next_attempt_at after now, or null. */
    nextDueAt(now: number): number | null {
      const r = s.nextDue.get({ now }) as { at: number | null };
      return r.at;
    },
    markAttempt: (id: number, now: number) => void s.attempt.run({ id, now }),
    markDelivered: (id: number, now: number) =>
      transition(id, 'delivered', () => s.delivered.run({ id, now }).changes, now, true),
    markRetry: (id: number, now: number, next: number, error: string) =>
      s.retryLater.run({ id, now, next, error }).changes === 1,
    markFailed: (id: number, now: number, error: string) =>
      transition(
        id,
        'failed',
        () => s.setStatus.run({ id, now, status: 'failed', next: null, error }).changes,
        now,
        false,
      ),
    markWaiting: (id: number, now: number, error: string) =>
      transition(
        id,
        'waiting-settings',
        () => s.setStatus.run({ id, now, status: 'waiting-settings', next: null, error }).changes,
        now,
        false,
      ),
    release: (id: number, now: number) =>
      transition(
        id,
        'pending',
        () => s.setStatus.run({ id, now, status: 'pending', next: now, error: null }).changes,
        now,
        false,
      ),
    retry: (id: number, now: number) =>
      transition(id, 'pending', () => s.manualRetry.run({ id, now }).changes, now, false),
    discard: (id: number, now: number) => discardTx(id, now),
    waiting: () => s.waiting.all() as OutboxRow[],
    forCall: (callKey: string) => s.forCall.all(callKey) as OutboxRow[],
    summary(): OutboxSummary {
      const failed = counts.failed ?? 0;
      return {
        pending: counts.pending ?? 0,
        failed,
        waitingSettings: counts['waiting-settings'] ?? 0,
        failedItems: failed ? (s.failed.all() as OutboxRow[]).map(toDelivery) : [],
      };
    },
    /** The chain's most recently tried item and when one last went through (Test connection). */
    lastDelivery(chain: Chain): { last: OutboxRow | null; deliveredAt: number | null } {
      const last = (s.lastTried.get(chain) as OutboxRow | undefined) ?? null;
      const { at } = s.lastDelivered.get(chain) as { at: number | null };
      return { last, deliveredAt: at };
    },
    lookup(callKey: string): { state: string; message: string | null } | undefined {
      return s.lookupGet.get(callKey) as { state: string; message: string | null } | undefined;
    },
    setLookup(callKey: string, state: string, message: string | null, now: number): void {
      s.lookupSet.run({ key: callKey, state, message, now });
    },
    interruptLookups(message: string, now: number): number {
      return s.lookupsInterrupted.run({ message, now }).changes;
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
