// @vitest-environment node
// Cards that manage themselves, through the real core (SQLite journal, settings file): a missed
// card leaves the stack unless missed cards are kept, a card wrapped up during the call leaves
// when the call ends, an ended card without wrap-up stays. Each stays in the history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/logger';
import { nodeSpawn, type Clock, type Core } from '../../../electron/core/core-types';
import type { CallView, PushEvent, Result } from '../../../shared/ipc';

const EXE = 'CallPop.exe';
let dir: string;
const clock: Clock = {
  now: () => Date.UTC(2026, 10, 22, 9, 0, 0),
  setTimeout: () => 0,
  clearTimeout: () => undefined,
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-keeper-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start(settings?: unknown) {
  if (settings) writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
  const core = await createCore({
    dataDir: dir,
    logger: createLogger({ dataDir: dir }),
    clock,
    machineConfigPath: null,
    spawn: nodeSpawn,
  });
  const hidden: string[] = [];
  core.subscribe((event: PushEvent, payload) => {
    if (event === 'popup.hide') hidden.push((payload as { callId: string }).callId);
  });
  return { core, hidden };
}

async function value<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const cards = async (core: Core) =>
  (await value<CallView[]>(core.invoke('popup.list', {}))).map((c) => c.id);
const history = async (core: Core) =>
  (await value<CallView[]>(core.invoke('calls.list', {}))).map((c) => [c.id, c.outcome]);

describe('cards that manage themselves', () => {
  it('a missed card leaves the stack when missed cards are not kept; history keeps it', async () => {
    const { core, hidden } = await start({ popup: { keepMissed: false } });
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:m1'], 'socket');
    expect(await cards(core)).toEqual(['m1']);
    await core.handleArgv([EXE, '/N:E', '/T:I', '/I:m1'], 'socket');
    expect(await cards(core)).toEqual([]);
    expect(hidden).toEqual(['m1']);
    expect(await history(core)).toEqual([['m1', 'missed']]);
    await core.close();
  });

  it('keeps a missed card by default (a caller to ring back)', async () => {
    const { core, hidden } = await start();
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:m2'], 'socket');
    await core.handleArgv([EXE, '/N:E', '/T:I', '/I:m2'], 'socket');
    expect(await cards(core)).toEqual(['m2']);
    expect(hidden).toEqual([]);
    await core.close();
  });

  it('a card wrapped up during the call leaves when the call ends; one without stays', async () => {
    const { core, hidden } = await start();
    for (const id of ['w1', 'w2']) {
      await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', `/I:${id}`], 'socket');
      await core.handleArgv([EXE, '/N:C', '/T:I', `/I:${id}`], 'socket');
    }
    await value(core.invoke('wrapup.save', { callId: 'w1', status: 'Completed', comments: '' }));
    expect(await cards(core)).toEqual(['w1', 'w2']);
    await core.handleArgv([EXE, '/N:E', '/T:I', '/I:w1'], 'socket');
    await core.handleArgv([EXE, '/N:E', '/T:I', '/I:w2'], 'socket');
    expect(await cards(core)).toEqual(['w2']);
    expect(hidden).toEqual(['w1']);
    await core.close();
  });
});
