// @vitest-environment node
// The latency budget through the real core (real SQLite): the card's data is pushed before the
// journal write, every event gets its marks on one clock, and a card's paint report closes
// its trace.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { DB_FILE } from '../../../electron/core/db';
import type { LatencyReport, Result } from '../../../shared/ipc';

let dir: string;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-lat-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function value<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('latency budget in the core', () => {
  it('pushes the card before the journal write and the CRM effects', async () => {
    const core = await createCore({ dataDir: dir, logger: silent, machineConfigPath: null });
    const reader = new Database(join(dir, DB_FILE), { readonly: true });
    const eventsAtPush: number[] = [];
    core.subscribe((event, _payload) => {
      if (event === 'popup.show')
        eventsAtPush.push(
          (reader.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
        );
    });
    const receivedAt = performance.timeOrigin + performance.now();
    await core.handleArgv(['/N:S', '/C:0612345678', '/T:I', '/I:Lat-1'], 'socket', receivedAt);
    // At the push the event was not yet in the journal; once handled, it is.
    expect(eventsAtPush).toEqual([0]);
    expect((reader.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(1);

    const report = await value<LatencyReport>(core.invoke('latency.report', {}));
    expect(report.recent).toHaveLength(1);
    const t = report.recent[0]!;
    expect(t).toMatchObject({ callId: 'Lat-1', type: 'S', card: true });
    expect(t.marks.received).toBe(receivedAt);
    expect(t.marks.applied).toBeGreaterThanOrEqual(receivedAt);
    expect(t.marks.pushed).toBeGreaterThanOrEqual(t.marks.applied!);
    expect(t.marks.committed).toBeGreaterThanOrEqual(t.marks.pushed!);
    reader.close();
    await core.close();
  });

  it('a paint report from the card completes the trace and the in-app summary', async () => {
    const core = await createCore({ dataDir: dir, logger: silent, machineConfigPath: null });
    await core.handleArgv(['/N:S', '/C:0612345678', '/T:I', '/I:Lat-2'], 'socket');
    await core.handleArgv(['/N:C', '/T:I', '/I:Lat-2'], 'socket'); // no card: no paint expected
    let report = await value<LatencyReport>(core.invoke('latency.report', {}));
    const pushed = report.recent[0]!.marks.pushed!;
    await value(
      core.invoke('latency.painted', {
        callId: 'Lat-2',
        renderedAt: pushed + 2,
        paintedAt: pushed + 5,
      }),
    );
    report = await value<LatencyReport>(core.invoke('latency.report', {}));
    expect(report.recent.map((r) => [r.type, r.card, r.marks.painted !== undefined])).toEqual([
      ['S', true, true],
      ['C', false, false],
    ]);
    expect(report.summary.inApp.count).toBe(1);
    expect(report.summary.inApp.p95).toBeCloseTo(pushed + 5 - report.recent[0]!.marks.received!);
    // Bad paint reports are refused by the contract.
    const bad = await core.invoke('latency.painted', {
      callId: 'Lat-2',
      renderedAt: Number.NaN,
      paintedAt: 1,
    } as never);
    expect(bad.ok).toBe(false);
    await core.close();
  });
});
