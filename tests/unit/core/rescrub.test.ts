// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../electron/core/db';
import { rescrubStoredErrors } from '../../../electron/core/rescrub';

const TOKEN = 'd6bcfeee-8eea-65cd-f4d6-166585973ea2';
let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cp-rescrub-'));
  db = openDatabase(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stored error texts from an older CallPop', () => {
  it('lose the start of a secret they kept (the old shorten-then-scrub order)', () => {
    // What the old code stored: a lookup error cut at 120 characters in the middle of the token.
    const leaked = `the CRM answered with something that is not JSON: ${'x'.repeat(40)} ${TOKEN.slice(0, 14)}…`;
    db.prepare(
      'INSERT INTO crm_lookups (call_key, state, message, updated_at) VALUES (?, ?, ?, ?)',
    ).run('k1', 'error', leaked, 0);
    db.prepare(
      'INSERT INTO crm_lookups (call_key, state, message, updated_at) VALUES (?, ?, ?, ?)',
    ).run('k2', 'error', 'cannot reach the CRM', 0);
    expect(rescrubStoredErrors(db, [TOKEN])).toBe(1);
    const rows = db.prepare('SELECT message FROM crm_lookups ORDER BY call_key').all() as Array<{
      message: string;
    }>;
    expect(rows[0]!.message).toMatch(/ \*\*\*…$/);
    expect(rows[0]!.message).not.toContain(TOKEN.slice(0, 8));
    expect(rows[1]!.message).toBe('cannot reach the CRM');
  });
});
