// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSettingsStore, type SecretBox } from '../../../electron/core/settings-store';
import { createLogger } from '../../../electron/core/logger';

let dir: string;
const logger = createLogger();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// A reversible stand-in for safeStorage: enough to prove nothing is stored in plain text.
const box: SecretBox = {
  isAvailable: () => true,
  encrypt: (s) => Buffer.from(s.split('').reverse().join('')).toString('base64'),
  decrypt: (b) => Buffer.from(b, 'base64').toString().split('').reverse().join(''),
};

function write(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

describe('settings store', () => {
  it('uses defaults when there is no file', () => {
    const s = createSettingsStore({ dataDir: dir, machineConfigPath: null, logger });
    expect(s.get().popup.showOn).toBe('ring');
    expect(s.view().problems).toEqual([]);
  });

  it('reports each bad key with its path and applies the rest', () => {
    write('settings.json', {
      agent: { extension: '1001', email: 'not-an-email', defaultCountry: 'DE' },
      dbn: { timeoutMs: 'fast' },
      popup: 'big',
      colour: 'blue',
    });
    const s = createSettingsStore({ dataDir: dir, machineConfigPath: null, logger });
    expect(s.get().agent.extension).toBe('1001');
    expect(s.get().agent.defaultCountry).toBe('DE');
    expect(s.get().agent.email).toBe('');
    expect(s.get().dbn.timeoutMs).toBe(3000);
    expect(
      s
        .view()
        .problems.map((p) => p.path)
        .sort(),
    ).toEqual(['agent.email', 'colour', 'dbn.timeoutMs', 'popup']);
  });

  it('survives a corrupt file, says so, and keeps it aside on the next save', () => {
    write('settings.json', '{ "agent": { "extension": "10');
    const s = createSettingsStore({ dataDir: dir, machineConfigPath: null, logger });
    expect(s.view().problems[0]?.message).toMatch(/not valid JSON/);
    const r = s.save({ agent: { extension: '1002' } });
    expect(r.ok).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).agent.extension).toBe(
      '1002',
    );
  });

  it('takes machine-wide defaults and enforces locked keys', () => {
    const machine = write('machine.json', {
      dbn: { enabled: true, baseUrl: 'https://crm.example.com' },
      agent: { defaultCountry: 'BE' },
      locked: ['dbn.baseUrl'],
    });
    write('settings.json', {
      dbn: { baseUrl: 'https://evil.example.com' },
      agent: { defaultCountry: 'NL' },
    });
    const s = createSettingsStore({ dataDir: dir, machineConfigPath: machine, logger });
    expect(s.get().dbn.baseUrl).toBe('https://crm.example.com');
    expect(s.get().dbn.enabled).toBe(true);
    expect(s.get().agent.defaultCountry).toBe('NL');
    expect(s.view().locked).toEqual(['dbn.baseUrl']);
    expect(s.view().problems).toContainEqual({
      path: 'dbn.baseUrl',
      message: expect.stringMatching(/locked/),
    });
    const refused = s.save({ dbn: { baseUrl: 'https://other.example.com' } });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'locked',
        message: expect.stringMatching(/locked by your administrator: dbn.baseUrl/),
      },
    });
  });

  it('refuses an invalid value from the UI without writing anything', () => {
    const s = createSettingsStore({ dataDir: dir, machineConfigPath: null, logger });
    const r = s.save({ dbn: { timeoutMs: -5 } });
    expect(r.ok).toBe(false);
    expect(readdirSync(dir)).not.toContain('settings.json');
  });

  it('moves plain-text provisioning secrets into secure storage', () => {
    write('settings.json', {
      dbn: { token: 'd6bcfeee-8eea-65cd-f4d6-166585973ea2' },
      egards: { apiKey: 'key-123456' },
    });
    const s = createSettingsStore({ dataDir: dir, machineConfigPath: null, logger, secrets: box });
    expect(s.get().dbn.token).toBe('d6bcfeee-8eea-65cd-f4d6-166585973ea2');
    const onDisk = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(onDisk).not.toContain('d6bcfeee');
    expect(onDisk).not.toContain('key-123456');
    expect(onDisk).toContain('enc:v1:');
    const again = createSettingsStore({
      dataDir: dir,
      machineConfigPath: null,
      logger,
      secrets: box,
    });
    expect(again.get().egards.apiKey).toBe('key-123456');
    expect(again.secretValues()).toContain('key-123456');
  });
});
