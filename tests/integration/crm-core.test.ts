// The CRM effects wired into the real composition root (createCore) the way the app and
// browser mode do it: 3CX argv in, a card with the CRM badge, a saved wrap-up, deliveries in
// the call view, the outbox channels, and `callpop export` showing delivery states.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { readJournal } from '../../electron/core/export';
import { openDatabase } from '../../electron/core/db';
import type { CallView, OutboxSummary, PushEvent } from '../../shared/ipc';
import { AGENT, DBN_TOKEN, EGARDS_KEY, FakeClock, MemoryLogger } from '../fixtures/crm-harness';
import { startDbnServer, type DbnServer } from '../fixtures/dbn-server';
import { startEgardsServer, type EgardsServer } from '../fixtures/egards-server';

let dir: string;
let dbn: DbnServer;
let egards: EgardsServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-crm-core-'));
  dbn = await startDbnServer(DBN_TOKEN);
  egards = await startEgardsServer(EGARDS_KEY);
});
afterEach(async () => {
  await dbn.close();
  await egards.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start() {
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({
      agent: AGENT,
      dbn: { enabled: true, baseUrl: dbn.url, token: DBN_TOKEN, method: 'GET', timeoutMs: 3000 },
      egards: {
        enabled: true,
        environment: 'custom',
        baseUrl: egards.url,
        apiKey: EGARDS_KEY,
        connectOn: 'answer',
      },
    }),
  );
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const core = await createCore({ dataDir: dir, logger, clock, machineConfigPath: null });
  const crm = core.crm;
  const pushes: Array<{ event: PushEvent; payload: unknown }> = [];
  core.subscribe((event, payload) => pushes.push({ event, payload }));
  return { core, crm, clock, logger, pushes };
}

const EXE = 'CallPop.exe';

describe('CRM effects in the core', () => {
  it('badge, write-back, Egards events, deliveries in the view and in the export', async () => {
    dbn.known.add('0235551234');
    const { core, crm, clock, pushes } = await start();
    await core.handleArgv([EXE, '/N:S', '/C:0235551234', '/T:I', '/I:4711'], 'socket');
    const shown = pushes.find((p) => p.event === 'popup.show')?.payload as CallView;
    expect(shown.crm).toEqual({ state: 'pending' }); // the card appears at once
    await crm.drain();
    const updates = () =>
      pushes.filter((p) => p.event === 'call.updated').map((p) => p.payload as CallView);
    expect(updates().at(-1)?.crm).toEqual({ state: 'known' });

    clock.advance(9000);
    await core.handleArgv([EXE, '/N:C', '/C:0235551234', '/T:I', '/I:4711'], 'socket');
    await crm.drain();
    clock.advance(120_000);
    await core.handleArgv([EXE, '/N:E', '/C:0235551234', '/T:I', '/I:4711'], 'socket');
    const saved = await core.invoke('wrapup.save', {
      callId: '4711',
      status: 'Completed',
      comments: 'Paid',
    });
    expect(saved.ok).toBe(true);
    await crm.drain();

    expect(egards.events().map((e) => [e.kind, e.body.callId, e.body.holdDuration])).toEqual([
      ['connect', '4711', 9],
      ['disconnect', '4711', 9],
    ]);
    expect(dbn.records).toEqual([
      {
        cid: '0235551234',
        status: 'Completed',
        comments: 'Paid',
        idempotencyKey: '4711:dbn-writeback:1',
      },
    ]);
    const last = updates().at(-1) as CallView;
    expect(last.deliveries.map((d) => `${d.kind}:${d.status}`)).toEqual([
      'egards-connect:delivered',
      'egards-disconnect:delivered',
      'dbn-writeback:delivered',
    ]);
    const summary = await core.invoke('outbox.summary', {});
    expect(summary).toEqual({
      ok: true,
      value: { pending: 0, failed: 0, waitingSettings: 0, failedItems: [] },
    });
    expect(
      pushes.some(
        (p) => p.event === 'outbox.changed' && (p.payload as OutboxSummary).pending === 0,
      ),
    ).toBe(true);
    await core.close();

    const db = openDatabase(dir, { readonly: true });
    const exported = readJournal(db);
    db.close();
    expect(exported[0]?.deliveries).toEqual([
      { kind: 'egards-connect', revision: 1, status: 'delivered' },
      { kind: 'egards-disconnect', revision: 1, status: 'delivered' },
      { kind: 'dbn-writeback', revision: 1, status: 'delivered' },
    ]);
  });

  it('missing agent e-mail: the agent is told; saving it through settings sends the reports', async () => {
    const { core, crm, pushes } = await start();
    const saved = await core.invoke('settings.save', { patch: { agent: { email: '' } } });
    expect(saved.ok).toBe(true);
    await core.handleArgv([EXE, '/N:C', '/C:+31612345678', '/T:I', '/I:99'], 'socket');
    await core.handleArgv([EXE, '/N:E', '/C:+31612345678', '/T:I', '/I:99'], 'socket');
    await crm.drain();
    expect(egards.requests).toHaveLength(0);
    const summary = (await core.invoke('outbox.summary', {})) as { ok: true; value: OutboxSummary };
    expect(summary.value.waitingSettings).toBe(2);
    // ...and the UI was told, not only when asked: the status strip counts them.
    const lastOutboxPush = pushes.filter((p) => p.event === 'outbox.changed').at(-1);
    expect(lastOutboxPush?.payload).toMatchObject({ waitingSettings: 2 });
    await core.invoke('settings.save', { patch: { agent: { email: 'agent@example.com' } } });
    await crm.drain();
    expect(egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    await core.close();
  });
});
