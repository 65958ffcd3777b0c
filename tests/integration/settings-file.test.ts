// Settings export and import through the real core, both ways: main writes the file (the
// keys and passwords only when asked), the file has the machine-wide file's shape, and
// importing it stores the secrets as a typed one is stored (encrypted when a SecretBox is
// there, as safeStorage is in the desktop app; the file private either way).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { SecretBox } from '../../electron/core/settings-store';
import { importPatch } from '../../shared/settings-file';
import { mergeSettings, REDACTED, type Settings } from '../../shared/settings-schema';
import { MemoryLogger } from '../fixtures/crm-harness';

// A reversible stand-in for safeStorage: enough to prove nothing is stored in plain text.
const box: SecretBox = {
  isAvailable: () => true,
  encrypt: (s) => Buffer.from(s.split('').reverse().join('')).toString('base64'),
  decrypt: (b) => Buffer.from(b, 'base64').toString().split('').reverse().join(''),
};

const SECRETS = {
  dbnToken: 'dbn-token-7c1e55aa',
  egardsKey: 'egards-key-93b2d4',
  restKey: 'rest-key-5e8a01',
  ccSecret: 'cc-secret-44f0ab',
};

const dirs: string[] = [];
let source: string;
let target: string;
beforeEach(() => {
  source = mkdtempSync(join(tmpdir(), 'callpop-settings-src-'));
  target = mkdtempSync(join(tmpdir(), 'callpop-settings-dst-'));
  dirs.push(source, target);
});
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function writeSource(): void {
  writeFileSync(
    join(source, 'settings.json'),
    JSON.stringify({
      agent: { extension: '1001', email: 'agent@example.com', agentId: '7', defaultCountry: 'DE' },
      dbn: { enabled: true, baseUrl: 'https://dbn.example.com', token: SECRETS.dbnToken },
      egards: { enabled: true, environment: 'production', apiKey: SECRETS.egardsKey },
      dialer: { via: 'rest-api' },
      pbx: {
        restApi: { enabled: true, baseUrl: 'https://pbx.example.com/webapi', key: SECRETS.restKey },
        callControl: {
          baseUrl: 'https://pbx.example.com',
          clientId: 'cp',
          clientSecret: SECRETS.ccSecret,
        },
      },
      app: { firstRunDone: true },
    }),
  );
}

async function open(dataDir: string, secrets?: SecretBox, machineConfigPath: string | null = null) {
  const logger = new MemoryLogger();
  const core = await createCore({ dataDir, logger, secrets, machineConfigPath });
  return { core, logger };
}

async function exported(core: Awaited<ReturnType<typeof open>>['core'], withSecrets: boolean) {
  const r = await core.invoke('settings.export', { withSecrets });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('settings file', () => {
  it('exports without secrets by default, in the machine-wide file’s shape', async () => {
    writeSource();
    const { core, logger } = await open(source, box);
    const text = await exported(core, false);
    for (const s of Object.values(SECRETS)) expect(text).not.toContain(s);
    const file = JSON.parse(text) as Settings;
    expect(file.dbn).toEqual({
      enabled: true,
      baseUrl: 'https://dbn.example.com',
      method: 'GET',
      timeoutMs: 3000,
    });
    expect(file.dialer.via).toBe('rest-api');
    expect('firstRunDone' in file.app).toBe(false);
    // An admin can drop it in as config.json: every key reads back without a problem.
    expect(mergeSettings(file).problems).toEqual([]);
    expect(logger.lines).toContain('info settings exported without keys and passwords');
    await core.close();
  });

  it('exports with the secrets when asked, even though they are stored encrypted', async () => {
    writeSource();
    const { core, logger } = await open(source, box);
    // The first load moved the plain-text secrets into the SecretBox.
    const onDisk = readFileSync(join(source, 'settings.json'), 'utf8');
    expect(onDisk).not.toContain(SECRETS.dbnToken);
    expect(onDisk).toContain('enc:v1:');
    const file = JSON.parse(await exported(core, true)) as Settings;
    expect(file.dbn.token).toBe(SECRETS.dbnToken);
    expect(file.egards.apiKey).toBe(SECRETS.egardsKey);
    expect(file.pbx.restApi.key).toBe(SECRETS.restKey);
    expect(file.pbx.callControl.clientSecret).toBe(SECRETS.ccSecret);
    expect(logger.lines).toContain('info settings exported with keys and passwords');
    // The log has no secret, and settings.get still never shows one.
    for (const s of Object.values(SECRETS)) expect(logger.lines.join('\n')).not.toContain(s);
    const view = await core.invoke('settings.get', {});
    expect(view.ok && view.value.settings.dbn.token).toBe(REDACTED);
    await core.close();
  });

  it('imports a file with secrets on another desktop: stored encrypted, used as typed', async () => {
    writeSource();
    const a = await open(source, box);
    const text = await exported(a.core, true);
    await a.core.close();

    const b = await open(target, box);
    const parsed = importPatch(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const saved = await b.core.invoke('settings.save', { patch: parsed.patch });
    expect(saved.ok).toBe(true);
    const onDisk = readFileSync(join(target, 'settings.json'), 'utf8');
    for (const s of Object.values(SECRETS)) expect(onDisk).not.toContain(s);
    const stored = JSON.parse(onDisk) as Settings;
    expect(stored.dbn.token.startsWith('enc:v1:')).toBe(true);
    expect(statSync(join(target, 'settings.json')).mode & 0o777).toBe(0o600);
    expect(b.core.settings().dbn.token).toBe(SECRETS.dbnToken);
    expect(b.core.settings().pbx.callControl.clientSecret).toBe(SECRETS.ccSecret);
    expect(b.core.settings().agent.defaultCountry).toBe('DE');
    // The setup flag is this desktop's own: the import does not finish its first run.
    expect(b.core.settings().app.firstRunDone).toBe(false);
    await b.core.close();

    // Read again after a restart: the secrets decrypt.
    const c = await open(target, box);
    expect(c.core.settings().egards.apiKey).toBe(SECRETS.egardsKey);
    await c.core.close();
  });

  it('imports a file without secrets and keeps the secrets this desktop has', async () => {
    writeSource();
    const a = await open(source, box);
    const without = await exported(a.core, false);
    const parsed = importPatch(without.replace('"DE"', '"NL"'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect((await a.core.invoke('settings.save', { patch: parsed.patch })).ok).toBe(true);
    expect(a.core.settings().agent.defaultCountry).toBe('NL');
    expect(a.core.settings().dbn.token).toBe(SECRETS.dbnToken);
    await a.core.close();
  });

  it('serves as the machine-wide file as it is', async () => {
    writeSource();
    const a = await open(source, box);
    const text = await exported(a.core, true);
    await a.core.close();
    const machine = join(target, 'machine.json');
    writeFileSync(machine, text);
    const b = await open(target, undefined, machine);
    expect(b.core.settings().dbn.token).toBe(SECRETS.dbnToken);
    expect(b.core.settings().dialer.via).toBe('rest-api');
    const view = await b.core.invoke('settings.get', {});
    expect(view.ok && view.value.problems).toEqual([]);
    await b.core.close();
  });
});
