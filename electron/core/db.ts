// The one SQLite database in the data directory: journal, wrap-ups, outbox. WAL so readers
// (export) never block the writer; synchronous=NORMAL is durable across process crashes,
// which is the failure CallPop must survive (a killed process, not a power cut).
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import {
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  refuseSpecialFile,
  tightenMode,
} from './private-files';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export const DB_FILE = 'callpop.sqlite';

export function openDatabase(
  dataDir: string,
  options: { readonly?: boolean; migrations?: Migration[] } = {},
): Db {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = join(dataDir, DB_FILE);
  refuseSpecialFile(file, 'the call database');
  if (!options.readonly) {
    // SQLite creates the database 0644 and gives its -wal and -shm files the database's mode:
    // creating it 0600 first makes all three private.
    closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) tightenMode(f, PRIVATE_FILE_MODE);
  }
  const db = new Database(file, {
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
  for (const m of pending) applyMigration(db, m);
}

/**
 * Runs one migration unless the database is already past it. Two processes may open a new data
 * directory at the same moment (the app starting while `callpop export` runs): both read the
 * old version, and the second would run the same CREATE TABLE again. The write lock is taken
 * first (IMMEDIATE) and the version read again under it, so the second one waits, then skips.
 */
export function applyMigration(db: Db, m: Migration): void {
  db.transaction(() => {
    const now = db.pragma('user_version', { simple: true }) as number;
    if (now >= m.version) return;
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }).immediate();
}
