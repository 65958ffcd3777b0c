// @vitest-environment node
// The history's filters run over the whole journal (a real SQLite file with 1,200 calls, far
// more than a window loads at once): paging by a cursor reaches every call once, missed /
// today / a number in any format / a contact's name select across all of them, and the CSV
// export holds the whole selection.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { openDatabase } from '../../../electron/core/db';
import { createJournal } from '../../../electron/core/journal';
import fc from 'fast-check';
import { MemoryLogger } from '../../fixtures/crm-harness';
import type { Clock } from '../../../electron/core/core-types';
import type { CallRecord } from '../../../shared/call-tracker';
import type { CallsPage, HistoryFilter } from '../../../shared/ipc';

const CALLS = 1200;
const NOW = new Date(2026, 10, 22, 15, 0, 0).getTime();
const START = NOW - 3 * 24 * 3_600_000;
// Petra's number, written four ways; every 10th call is hers.
const PETRA = ['+31 6 5111 2222', '0651112222', '0031651112222', '06-51112222'];
let seeded: string;
let dir: string;
const clock: Clock = { now: () => NOW, setTimeout: () => 0, clearTimeout: () => undefined };

function record(i: number): CallRecord {
  const startedAt = START + i * 3 * 60_000;
  const missed = i % 7 === 0;
  const number = i % 10 === 0 ? PETRA[(i / 10) % 4]! : `+3120${String(1000000 + i)}`;
  return {
    key: `call-${i}`,
    id: `Call-${i}`,
    direction: 'inbound',
    number,
    withheld: false,
    state: 'ended',
    outcome: missed ? 'missed' : 'answered',
    startedAt,
    answeredAt: missed ? null : startedAt + 5_000,
    endedAt: startedAt + 60_000,
    seen: { S: true, C: !missed, E: true },
  };
}
const all = Array.from({ length: CALLS }, (_, i) => record(i));
const newestFirst = [...all].sort((a, b) => b.startedAt - a.startedAt);

