// @vitest-environment node
// The missed-calls count is main's, kept in the database: every window and the tray hear the
// same number (missed.changed), "the agent looked" (missed.seen) sets it to 0, a call missed
// afterwards counts again, and a restarted CallPop still knows what was seen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { MemoryLogger } from '../../fixtures/crm-harness';
import type { Clock } from '../../../electron/core/core-types';
import type { MainRoute, MissedCalls, PushArgs } from '../../../shared/ipc';

let dir: string;
let now: number;
const clock: Clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cp-missed-'));
  now = Date.UTC(2026, 10, 22, 9, 0, 0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start() {
  const core = await createCore({
    dataDir: dir,
    logger: new MemoryLogger(),
    clock,
    machineConfigPath: null,
  });
  const pushes: PushArgs[] = [];
  core.subscribe((...args) => pushes.push(args));
  const missedPushes = () =>
    pushes.filter((p) => p[0] === 'missed.changed').map((p) => (p[1] as MissedCalls).count);
  const get = async () => {
    const r = await core.invoke('missed.get', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const ring = async (id: string, answered: boolean) => {
    await core.handleArgv(['CallPop.exe', '/N:S', '/C:0612345678', '/T:I', `/I:${id}`], 'socket');
    now += 5_000;
    if (answered) await core.handleArgv(['CallPop.exe', '/N:C', '/T:I', `/I:${id}`], 'socket');
    now += 5_000;
    await core.handleArgv(['CallPop.exe', '/N:E', '/T:I', `/I:${id}`], 'socket');
    now += 60_000;
  };
  return { core, pushes, missedPushes, get, ring };
}

describe('missed calls not looked at yet', () => {
  it('counts missed calls in main, pushes each change, and clears when the agent looked', async () => {
    const { core, missedPushes, get, ring } = await start();
    expect(await get()).toEqual({ count: 0, seenAt: 0 });
    await ring('m1', false);
    await ring('a1', true);
    await ring('m2', false);
    expect((await get()).count).toBe(2);
    // One push per change of the count; an answered call changes nothing.
    expect(missedPushes()).toEqual([1, 2]);

    const seen = await core.invoke('missed.seen', {});
    expect(seen.ok && seen.value).toEqual({ count: 0, seenAt: now });
    expect(missedPushes()).toEqual([1, 2, 0]);

    // Missed after the look: counted again.
    await ring('m3', false);
    expect((await get()).count).toBe(1);
    await core.close();

    // The seen mark is in the database: a restart keeps the same count.
    const again = await start();
    expect((await again.get()).count).toBe(1);
    await again.core.close();
  });

  it('a call that rang while the agent was looking, and was missed, still counts', async () => {
    const { core, get } = await start();
    await core.handleArgv(['CallPop.exe', '/N:S', '/C:0201234567', '/T:I', '/I:r1'], 'socket');
    now += 2_000;
    await core.invoke('missed.seen', {});
    now += 10_000;
    await core.handleArgv(['CallPop.exe', '/N:E', '/T:I', '/I:r1'], 'socket');
    expect((await get()).count).toBe(1);
    await core.close();
  });

  it('main.show pushes the route for the shell and the main window', async () => {
    const { core, pushes } = await start();
    const route: MainRoute = { to: 'new-contact', number: '+31201234567' };
    const r = await core.dispatch('main.show', route);
    expect(r).toEqual({ ok: true, value: null });
    expect(pushes).toContainEqual(['main.show', route]);
    const bad = await core.dispatch('main.show', { to: 'settings' });
    expect(bad.ok).toBe(false);
    await core.close();
  });
});
