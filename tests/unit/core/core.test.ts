// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/logger';
import { exportJournal } from '../../../electron/core/export';
import { nodeSpawn, type Clock, type Core } from '../../../electron/core/core-types';
import type { CallView, PushEvent, Result } from '../../../shared/ipc';

const EXE = 'CallPop.exe';
let dir: string;
let now: number;
const clock: Clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-core-'));
  now = Date.UTC(2026, 10, 22, 9, 0, 0);
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
  const pushes: Array<{ event: PushEvent; payload: unknown }> = [];
  core.subscribe((event, payload) => pushes.push({ event, payload }));
  return { core, pushes };
}

async function value<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const cards = (core: Core) => value<CallView[]>(core.invoke('popup.list', {}));

describe('core', () => {
  it('pops one card per call id, even when 3CX launches three times', async () => {
    const { core, pushes } = await start();
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:7'], 'startup');
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:7'], 'socket');
    await core.handleArgv([EXE, '/n:c', '/t:i', '/i:7'], 'socket');
    expect(pushes.filter((p) => p.event === 'popup.show')).toHaveLength(1);
    const shown = await cards(core);
    expect(shown.map((c) => c.phone?.display)).toEqual(['06 12345678']);
    await core.close();
  });

  it('sends a new card before its call.updated, so the card is the first thing the window draws', async () => {
    const { core, pushes } = await start();
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:8'], 'socket');
    const calls = pushes.filter((p) => p.event === 'popup.show' || p.event === 'call.updated');
    expect(calls[0]?.event).toBe('popup.show');
    expect(calls.some((p) => p.event === 'call.updated')).toBe(true);
    await core.close();
  });

  it('shows the card on answer when popup.showOn is "answer"', async () => {
    const { core } = await start({ popup: { showOn: 'answer' } });
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:8'], 'socket');
    expect(await cards(core)).toHaveLength(0);
    await core.handleArgv([EXE, '/N:C', '/T:I', '/I:8'], 'socket');
    expect(await cards(core)).toHaveLength(1);
    await core.close();
  });

  it('shows no card while popups are paused, but still journals the call', async () => {
    const { core, pushes } = await start({ popup: { paused: true } });
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:9'], 'socket');
    expect(await cards(core)).toHaveLength(0);
    expect(core.openCards()).toEqual([]);
    expect(pushes.filter((p) => p.event === 'popup.show')).toEqual([]);
    expect(await value<CallView[]>(core.invoke('calls.list', {}))).toHaveLength(1);
    await core.close();
  });

  it('Esc hides the card; a late duplicate S does not pop it again', async () => {
    const { core } = await start();
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:10'], 'socket');
    await value(core.invoke('popup.dismiss', { callId: '10' }));
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:10'], 'socket');
    expect(await cards(core)).toHaveLength(0);
    await core.close();
  });

  it('saves a wrap-up, closes the card of an ended call, and exports both', async () => {
    const { core, pushes } = await start();
    await core.handleArgv([EXE, '/N:S', '/C:+4930123456', '/T:I', '/I:11'], 'socket');
    now += 4000;
    await core.handleArgv([EXE, '/N:C', '/T:I', '/I:11'], 'socket');
    now += 60_000;
    await core.handleArgv([EXE, '/N:E', '/T:I', '/I:11'], 'socket');
    const saved = await value<CallView>(
      core.invoke('wrapup.save', {
        callId: '11',
        status: 'Schedule Later',
        comments: 'call back "Monday", 10:00',
      }),
    );
    expect(saved.wrapUp).toMatchObject({ status: 'Schedule Later', revision: 1 });
    expect(pushes.some((p) => p.event === 'popup.hide')).toBe(true);
    expect(await cards(core)).toHaveLength(0);
    const edited = await value<CallView>(
      core.invoke('wrapup.save', { callId: '11', status: 'Completed', comments: 'done' }),
    );
    expect(edited.wrapUp).toMatchObject({ status: 'Completed', revision: 2 });
    await core.close();
    const [record] = JSON.parse(exportJournal(dir, 'json'));
    expect(record).toMatchObject({
      id: '11',
      direction: 'inbound',
      number: '+4930123456',
      outcome: 'answered',
      startedAt: '2026-11-22T09:00:00.000Z',
      answeredAt: '2026-11-22T09:00:04.000Z',
      endedAt: '2026-11-22T09:01:04.000Z',
      wrapUpStatus: 'Completed',
    });
    const csv = exportJournal(dir, 'csv');
    expect(csv.split('\r\n')[0]).toBe(
      'id,direction,number,state,outcome,startedAt,answeredAt,endedAt,wrapUpStatus,wrapUpComments,deliveries',
    );
  });

  it('shows earlier calls with the same number in any format', async () => {
    const { core } = await start();
    await core.handleArgv([EXE, '/N:S', '/C:0031612345678', '/T:I', '/I:a'], 'socket');
    await core.handleArgv([EXE, '/N:E', '/T:I', '/I:a'], 'socket');
    await value(
      core.invoke('wrapup.save', { callId: 'a', status: 'No Answer', comments: 'voicemail' }),
    );
    now += 3_600_000;
    await core.handleArgv([EXE, '/N:S', '/C:+31 6 12345678', '/T:I', '/I:b'], 'socket');
    const detail = await value<{ history: CallView[] }>(core.invoke('calls.get', { callId: 'b' }));
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]?.wrapUp?.comments).toBe('voicemail');
    await core.close();
  });

  it('rejects bad argv and bad IPC payloads with clear messages and keeps going', async () => {
    const { core, pushes } = await start();
    const r = await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I'], 'socket');
    expect(r).toEqual({ kind: 'rejected', message: expect.stringMatching(/no call id/) });
    expect(pushes.find((p) => p.event === 'notice')).toBeTruthy();
    expect(
      await core.dispatch('wrapup.save', { callId: 'x', status: 'Maybe', comments: '' }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/status/) },
    });
    expect(await core.dispatch('no.such.channel', {})).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: expect.stringMatching(/unknown channel/) },
    });
    expect(
      await core.invoke('wrapup.save', { callId: 'nope', status: 'Completed', comments: '' }),
    ).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no call with id nope' },
    });
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:ok'], 'socket');
    expect(await cards(core)).toHaveLength(1);
    await core.close();
  });

  it('keeps calls across a restart; a call open for 12 hours is closed as "end unknown"', async () => {
    const first = await start();
    await first.core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', '/I:long'], 'socket');
    await first.core.close();
    now += 13 * 3_600_000;
    const second = await start();
    const [call] = await value<CallView[]>(second.core.invoke('calls.list', {}));
    expect(call).toMatchObject({ id: 'long', state: 'ended', outcome: 'end-unknown' });
    await second.core.close();
  });

  it('dials through the 3CX Assistant client with an argument array, and names the outbound call', async () => {
    // A real child process stands in for tcx.assistant.client.exe and records its argv.
    const fake = join(dir, 'tcx-assistant-client');
    const out = join(dir, 'dialed.txt');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > "${out}"\n`);
    chmodSync(fake, 0o755);
    const { core } = await start({
      dialer: { assistantPath: fake, outsideLinePrefix: '0', confirmLinks: false },
    });
    const dialed = await core.handleArgv([EXE, 'tel:06 1234-5678'], 'socket');
    expect(dialed).toEqual({ kind: 'dial', number: '0612345678' });
    for (let i = 0; i < 50 && !existsSync(out); i++) await new Promise((r) => setTimeout(r, 20));
    expect(readFileSync(out, 'utf8')).toBe('-cmd\nmakecall:00612345678\n');
    now += 2000;
    await core.handleArgv([EXE, '/N:S', '/T:O', '/I:out1'], 'socket');
    const [call] = await cards(core);
    expect(call).toMatchObject({ direction: 'outbound', number: '0612345678' });
    await core.close();
  });

  it('says clearly when the 3CX Assistant client is missing', async () => {
    const { core, pushes } = await start({
      dialer: { assistantPath: join(dir, 'missing.exe'), confirmLinks: false },
    });
    const r = await core.invoke('dial', { number: '0612345678' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(/3CX Assistant client was not found/),
      },
    });
    await core.handleArgv([EXE, 'tel:0612345678'], 'socket');
    expect(pushes.find((p) => p.event === 'notice')?.payload).toMatchObject({ level: 'error' });
    // The agent dials by hand; 3CX reports the outbound call: it still gets the number.
    await core.handleArgv([EXE, '/N:S', '/T:O', '/I:manual'], 'socket');
    expect((await cards(core)).find((c) => c.id === 'manual')?.number).toBe('0612345678');
    await core.close();
  });
});

describe('dial links', () => {
  it('wait for the agent to confirm when dialer.confirmLinks is on: nothing is started', async () => {
    const fake = join(dir, 'tcx-assistant-client');
    const out = join(dir, 'dialed.txt');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > "${out}"\n`);
    chmodSync(fake, 0o755);
    const { core, pushes } = await start({ dialer: { assistantPath: fake, confirmLinks: true } });
    await core.handleArgv([EXE, 'tel:+31612345678'], 'socket');
    expect(pushes.find((p) => p.event === 'dial.confirm')?.payload).toEqual({
      number: '+31612345678',
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(out)).toBe(false);
    await core.close();
  });
});