beforeAll(() => {
  seeded = mkdtempSync(join(tmpdir(), 'cp-history-seed-'));
  const db = openDatabase(seeded);
  const journal = createJournal(db, () => ({ defaultCountry: 'NL', suffixDigits: 9 }));
  db.transaction(() => all.forEach((c) => journal.upsert(c)))();
  db.close();
  return () => rmSync(seeded, { recursive: true, force: true });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cp-history-'));
  cpSync(seeded, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start() {
  const core = await createCore({
    dataDir: dir,
    logger: new MemoryLogger(),
    clock,
    machineConfigPath: null,
  });
  await core.invoke('settings.save', { patch: { agent: { defaultCountry: 'NL' } } });
  async function page(filter: HistoryFilter, after: CallsPage['next'], limit = 200) {
    const r = await core.invoke('calls.find', { filter, after, limit });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }
  async function everything(filter: HistoryFilter) {
    const first = await page(filter, null);
    const ids = first.calls.map((c) => c.id);
    let next = first.next;
    while (next) {
      const p = await page(filter, next);
      expect(p.total).toBeNull();
      ids.push(...p.calls.map((c) => c.id));
      next = p.next;
    }
    return { total: first.total, ids };
  }
  return { core, page, everything };
}

const ids = (list: CallRecord[]) => list.map((c) => c.id);

describe('history over the whole journal', () => {
  it('pages through every call once, newest first', async () => {
    const { core, everything } = await start();
    const got = await everything({ kind: 'all', text: '' });
    expect(got.total).toBe(CALLS);
    expect(got.ids).toEqual(ids(newestFirst));
    await core.close();
  });

  it('missed and today select across the whole journal, not the newest 500', async () => {
    const { core, everything } = await start();
    const missed = await everything({ kind: 'missed', text: '' });
    expect(missed.ids).toEqual(ids(newestFirst.filter((c) => c.outcome === 'missed')));
    expect(missed.total).toBe(Math.ceil(CALLS / 7));
    // The oldest missed call (call 0, three days back) is in it.
    expect(missed.ids).toContain('Call-0');

    const midnight = new Date(NOW).setHours(0, 0, 0, 0);
    const today = await everything({ kind: 'today', text: '' });
    expect(today.ids).toEqual(ids(newestFirst.filter((c) => c.startedAt >= midnight)));
    expect(today.ids.length).toBeGreaterThan(0);
    expect(today.ids.length).toBeLessThan(CALLS);
    await core.close();
  });

  it('a number in any format finds the same calls (E.164, then the last digits)', async () => {
    const { core, everything } = await start();
    const petra = ids(newestFirst.filter((c) => PETRA.includes(c.number!)));
    expect(petra).toHaveLength(CALLS / 10);
    for (const typed of [...PETRA, '+31651112222', '6 51 11 22 22']) {
      const got = await everything({ kind: 'all', text: typed });
      expect(got.ids, typed).toEqual(petra);
    }
    // Fewer digits than a whole number: calls whose number holds them, as the agent types.
    expect((await everything({ kind: 'all', text: '5111 22' })).ids).toEqual(petra);
    const missedPetra = await everything({ kind: 'missed', text: '0651112222' });
    expect(missedPetra.ids).toEqual(
      ids(newestFirst.filter((c) => PETRA.includes(c.number!) && c.outcome === 'missed')),
    );
    expect((await everything({ kind: 'all', text: '0699999999' })).ids).toEqual([]);
    await core.close();
  });

  it('any formatting of a whole number finds the same calls (property)', async () => {
    const { core, everything } = await start();
    const petra = ids(newestFirst.filter((c) => PETRA.includes(c.number!)));
    const separator = fc.constantFrom('', ' ', '-', '.', '/', '  ');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('0', '+31', '0031', '+31 (0)'),
        fc.array(separator, { minLength: 9, maxLength: 9 }),
        async (prefix, seps) => {
          const digits = '651112222';
          const typed = prefix + [...digits].map((d, i) => seps[i] + d).join('');
          const got = await everything({ kind: 'all', text: typed });
          expect(got.ids).toEqual(petra);
        },
      ),
      { numRuns: 40 },
    );
    await core.close();
  });

  it("a name finds the calls of the contact's numbers, accents and case ignored", async () => {
    const { core, everything } = await start();
    const saved = await core.invoke('contacts.save', {
      id: null,
      contact: {
        name: 'Petra Vissér',
        company: 'Visser BV',
        email: '',
        notes: '',
        numbers: [{ label: 'mobile', number: '06 5111 2222' }],
      },
    });
    expect(saved.ok).toBe(true);
    const petra = ids(newestFirst.filter((c) => PETRA.includes(c.number!)));
    expect((await everything({ kind: 'all', text: 'visser' })).ids).toEqual(petra);
    expect((await everything({ kind: 'all', text: 'PETRA' })).ids).toEqual(petra);
    expect((await everything({ kind: 'all', text: 'nobody here' })).ids).toEqual([]);
    // Text is data, never SQL.
    for (const hostile of ["'); DROP TABLE calls; --", '%', '_', '" OR 1=1 --'])
      expect((await everything({ kind: 'all', text: hostile })).ids, hostile).toEqual([]);
    expect((await everything({ kind: 'all', text: '' })).total).toBe(CALLS);
    await core.close();
  });

  it('exports the whole selection as CSV, not the loaded page', async () => {
    const { core } = await start();
    const r = await core.invoke('calls.exportCsv', { filter: { kind: 'missed', text: '' } });
    if (!r.ok) throw new Error(r.error.message);
    const lines = r.value.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,direction,number,name,company,state,outcome,startedAt,answeredAt,endedAt,wrapUp,comments',
    );
    expect(lines).toHaveLength(Math.ceil(CALLS / 7) + 1);
    expect(lines.slice(1).every((l) => l.includes(',missed,'))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^Call-0,/);
    await core.close();
  });
});
