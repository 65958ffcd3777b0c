// Dialing four ways. A stand-in tcx.assistant.client (a real script) records its argv; the
// PBX ways (HTTP API, REST API, Call Control) go through the real clients to the fixture
// servers, which record every request.
// Hostile numbers are refused before anything is started or requested.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callControlResult, createDialer, DialError } from '../../electron/core/dialer';
import { createCallControlClient } from '../../electron/core/clients/call-control';
import { startCallControlServer, type CallControlServer } from '../fixtures/call-control-server';
import { nodeSpawn, systemClock, type Logger } from '../../electron/core/core-types';
import { createHttpApiClient } from '../../electron/core/clients/pbx-http-api';
import { createRestApiClient } from '../../electron/core/clients/pbx-rest-api';
import { MemoryLogger } from '../fixtures/crm-harness';
import { startHttpApiServer, type HttpApiServer } from '../fixtures/pbx-http-api-server';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings-schema';

let dir: string;
let log: string[];
const logger: Logger = {
  debug: () => undefined,
  info: (m) => log.push(`info ${m}`),
  warn: (m) => log.push(`warn ${m}`),
  error: (m) => log.push(`error ${m}`),
};

function settingsWith(dialer: Partial<Settings['dialer']>, extension = '101'): () => Settings {
  const s = structuredClone(DEFAULT_SETTINGS);
  s.dialer = { ...s.dialer, ...dialer };
  s.agent.extension = extension;
  return () => s;
}

