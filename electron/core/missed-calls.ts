// Missed calls the agent has not looked at yet: the count the tray, the window title and the
// browser tab show. "Looked" is a time kept in the database (app_state), so every window, the
// tray and a restarted CallPop agree on one number; a call counts when it ended missed after
// that time (one that rang while the agent was looking, and was missed, still counts).
import type { Db } from './db';
import type { MissedCalls, PushArgs } from '../../shared/ipc';

const SEEN_KEY = 'missed.seenAt';

export interface MissedCallsService {
  get(): MissedCalls;
  /** The agent has looked: everything missed so far is seen. */
  markSeen(): MissedCalls;
  /** A call changed: pushes `missed.changed` when the count is not what was last pushed. */
  refresh(): void;
}

export function createMissedCalls(deps: {
  db: Db;
  now: () => number;
  push(...args: PushArgs): void;
}): MissedCallsService {
  const readSeen = deps.db.prepare('SELECT value FROM app_state WHERE key = ?');
  const writeSeen = deps.db.prepare(
    'INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const countStmt = deps.db.prepare(
    "SELECT COUNT(*) AS n FROM calls WHERE outcome = 'missed' AND COALESCE(ended_at, started_at) > ?",
  );

  function seenAt(): number {
    const row = readSeen.get(SEEN_KEY) as { value: string } | undefined;
    const v = Number(row?.value ?? 0);
    return Number.isFinite(v) ? v : 0;
  }
  function get(): MissedCalls {
    const at = seenAt();
    return { count: (countStmt.get(at) as { n: number }).n, seenAt: at };
  }
  let last = get();

  function announce(next: MissedCalls): MissedCalls {
    if (next.count !== last.count || next.seenAt !== last.seenAt) {
      last = next;
      deps.push('missed.changed', next);
    }
    return next;
  }

  return {
    get,
    markSeen() {
      // Never backwards (a renderer with a clock behind main's cannot un-see calls).
      const at = Math.max(deps.now(), seenAt());
      writeSeen.run(SEEN_KEY, String(at));
      return announce(get());
    },
    refresh() {
      const next = get();
      if (next.count !== last.count) announce(next);
    },
  };
}
