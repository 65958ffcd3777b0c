// Dialing three ways. A stand-in tcx.assistant.client (a real script) records its argv; the
// PBX ways go through makeCall functions that record what they were asked. Hostile numbers are
// refused before anything is started or requested.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDialer,
  DialError,
  type MakeCall,
  type MakeCallResult,
} from '../../electron/core/dialer';
import { nodeSpawn, type Logger } from '../../electron/core/core-types';
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

function recorder(answer: MakeCallResult): { fn: MakeCall; calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    fn: async (ext, dest) => {
      calls.push([ext, dest]);
      return answer;
    },
  };
}

const HOSTILE = ['123 & calc.exe', '"; rm -rf /"', '$(id)', '../../stop', 'x'.repeat(10_000)];

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

  it.each(HOSTILE)('refuses %j and never starts the client', async (number) => {
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

describe.each(['http-api', 'rest-api'] as const)('dialer.via = %s', (via) => {
  const key = via === 'http-api' ? 'httpApiMakeCall' : 'restApiMakeCall';

  it('asks the PBX to call from the agent extension to the cleaned number', async () => {
    const pbx = recorder({ ok: true, value: '98741' });
    const dialer = createDialer({
      spawn: nodeSpawn,
      logger,
      settings: settingsWith({ via, outsideLinePrefix: '9' }, '1001'),
      [key]: pbx.fn,
    });
    expect(await dialer.dial('+31 (0)20 555 0100')).toMatchObject({ via, callId: '98741' });
    expect(await dialer.dial('020 555 0100')).toMatchObject({ dialed: '90205550100' });
    expect(pbx.calls).toEqual([
      ['1001', '+31205550100'],
      ['1001', '90205550100'],
    ]);
  });

  it.each([
    [
      { kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      'pbx-unreachable',
      /PBX is unreachable/,
    ],
    [{ kind: 'refused', message: 'The PBX refused', raw: 'false' }, 'pbx-refused', /PBX said no/],
    [
      { kind: 'http', message: 'HTTP 403', raw: 'Forbidden' },
      'pbx-refused',
      /PBX said no.*Forbidden/,
    ],
    [
      { kind: 'not-configured', message: 'switched off in Settings' },
      'not-configured',
      /switched off/,
    ],
  ])('explains a failed dial: %j', async (error, failure, message) => {
    const dialer = createDialer({
      spawn: nodeSpawn,
      logger,
      settings: settingsWith({ via }),
      [key]: recorder({ ok: false, error }).fn,
    });
    const err = await dialer.dial('0612345678').catch((e: unknown) => e);
    expect(err).toMatchObject({ failure });
    expect((err as Error).message).toMatch(message);
    expect(log.some((l) => l.startsWith('warn') && l.includes(failure))).toBe(true);
  });

  it('needs the agent extension before it asks the PBX', async () => {
    const pbx = recorder({ ok: true, value: null });
    const dialer = createDialer({
      spawn: nodeSpawn,
      logger,
      settings: settingsWith({ via }, ''),
      [key]: pbx.fn,
    });
    await expect(dialer.dial('0612345678')).rejects.toThrow(/agent.extension/);
    expect(pbx.calls).toEqual([]);
  });

  it.each(HOSTILE)('refuses %j and sends nothing to the PBX', async (number) => {
    const pbx = recorder({ ok: true, value: null });
    const dialer = createDialer({
      spawn: nodeSpawn,
      logger,
      settings: settingsWith({ via }),
      [key]: pbx.fn,
    });
    await expect(dialer.dial(number)).rejects.toMatchObject({ failure: 'refused-number' });
    expect(pbx.calls).toEqual([]);
  });
});