describe('settings over IPC', () => {
  it('never hands a secret to the renderer, and "***" sent back keeps it', async () => {
    const { core } = await start({ dbn: { token: 'd6bcfeee-8eea-65cd' }, agent: { email: '' } });
    const view = await value<{ settings: { dbn: { token: string } } }>(
      core.invoke('settings.get', {}),
    );
    expect(view.settings.dbn.token).toBe('***');
    const saved = await value<{ settings: { dbn: { token: string }; agent: { email: string } } }>(
      core.invoke('settings.save', {
        patch: { dbn: { token: '***' }, agent: { email: 'agent@example.com' } },
      }),
    );
    expect(saved.settings.agent.email).toBe('agent@example.com');
    expect(saved.settings.dbn.token).toBe('***');
    expect(core.settings().dbn.token).toBe('d6bcfeee-8eea-65cd');
    await value(core.invoke('settings.save', { patch: { dbn: { token: 'new-token-1234' } } }));
    expect(core.settings().dbn.token).toBe('new-token-1234');
    await core.close();
  });
});

describe('dialString', () => {
  it('adds the outside-line prefix only to national numbers', async () => {
    const { dialString } = await import('../../../electron/core/dialer');
    expect(dialString('06-1234 5678', '0')).toBe('00612345678');
    expect(dialString('+31612345678', '0')).toBe('+31612345678');
    expect(dialString('102', '0')).toBe('102');
    expect(() => dialString('06; rm -rf /', '')).toThrow(/not a number/);
  });
});
