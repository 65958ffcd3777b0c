// `callpop export`: one record per call, read straight from the database (read-only, so it
// works while CallPop runs). Secrets never live in these tables, so nothing to redact here.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, DB_FILE, type Db } from './db';

export interface ExportRecord {
  id: string;
  direction: string;
  number: string | null;
  state: string;
  outcome: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  wrapUpStatus: string | null;
  wrapUpComments: string | null;
  deliveries: Array<{ kind: string; revision: number; status: string }>;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function outboxColumns(db: Db): boolean {
  const row = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'outbox'")
    .get();
  return row !== undefined;
}

export function readJournal(db: Db): ExportRecord[] {
  const rows = db
    .prepare(
      `SELECT c.*, w.status AS w_status, w.comments AS w_comments
         FROM calls c
         LEFT JOIN wrapups w ON w.call_key = c.key
          AND w.revision = (SELECT MAX(revision) FROM wrapups WHERE call_key = c.key)
        ORDER BY c.started_at, c.key`,
    )
    .all() as Array<Record<string, unknown>>;
  const hasOutbox = outboxColumns(db);
  const deliveriesStmt = hasOutbox
    ? db.prepare('SELECT kind, revision, status FROM outbox WHERE call_key = ? ORDER BY id')
    : null;
  return rows.map((r) => ({
    id: r.id as string,
    direction: r.direction as string,
    number: (r.number as string | null) ?? null,
    state: r.state as string,
    outcome: (r.outcome as string | null) ?? null,
    startedAt: iso(r.started_at as number) as string,
    answeredAt: iso((r.answered_at as number | null) ?? null),
    endedAt: iso((r.ended_at as number | null) ?? null),
    wrapUpStatus: (r.w_status as string | null) ?? null,
    wrapUpComments: (r.w_comments as string | null) ?? null,
    deliveries: deliveriesStmt
      ? (deliveriesStmt.all(r.key) as Array<{ kind: string; revision: number; status: string }>)
      : [],
  }));
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote always when needed; a leading = + - @ is defused so spreadsheets don't run it.
  const safe = /^[=+\-@]/.test(s) && !/^\+\d+$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = [
  'id',
  'direction',
  'number',
  'state',
  'outcome',
  'startedAt',
  'answeredAt',
  'endedAt',
  'wrapUpStatus',
  'wrapUpComments',
  'deliveries',
] as const;

export function formatJournal(records: ExportRecord[], format: 'json' | 'csv'): string {
  if (format === 'json') return JSON.stringify(records, null, 2) + '\n';
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const deliveries = r.deliveries.map((d) => `${d.kind}#${d.revision}:${d.status}`).join(' ');
    lines.push(CSV_COLUMNS.map((c) => csvCell(c === 'deliveries' ? deliveries : r[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function exportJournal(dataDir: string, format: 'json' | 'csv'): string {
  if (!existsSync(join(dataDir, DB_FILE))) return formatJournal([], format);
  // Not read-only: opening runs pending migrations, so an old database exports too.
  const db = openDatabase(dataDir);
  try {
    return formatJournal(readJournal(db), format);
  } finally {
    db.close();
  }
}
