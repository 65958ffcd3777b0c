// The PBX channels through the real composition root: the agent bar's state and changes over
// invoke, a malformed request refused, time parked from the card counted into the Egards hold
// duration of that call, and one REST client (one reachability) for the poller and the bar.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { PushEvent } from '../../shared/ipc';
import { AGENT, EGARDS_KEY, FakeClock, MemoryLogger } from '../fixtures/crm-harness';
import { startEgardsServer, type EgardsServer } from '../fixtures/egards-server';
import { startHttpApiServer, type HttpApiServer } from '../fixtures/pbx-http-api-server';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';

const EXE = 'CallPop.exe';
const REST_KEY = 'core-rest-key-41aa';
let dir: string;
let egards: EgardsServer;
let http: HttpApiServer;
let rest: RestApiServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-pbx-core-'));
  egards = await startEgardsServer(EGARDS_KEY);
  http = await startHttpApiServer();
  rest = await startRestApiServer(REST_KEY);
  http.extensions.set(AGENT.extension, {
    presence: 'avail',
    ready: true,
    loggedIn: true,
    agent: true,
  });
  rest.extensions.set(AGENT.extension, { ...rest.extensions.get('101')!, num: AGENT.extension });
  rest.queues.get('800')!.members.push(AGENT.extension);
  rest.queues.get('800')!.logins.set(AGENT.extension, true);
});
afterEach(async () => {
  await egards.close();
  await http.close();
  await rest.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start() {
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({
      agent: AGENT,
      egards: {
        enabled: true,
        environment: 'custom',
        baseUrl: egards.url,
        apiKey: EGARDS_KEY,
        connectOn: 'answer',
      },
      pbx: {
        httpApi: { enabled: true, baseUrl: http.url, phoneType: 'Soft' },
        restApi: { enabled: true, baseUrl: `${rest.url}/webapi`, key: REST_KEY },
      },
    }),
  );
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const core = await createCore({
    dataDir: dir,
    logger,
    clock,
    machineConfigPath: null,
    pbx: { agentPollMs: 0 },
  });
  const pushes: PushEvent[] = [];
  core.subscribe((...[event]) => {
    pushes.push(event);
  });
  return { core, clock, logger, pushes };
}

describe('PBX in the core', () => {
  it('agent state and changes over invoke; the key never in the log', async () => {
    const { core, logger, pushes } = await start();
    const state = await core.invoke('pbx.agent.get', {});
    expect(state).toMatchObject({
      ok: true,
      value: {
        extension: AGENT.extension,
        presence: 'avail',
        stale: false,
        queues: [{ queue: '800', name: 'Sales', loggedIn: true }],
      },
    });
    const changed = await core.invoke('pbx.agent.change', {
      change: { kind: 'presence', presence: 'oof' },
    });
    expect(changed).toMatchObject({ ok: true, value: { ok: true, state: { presence: 'oof' } } });
    expect(http.extensions.get(AGENT.extension)!.presence).toBe('oof');
    expect(pushes).toContain('pbx.agent.changed');
    const bad = await core.dispatch('pbx.agent.change', {
      change: { kind: 'presence', presence: 'stop' },
    });
    expect(bad.ok).toBe(false);
    const test = await core.invoke('pbx.test', { api: 'rest-api' });
    expect(test).toMatchObject({
      ok: true,
      value: { ok: true, request: expect.stringContaining('/***/') },
    });
    expect(logger.lines.join('\n')).not.toContain(REST_KEY);
    await core.close();
  });

  it('parked time from the card counts into the Egards hold duration', async () => {
    const { core, clock } = await start();
    await core.handleArgv([EXE, '/N:S', '/C:0235551234', '/T:I', '/I:P-1'], 'socket');
    clock.advance(4000);
    await core.handleArgv([EXE, '/N:C', '/C:0235551234', '/T:I', '/I:P-1'], 'socket');
    http.addCall({ dn: AGENT.extension, state: 'Connected' });
    const parked = await core.invoke('pbx.call.act', { callId: 'P-1', action: { kind: 'park' } });
    expect(parked).toMatchObject({ ok: true, value: { ok: true, state: { parked: true } } });
    clock.advance(30_000);
    await core.invoke('pbx.call.act', { callId: 'P-1', action: { kind: 'unpark' } });
    clock.advance(60_000);
    await core.handleArgv([EXE, '/N:E', '/C:0235551234', '/T:I', '/I:P-1'], 'socket');
    await core.crm.drain();
    expect(egards.events().map((e) => [e.kind, e.body.holdDuration])).toEqual([
      ['connect', 4],
      ['disconnect', 34],
    ]);
    expect(http.paths()).toEqual([`/park/${AGENT.extension}`, `/unpark/${AGENT.extension}`]);
    await core.close();
  });

  it('a failed live-calls poll and the agent bar say the same: unreachable since one time', async () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        agent: AGENT,
        events: { source: 'rest-poll', restPollMs: 60_000 },
        pbx: { restApi: { enabled: true, baseUrl: `${rest.url}/webapi`, key: REST_KEY } },
      }),
    );
    const clock = new FakeClock();
    const core = await createCore({
      dataDir: dir,
      logger: new MemoryLogger(),
      clock,
      machineConfigPath: null,
      pbx: { agentPollMs: 0 },
    });
    await core.sources.reconfigure();
    const poller = core.sources.get('rest-poll')!;
    await poller.pollNow!();
    expect(poller.status().state).toBe('ok');
    const goodAt = clock.now();

    // The PBX goes away; time moves on without firing the poll timer.
    await rest.close();
    clock.t += 7_000;
    await poller.pollNow!();
    const status = core.sources.statuses().find((s) => s.source === 'rest-poll')!;
    expect(status.state).toBe('down');
    expect(status.message).toMatch(/REST API is unreachable/);
    expect(status.unreachableSince).toBe(goodAt);

    // The agent bar's own (background) read: nothing new asked, the same verdict and time.
    clock.t += 1_000;
    const bar = await core.invoke('pbx.agent.get', { background: true });
    expect(bar).toMatchObject({
      ok: true,
      value: { stale: true, reachability: { reachable: false, lastGoodAt: goodAt } },
    });
    await core.close();
    rest = await startRestApiServer(REST_KEY); // afterEach closes it
  });
});
