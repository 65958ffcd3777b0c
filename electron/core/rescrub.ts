// Error texts an older CallPop stored may hold the start of a secret: it shortened answers
// before it scrubbed them. At every start the stored texts are scrubbed again with the secrets
// in force (a stored text that ends in 8+ characters of one loses them), so the failed list,
// the CRM badge and diagnostics never show what was leaked before. (Free pages of the database
// file may keep old bytes until SQLite reuses them; the file is the user's alone, 0600.)
import type { Db } from './db';
import { scrub } from '../../shared/scrub';

const COLUMNS: Array<{ table: string; key: string; column: string }> = [
  { table: 'outbox', key: 'id', column: 'last_error' },
  { table: 'outbox_discards', key: 'rowid', column: 'last_error' },
  { table: 'crm_lookups', key: 'call_key', column: 'message' },
];

/** Scrubs the stored error texts again; returns how many it changed. */
export function rescrubStoredErrors(db: Db, secrets: readonly string[]): number {
  if (!secrets.some((s) => s.length > 0)) return 0;
  let changed = 0;
  db.transaction(() => {
    for (const { table, key, column } of COLUMNS) {
      const exists = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(table);
      if (!exists) continue;
      const rows = db
        .prepare(
          `SELECT ${key} AS k, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND ${column} != ''`,
        )
        .all() as Array<{ k: unknown; v: string }>;
      const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
      for (const r of rows) {
        const clean = scrub(r.v, secrets);
        if (clean !== r.v) {
          update.run(clean, r.k);
          changed++;
        }
      }
    }
  })();
  return changed;
}
