// Settings' Test connection for DBN and Egards through the real core, against the strict
// fixture servers: DBN gets exactly the lookup a ringing call makes (never a write-back), and
// Egards gets no report at all from a test (only a HEAD of its base URL), while the test shows
// how the outbox's last real report went.
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { DbnTestResult, EgardsTestResult } from '../../shared/crm-tests';
import { DBN_TOKEN, EGARDS_KEY, FakeClock, MemoryLogger } from '../fixtures/crm-harness';
import { useCrmRig, writeCrmSettings } from '../fixtures/crm-rig';

const rig = useCrmRig('callpop-crm-tests-');

async function start(
  over: { dbn?: Record<string, unknown>; egards?: Record<string, unknown> } = {},
) {
  writeCrmSettings(rig, over);
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const core = await createCore({ dataDir: rig.dir, logger, clock, machineConfigPath: null });
  return { core, clock, logger };
}

async function value<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) {
  const r = await p;
  if (!r.ok) throw new Error(`expected an answer, got ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('Test connection for DBN', () => {
  it('makes exactly the lookup a call makes, for the typed number, and shows the answer', async () => {
    const { core, logger } = await start();
    const r: DbnTestResult = await value(core.invoke('dbn.test', { number: '020-123 4567' }));
    expect(rig.dbn.requests).toHaveLength(1);
    const req = rig.dbn.requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.path).toBe('/3cx/query');
    expect(req.rawQuery).toBe(`cid=0201234567&token=${DBN_TOKEN}`);
    expect(req.body).toBe('');
    expect(rig.dbn.records).toEqual([]); // nothing written back
    expect(rig.dbn.lookups).toEqual(['0201234567']);
    expect(r).toMatchObject({
      ok: true,
      number: '0201234567',
      request: `GET ${rig.dbn.url}/3cx/query?cid=0201234567&token=***`,
      status: 200,
      known: false,
      fields: { success: 'false' },
      error: null,
      switchedOff: false,
    });
    expect(r.answer).toBe('{ "success": false, }');
    expect(JSON.stringify(r)).not.toContain(DBN_TOKEN);
    expect(logger.lines.join('\n')).not.toContain(DBN_TOKEN);
    await core.close();
  });

  it('says when the number is a known customer; the default number is nobody’s', async () => {
    rig.dbn.known.add('0235551234');
    const { core } = await start();
    const known: DbnTestResult = await value(core.invoke('dbn.test', { number: '0235551234' }));
    expect(known).toMatchObject({ ok: true, known: true, fields: { success: 'true' } });
    const byDefault: DbnTestResult = await value(core.invoke('dbn.test', {}));
    expect(byDefault).toMatchObject({ ok: true, number: '0000000000', known: false });
    expect(rig.dbn.lookups).toEqual(['0235551234', '0000000000']);
    await core.close();
  });

  it('sends a POST form body when DBN is set to POST, the token hidden in what it shows', async () => {
    const { core } = await start({ dbn: { method: 'POST' } });
    const r: DbnTestResult = await value(core.invoke('dbn.test', { number: '+31201234567' }));
    const req = rig.dbn.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.rawQuery).toBe('');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.body).toBe(`cid=%2B31201234567&token=${DBN_TOKEN}`);
    expect(r.request).toBe(`POST ${rig.dbn.url}/3cx/query\ncid=%2B31201234567&token=***`);
    expect(r.ok).toBe(true);
    await core.close();
  });

  it('shows a refused token with the status and DBN’s own words', async () => {
    const { core } = await start();
    rig.dbn.token = 'another-token-entirely';
    const r: DbnTestResult = await value(core.invoke('dbn.test', {}));
    expect(r).toMatchObject({
      ok: false,
      status: 401,
      error: 'the CRM rejected the token (HTTP 401)',
      fields: { success: 'false', error: 'invalid token' },
    });
    await core.close();
  });

  it('never shows the token, even when DBN echoes it back', async () => {
    const { core } = await start();
    rig.dbn.faults.push({
      status: 500,
      body: `{"success": false, "error": "bad token ${DBN_TOKEN}"}`,
    });
    const r: DbnTestResult = await value(core.invoke('dbn.test', {}));
    expect(r.status).toBe(500);
    expect(r.error).toMatch(/^the CRM answered HTTP 500/);
    expect(JSON.stringify(r)).not.toContain(DBN_TOKEN);
    expect(JSON.stringify(r)).not.toContain(DBN_TOKEN.slice(0, 10));
    expect(r.answer).toContain('***');
    await core.close();
  });

  it('tests while DBN is switched off, and says so; without an address it asks nothing', async () => {
    const { core } = await start({ dbn: { enabled: false } });
    const off: DbnTestResult = await value(core.invoke('dbn.test', {}));
    expect(off).toMatchObject({ ok: true, switchedOff: true });
    expect(rig.dbn.requests).toHaveLength(1);
    await core.invoke('settings.save', { patch: { dbn: { baseUrl: '' } } });
    const unset: DbnTestResult = await value(core.invoke('dbn.test', {}));
    expect(unset).toMatchObject({
      ok: false,
      request: '',
      error: 'Set the DBN CRM address in Settings',
    });
    expect(rig.dbn.requests).toHaveLength(1);
    await core.close();
  });

  it('refuses a test number that is not one, and sends nothing', async () => {
    const { core } = await start();
    for (const number of ['123 & calc.exe', '$(id)', '../../stop', 'abc']) {
      const r = await core.invoke('dbn.test', { number });
      expect(r).toEqual({
        ok: false,
        error: { code: 'failed', message: 'A test number has digits only (a leading + is fine)' },
      });
    }
    expect(await core.invoke('dbn.test', { number: '1'.repeat(10_000) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(rig.dbn.requests).toHaveLength(0);
    await core.close();
  });

  it('says when DBN does not answer in time', async () => {
    const { core, clock } = await start();
    rig.dbn.faults.push('hang');
    const pending = core.invoke('dbn.test', {});
    await rig.dbn.waitFor(() => rig.dbn.requests.length === 1);
    clock.advance(3000);
    const r: DbnTestResult = await value(pending);
    expect(r).toMatchObject({
      ok: false,
      status: null,
      ms: 3000,
      error: 'the CRM did not answer within 3000 ms',
    });
    await core.close();
  });
});

describe('Test connection for Egards', () => {
  const EXE = 'CallPop.exe';
  async function oneCall(core: Awaited<ReturnType<typeof start>>['core'], id: string) {
    await core.handleArgv([EXE, '/N:S', '/C:0612345678', '/T:I', `/I:${id}`], 'socket');
    await core.handleArgv([EXE, '/N:C', '/C:0612345678', '/T:I', `/I:${id}`], 'socket');
    await core.handleArgv([EXE, '/N:E', '/C:0612345678', '/T:I', `/I:${id}`], 'socket');
    await core.crm.drain();
  }
  const testRequests = (from: number) =>
    rig.egards.requests.slice(from).map((r) => ({
      method: r.method,
      path: r.path,
      key: r.headers['x-api-key'] ?? null,
    }));

  it('asks the host without a key, sends no report, and shows the last delivery', async () => {
    const { core, clock } = await start();
    const none: EgardsTestResult = await value(core.invoke('egards.test', {}));
    expect(none).toMatchObject({
      host: { url: rig.egards.url, answered: true, status: 404, error: null },
      last: null,
      lastDeliveredAt: null,
      problem: null,
    });
    expect(testRequests(0)).toEqual([{ method: 'HEAD', path: '/', key: null }]);

    await oneCall(core, 'T-1');
    expect(rig.egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
    const before = rig.egards.requests.length;
    const r: EgardsTestResult = await value(core.invoke('egards.test', {}));
    expect(testRequests(before)).toEqual([{ method: 'HEAD', path: '/', key: null }]);
    expect(rig.egards.requests.slice(before).some((q) => q.path.startsWith('/3cx/'))).toBe(false);
    expect(rig.egards.events()).toHaveLength(2);
    expect(r).toMatchObject({
      host: { answered: true, status: 404 },
      last: { kind: 'egards-disconnect', status: 'delivered', attempts: 1, error: null },
      lastDeliveredAt: clock.now(),
      problem: null,
    });
    await core.close();
  });

  it('shows a refused key from the last real report, never the key itself', async () => {
    const { core } = await start();
    rig.egards.apiKey = 'the-server-wants-another-key';
    await oneCall(core, 'T-2');
    const r: EgardsTestResult = await value(core.invoke('egards.test', {}));
    expect(r.last).toMatchObject({
      kind: 'egards-connect',
      status: 'failed',
      error: 'API key rejected (HTTP 401)',
    });
    expect(r.lastDeliveredAt).toBeNull();
    expect(JSON.stringify(r)).not.toContain(EGARDS_KEY);
    expect(rig.egards.requests.filter((q) => q.method === 'HEAD')).toHaveLength(1);
    await core.close();
  });

  it('says when the host does not answer, and what keeps reports back', async () => {
    const { core } = await start({ egards: { enabled: false } });
    await rig.egards.stop();
    const r: EgardsTestResult = await value(core.invoke('egards.test', {}));
    expect(r.host).toMatchObject({ url: rig.egards.url, answered: false, status: null });
    expect(r.host?.error).toMatch(/^cannot reach Egards: /);
    expect(r.problem).toBe('Egards is switched off in Settings');
    await core.invoke('settings.save', { patch: { egards: { baseUrl: '' } } });
    const unset: EgardsTestResult = await value(core.invoke('egards.test', {}));
    expect(unset.host).toBeNull();
    await core.close();
  });
});
