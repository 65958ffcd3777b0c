// The CRM effects wired into the real composition root (createCore) the way the app and
// browser mode do it: 3CX argv in, a card with the CRM badge, a saved wrap-up, deliveries in
// the call view, the outbox channels, and `callpop export` showing delivery states.
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { readJournal } from '../../electron/core/export';
import { openDatabase } from '../../electron/core/db';
import type { CallView, OutboxSummary, PushEvent } from '../../shared/ipc';
import { FakeClock, MemoryLogger } from '../fixtures/crm-harness';
import { useCrmRig, writeCrmSettings } from '../fixtures/crm-rig';

const rig = useCrmRig('callpop-crm-core-');

async function start(connectOn: 'ring' | 'answer' = 'answer') {
  writeCrmSettings(rig, { egards: { connectOn } });
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const core = await createCore({ dataDir: rig.dir, logger, clock, machineConfigPath: null });
  const crm = core.crm;
  const pushes: Array<{ event: PushEvent; payload: unknown }> = [];
  core.subscribe((event, payload) => pushes.push({ event, payload }));
  return { core, crm, clock, logger, pushes };
}

const EXE = 'CallPop.exe';

describe('CRM effects in the core', () => {
  it('badge, write-back, Egards events, deliveries in the view and in the export', async () => {
    rig.dbn.known.add('0235551234');
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

    expect(rig.egards.events().map((e) => [e.kind, e.body.callId, e.body.holdDuration])).toEqual([
      ['connect', '4711', 9],
      ['disconnect', '4711', 9],
    ]);
    expect(rig.dbn.records).toEqual([
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

    const db = openDatabase(rig.dir, { readonly: true });
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
    expect(rig.egards.requests).toHaveLength(0);
    const summary = (await core.invoke('outbox.summary', {})) as { ok: true; value: OutboxSummary };
    expect(summary.value.waitingSettings).toBe(2);
    // ...and the UI was told, not only when asked: the status strip counts them.
    const lastOutboxPush = pushes.filter((p) => p.event === 'outbox.changed').at(-1);
    expect(lastOutboxPush?.payload).toMatchObject({ waitingSettings: 2 });
    await core.invoke('settings.save', { patch: { agent: { email: 'agent@example.com' } } });
    await crm.drain();
    expect(rig.egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    await core.close();
  });

  it('one change of a call is one call.updated push with its final view', async () => {
    // DBN on (the lookup starts) and Egards connect on ring (a report is queued): 3CX's S
    // changes the call, the badge and the deliveries at once, and the UI hears it once.
    const { core, crm, pushes } = await start('ring');
    const updates = () =>
      pushes.filter((p) => p.event === 'call.updated').map((p) => p.payload as CallView);
    await core.handleArgv([EXE, '/N:S', '/C:0235551234', '/T:I', '/I:81'], 'socket');
    expect(updates()).toHaveLength(1);
    expect(updates()[0]!.crm).toEqual({ state: 'pending' });
    expect(updates()[0]!.deliveries.map((d) => d.kind)).toEqual(['egards-connect']);
    expect(pushes.filter((p) => p.event === 'popup.show')).toHaveLength(1);

    // A wrap-up saved with DBN on queues the write-back: still one push, which shows it.
    pushes.length = 0;
    const saved = await core.invoke('wrapup.save', {
      callId: '81',
      status: 'Completed',
      comments: 'ok',
    });
    expect(saved.ok).toBe(true);
    expect(updates()).toHaveLength(1);
    expect(updates()[0]!.deliveries.map((d) => d.kind)).toContain('dbn-writeback');
    expect(updates()[0]!.wrapUp?.status).toBe('Completed');
    await crm.drain();
    await core.close();
  });
});
