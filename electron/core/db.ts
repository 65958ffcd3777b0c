// The one SQLite database in the data directory: journal, wrap-ups, outbox. WAL so readers
// (export) never block the writer; synchronous=NORMAL is durable across process crashes,
// which is the failure CallPop must survive (a killed process, not a power cut).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export const DB_FILE = 'callpop.sqlite';

export function openDatabase(
  dataDir: string,
  options: { readonly?: boolean; migrations?: Migration[] } = {},
): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE), {
    readonly: options.readonly ?? false,
    timeout: 5000,
  });
  if (options.readonly) return db;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, options.migrations ?? defaultMigrations);
  return db;
}

export function migrate(db: Db, list: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = [...list]
    .sort((a, b) => a.version - b.version)
    .filter((m) => m.version > current);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
