// The call journal: one row per call (the tracker's record), every wrap-up revision, and the
// raw notifications as they arrived, so a disputed record can be traced back to its argv.
import type { Db } from './db';
import type { CallRecord, CallState, CallOutcome } from '../../shared/call-tracker';
import type { WrapUp, WrapUpStatus } from '../../shared/ipc';
import type { Direction, NotificationType } from '../../shared/crm-args';
import { matchKeys } from '../../shared/phone';

export interface CallRow {
  key: string;
  id: string;
  direction: string;
  number: string | null;
  withheld: number;
  state: string;
  outcome: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  seen: string;
}

interface WrapUpRow {
  revision: number;
  status: string;
  comments: string;
  saved_at: number;
}

export function rowToRecord(row: CallRow): CallRecord {
  return {
    key: row.key,
    id: row.id,
    direction: row.direction as Direction | 'unknown',
    number: row.number,
    withheld: row.withheld === 1,
    state: row.state as CallState,
    outcome: row.outcome as CallOutcome | null,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    seen: JSON.parse(row.seen) as CallRecord['seen'],
  };
}

function rowToWrapUp(row: WrapUpRow): WrapUp {
  return {
    status: row.status as WrapUpStatus,
    comments: row.comments,
    savedAt: row.saved_at,
    revision: row.revision,
  };
}

export interface MatchOptions {
  defaultCountry: string;
  suffixDigits: number;
}

export interface Journal {
  /** Stores the event and the call's new record in one transaction. */
  record(
    event: { type: NotificationType; callKey: string; at: number; argv: readonly string[] },
    call: CallRecord,
  ): void;
  upsert(call: CallRecord): void;
  get(key: string): CallRecord | undefined;
  list(limit: number): CallRecord[];
  openCalls(): CallRecord[];
  /**
   * Earlier calls with the same number (E.164 first, then the last N digits), newest first:
   * only calls that started before `before` (a card never lists a later call as "earlier").
   */
  history(number: string, excludeKey: string, limit: number, before?: number): CallRecord[];
  saveWrapUp(key: string, status: WrapUpStatus, comments: string, at: number): WrapUp;
  latestWrapUp(key: string): WrapUp | null;
}

export function createJournal(db: Db, match: () => MatchOptions): Journal {
  const upsertStmt = db.prepare(`
    INSERT INTO calls (key, id, direction, number, withheld, state, outcome, started_at, answered_at,
                       ended_at, seen, match_e164, match_suffix, updated_at)
    VALUES (@key, @id, @direction, @number, @withheld, @state, @outcome, @started_at, @answered_at,
            @ended_at, @seen, @match_e164, @match_suffix, @updated_at)
    ON CONFLICT(key) DO UPDATE SET
      id = excluded.id, direction = excluded.direction, number = excluded.number,
      withheld = excluded.withheld, state = excluded.state, outcome = excluded.outcome,
      started_at = excluded.started_at, answered_at = excluded.answered_at,
      ended_at = excluded.ended_at, seen = excluded.seen, match_e164 = excluded.match_e164,
      match_suffix = excluded.match_suffix, updated_at = excluded.updated_at`);
  const eventStmt = db.prepare('INSERT INTO events (call_key, type, at, argv) VALUES (?, ?, ?, ?)');
  const getStmt = db.prepare('SELECT * FROM calls WHERE key = ?');
  const listStmt = db.prepare('SELECT * FROM calls ORDER BY started_at DESC, key LIMIT ?');
  const openStmt = db.prepare(
    "SELECT * FROM calls WHERE state != 'ended' OR outcome = 'end-unknown'",
  );
  const historyE164 = db.prepare(
    'SELECT * FROM calls WHERE match_e164 = ? AND key != ? AND started_at < ? ORDER BY started_at DESC LIMIT ?',
  );
  const historySuffix = db.prepare(
    'SELECT * FROM calls WHERE match_suffix = ? AND key != ? AND started_at < ? ORDER BY started_at DESC LIMIT ?',
  );
  const historySuffixUnparsed = db.prepare(
    'SELECT * FROM calls WHERE match_suffix = ? AND match_e164 IS NULL AND key != ? AND started_at < ? ORDER BY started_at DESC LIMIT ?',
  );
  const latestWrapStmt = db.prepare(
    'SELECT revision, status, comments, saved_at FROM wrapups WHERE call_key = ? ORDER BY revision DESC LIMIT 1',
  );
  const insertWrapStmt = db.prepare(
    'INSERT INTO wrapups (call_key, revision, status, comments, saved_at) VALUES (?, ?, ?, ?, ?)',
  );

  function upsert(call: CallRecord): void {
    const m = match();
    const keys = call.number ? matchKeys(call.number, m.defaultCountry, m.suffixDigits) : null;
    upsertStmt.run({
      key: call.key,
      id: call.id,
      direction: call.direction,
      number: call.number,
      withheld: call.withheld ? 1 : 0,
      state: call.state,
      outcome: call.outcome,
      started_at: call.startedAt,
      answered_at: call.answeredAt,
      ended_at: call.endedAt,
      seen: JSON.stringify(call.seen),
      match_e164: keys?.e164 ?? null,
      match_suffix: keys?.suffix ?? null,
      updated_at: Date.now(),
    });
  }

  const recordTx = db.transaction(
    (
      event: { type: NotificationType; callKey: string; at: number; argv: readonly string[] },
      call: CallRecord,
    ) => {
      eventStmt.run(event.callKey, event.type, event.at, JSON.stringify(event.argv));
      upsert(call);
    },
  );

  return {
    record: (event, call) => recordTx(event, call),
    upsert,
    get(key) {
      const row = getStmt.get(key) as CallRow | undefined;
      return row ? rowToRecord(row) : undefined;
    },
    list: (limit) => (listStmt.all(limit) as CallRow[]).map(rowToRecord),
    openCalls: () => (openStmt.all() as CallRow[]).map(rowToRecord),
    history(number, excludeKey, limit, before = Number.MAX_SAFE_INTEGER) {
      const m = match();
      const keys = matchKeys(number, m.defaultCountry, m.suffixDigits);
      const rows = keys.e164
        ? (historyE164.all(keys.e164, excludeKey, before, limit) as CallRow[])
        : (historySuffix.all(keys.suffix, excludeKey, before, limit) as CallRow[]);
      // Older rows saved in a format E.164 could not read are still found by their last digits.
      if (keys.e164 && rows.length < limit) {
        const seen = new Set(rows.map((r) => r.key));
        for (const r of historySuffixUnparsed.all(
          keys.suffix,
          excludeKey,
          before,
          limit,
        ) as CallRow[]) {
          if (!seen.has(r.key)) rows.push(r);
        }
        rows.sort((a, b) => b.started_at - a.started_at);
      }
      return rows.slice(0, limit).map(rowToRecord);
    },
    saveWrapUp(key, status, comments, at) {
      const prev = latestWrapStmt.get(key) as WrapUpRow | undefined;
      const revision = (prev?.revision ?? 0) + 1;
      insertWrapStmt.run(key, revision, status, comments, at);
      return { status, comments, savedAt: at, revision };
    },
    latestWrapUp(key) {
      const row = latestWrapStmt.get(key) as WrapUpRow | undefined;
      return row ? rowToWrapUp(row) : null;
    },
  };
}