/** A stand-in for tcx.assistant.client.exe: appends its argv (JSON) to a file. */
function standIn(): { path: string; calls: () => string[][] } {
  const path = join(dir, 'tcx.assistant.client');
  const out = join(dir, 'argv.jsonl');
  writeFileSync(
    path,
    `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(out)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
  );
  chmodSync(path, 0o755);
  return {
    path,
    calls: () =>
      existsSync(out)
        ? readFileSync(out, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as string[])
        : [],
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}

const HOSTILE: Array<[string, string]> = [
  ['123 & calc.exe', '123 & calc.exe'],
  ['"; rm -rf /"', '"; rm -rf /"'],
  ['$(id)', '$(id)'],
  ['../../stop', '../../stop'],
  ['a 10 kB string', '0'.repeat(5000) + 'x'.repeat(5000)],
];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cp-dialer-'));
  log = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dialer.via = assistant', () => {
  it('starts the client with -cmd makecall:<digits> as two arguments', async () => {
    const client = standIn();
    const dialer = createDialer({
      spawn: nodeSpawn,
      logger,
      settings: settingsWith({
        via: 'assistant',
        assistantPath: client.path,
        outsideLinePrefix: '0',
      }),
    });
    const r = await dialer.dial('06-5111 (2222)');
    expect(r).toMatchObject({ via: 'assistant', dialed: '00651112222', number: '0651112222' });
    await until(() => client.calls().length > 0);
    expect(client.calls()).toEqual([['-cmd', 'makecall:00651112222']]);
  });

  it('says the client was not found, in the error and the log', async () => {
    const dialer = createDialer({
      spawn: nodeSpawn,
      logger,
      settings: settingsWith({ via: 'assistant', assistantPath: join(dir, 'nope.exe') }),
    });
    const err = await dialer.dial('0612345678').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DialError);
    expect(err).toMatchObject({ failure: 'client-not-found' });
    expect((err as Error).message).toMatch(/3CX Assistant client was not found/);
    expect(log.some((l) => l.startsWith('warn') && l.includes('client-not-found'))).toBe(true);
  });

  it.each(HOSTILE)('refuses %s and never starts the client', async (_label, number) => {
    const client = standIn();
    const dialer = createDialer({
      spawn: nodeSpawn,
      logger,
      settings: settingsWith({ via: 'assistant', assistantPath: client.path }),
    });
    await expect(dialer.dial(number)).rejects.toMatchObject({ failure: 'refused-number' });
    await new Promise((r) => setTimeout(r, 100));
    expect(client.calls()).toEqual([]);
  });
});

// The PBX ways through the real clients against the fixture servers of the two seeds.
describe.each(['http-api', 'rest-api'] as const)('dialer.via = %s', (via) => {
  let http: HttpApiServer;
  let rest: RestApiServer;
  let pbxLog: MemoryLogger;

  beforeEach(async () => {
    http = await startHttpApiServer();
    rest = await startRestApiServer();
    pbxLog = new MemoryLogger();
  });
  afterEach(async () => {
    await http.close();
    await rest.close();
  });

  function dialerFor(extension: string, over: Partial<Settings['dialer']> = {}, baseUrl?: string) {
    const settings = settingsWith({ via, ...over }, extension);
    const s = settings();
    s.pbx.httpApi = { enabled: true, baseUrl: baseUrl ?? http.url, phoneType: 'Soft' };
    s.pbx.restApi = { enabled: true, baseUrl: baseUrl ?? `${rest.url}/webapi`, key: rest.key };
    const deps = { fetch, clock: systemClock, logger: pbxLog, timeoutMs: 2000 };
    const httpClient = createHttpApiClient(deps, () => s.pbx.httpApi);
    const restClient = createRestApiClient(deps, () => s.pbx.restApi);
    return createDialer({
      spawn: nodeSpawn,
      logger,
      settings,
      httpApiMakeCall: (e, d) => httpClient.makeCall(e, d),
      restApiMakeCall: (e, d) => restClient.makeCall(e, d),
    });
  }
  /** What the PBX of this test was asked, as URLs. */
  const asked = () =>
    via === 'http-api' ? http.paths() : rest.commands().filter((c) => c.includes('makecall'));

  it('asks the PBX to call from the agent extension to the cleaned number', async () => {
    const dialer = dialerFor('101', { outsideLinePrefix: '9' });
    const first = await dialer.dial('+31 (0)20 555 0100');
    expect(first.via).toBe(via);
    if (via === 'http-api') expect(first.callId).toMatch(/\S/);
    await dialer.dial('020 555 0100');
    if (via === 'http-api')
      expect(asked()).toEqual([
        '/makecall/101/%2B31205550100/Soft',
        '/makecall/101/90205550100/Soft',
      ]);
    else
      expect(asked()).toEqual([
        '/webapi/<key>/makecall?first=101&second=%2B31205550100',
        '/webapi/<key>/makecall?first=101&second=90205550100',
      ]);
  });

  it('says the PBX said no when it refuses the call', async () => {
    const err = await dialerFor('999')
      .dial('0612345678')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'pbx-refused' });
    expect((err as Error).message).toMatch(/PBX said no/);
    expect(log.some((l) => l.startsWith('warn') && l.includes('pbx-refused'))).toBe(true);
  });

  it('says the PBX is unreachable when nothing answers', async () => {
    const closed = await startHttpApiServer();
    const url = closed.url;
    await closed.close();
    const err = await dialerFor('101', {}, via === 'http-api' ? url : `${url}/webapi`)
      .dial('0612345678')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'pbx-unreachable' });
    expect((err as Error).message).toMatch(/PBX is unreachable/);
  });

  it('needs the agent extension before it asks the PBX', async () => {
    await expect(dialerFor('').dial('0612345678')).rejects.toThrow(/agent.extension/);
    expect(asked()).toEqual([]);
  });

  it.each(HOSTILE)('refuses %s and sends nothing to the PBX', async (_label, number) => {
    await expect(dialerFor('101').dial(number)).rejects.toMatchObject({
      failure: 'refused-number',
    });
    expect(http.paths()).toEqual([]);
    expect(rest.commands()).toEqual([]);
  });
});

// V20 Call Control's makecall, through the real client (token, then POST) to its fixture server.
describe('dialer.via = call-control', () => {
  let cc: CallControlServer;
  beforeEach(async () => {
    cc = await startCallControlServer({ monitored: ['101'] });
  });
  afterEach(async () => {
    await cc.close();
  });

  function dialerFor(extension: string, over: Partial<Settings['dialer']> = {}, baseUrl?: string) {
    const settings = settingsWith({ via: 'call-control', ...over }, extension);
    const s = settings();
    s.pbx.callControl = {
      ...s.pbx.callControl,
      enabled: true,
      baseUrl: baseUrl ?? cc.url,
      clientId: cc.clientId,
      clientSecret: cc.clientSecret,
    };
    const client = createCallControlClient({
      config: () => s.pbx.callControl,
      fetch: globalThis.fetch,
      clock: systemClock,
      logger: new MemoryLogger(),
    });
    return createDialer({
      spawn: nodeSpawn,
      logger,
      settings,
      callControlMakeCall: async (e, d) => callControlResult(await client.makeCall(e, d)),
    });
  }
  const makecalls = () => cc.requests.filter((r) => r.path.endsWith('/makecall'));

  it('posts the cleaned number, outside-line prefix included, to makecall of the agent extension', async () => {
    const dialer = dialerFor('101', { outsideLinePrefix: '9' });
    const first = await dialer.dial('+31 (0)20 555 0100');
    expect(first).toMatchObject({ via: 'call-control', dialed: '+31205550100' });
    expect(first.callId).toMatch(/^\d+$/);
    const second = await dialer.dial('0800-FLOWERS');
    expect(second).toMatchObject({ dialed: '908003569377', number: '08003569377' });
    expect(makecalls().map((r) => [r.method, r.path, JSON.parse(r.body) as unknown])).toEqual([
      ['POST', '/callcontrol/101/makecall', { destination: '+31205550100' }],
      ['POST', '/callcontrol/101/makecall', { destination: '908003569377' }],
    ]);
  });

  it('says the PBX said no for an extension Call Control does not monitor', async () => {
    const err = await dialerFor('102')
      .dial('0612345678')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DialError);
    expect(err).toMatchObject({ failure: 'pbx-refused' });
    expect((err as Error).message).toMatch(/PBX said no/);
    expect(log.some((l) => l.startsWith('warn') && l.includes('pbx-refused'))).toBe(true);
  });

  it('says the PBX is unreachable when nothing answers', async () => {
    const closed = await startCallControlServer();
    const url = closed.url;
    await closed.close();
    const err = await dialerFor('101', {}, url)
      .dial('0612345678')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'pbx-unreachable' });
    expect((err as Error).message).toMatch(/PBX is unreachable/);
  });

  it('needs the agent extension before it asks the PBX', async () => {
    await expect(dialerFor('').dial('0612345678')).rejects.toThrow(/agent.extension/);
    expect(cc.requests).toEqual([]);
  });

  it.each(HOSTILE)('refuses %s and sends nothing to the PBX', async (_label, number) => {
    await expect(dialerFor('101').dial(number)).rejects.toMatchObject({
      failure: 'refused-number',
    });
    expect(cc.requests).toEqual([]);
  });
});
