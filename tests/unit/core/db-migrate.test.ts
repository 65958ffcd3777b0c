// @vitest-environment node
// Two processes opening a new data directory at the same moment (the app starting while
// `callpop export` runs) both read the old schema version; the one that comes second must wait
// for the first and then find nothing left to do, not fail on "table calls already exists".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigration, DB_FILE, openDatabase } from '../../../electron/core/db';
import { migrations } from '../../../electron/core/migrations';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('schema migrations', () => {
  it('a second opener that read the old version skips what the first one already ran', () => {
    dir = mkdtempSync(join(tmpdir(), 'callpop-migrate-'));
    const first = openDatabase(dir);
    // The second connection decided what to run before the first one migrated.
    const second = new Database(join(dir, DB_FILE), { timeout: 5000 });
    expect(() => {
      for (const m of migrations) applyMigration(second, m);
    }).not.toThrow();
    const version = second.pragma('user_version', { simple: true });
    expect(version).toBe(Math.max(...migrations.map((m) => m.version)));
    first.prepare('SELECT count(*) AS n FROM calls').get();
    second.close();
    first.close();
  });
});
