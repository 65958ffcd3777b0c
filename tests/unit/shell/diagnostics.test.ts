// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnosticsText, type DiagnosticsFacts } from '../../../electron/shell/diagnostics';
import { dataDirMode, dataDirPrivacy } from '../../../electron/shell/data-dir-privacy';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';

const TOKEN = 'dbn-0b7e9a1c44f2d3e5';

function facts(over: Partial<DiagnosticsFacts> = {}): DiagnosticsFacts {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.dbn.token = TOKEN;
  // An admin pasted the token into the base URL as well: no field may carry it out.
  settings.dbn.baseUrl = `https://crm.example.com/?token=${TOKEN}`;
  settings.agent.agentId = `id ${TOKEN}`;
  return {
    appName: 'CallPop',
    appVersion: '0.1.0',
    versions: {},
    platform: 'linux',
    arch: 'x64',
    osRelease: '6',
    dataDir: '/home/a/.config/CallPop',
    logFile: null,
    settings: {
      settings,
      problems: [{ path: '', message: `saw ${TOKEN.slice(0, 12)}` }],
      locked: [],
    },
    outbox: {
      pending: 0,
      failed: 1,
      waitingSettings: 0,
      failedItems: [
        {
          id: 1,
          kind: 'dbn-writeback',
          callId: '7',
          revision: 1,
          status: 'failed',
          attempts: 1,
          lastError: `the CRM refused: ${TOKEN}`,
          lastAttemptAt: 0,
        },
      ],
    } as never,
    recentProblems: [`x ${TOKEN}`],
    now: new Date(0),
    secrets: [TOKEN],
    ...over,
  };
}

describe('Copy diagnostics', () => {
  it('never carries a secret, in whatever field it hides (even its first characters)', () => {
    const text = diagnosticsText(facts());
    expect(text).not.toContain(TOKEN.slice(0, 8));
    expect(text).toContain('"token": "***"');
  });
});

describe('data directory privacy', () => {
  it('Unix: reports the real mode of the directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-priv-'));
    try {
      const mode = dataDirMode(dir);
      expect(mode).toBe(0o700);
      expect(dataDirPrivacy({ dataDir: dir, platform: 'linux', env: {}, mode })).toEqual({
        ok: true,
        text: 'private (mode 0700)',
      });
      expect(
        dataDirPrivacy({ dataDir: dir, platform: 'linux', env: {}, mode: 0o755 }).text,
      ).toMatch(/^CHECK: readable by other users \(mode 0755\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Windows: private by inheritance inside the user profile; anything else is flagged', () => {
    const env = { USERPROFILE: 'C:\\Users\\agent' };
    const inside = dataDirPrivacy({
      dataDir: 'C:\\Users\\agent\\AppData\\Roaming\\CallPop',
      platform: 'win32',
      env,
      mode: 0o666,
    });
    expect(inside.ok).toBe(true);
    expect(inside.text).toMatch(/inherits the profile ACL/);
    for (const dataDir of [
      'D:\\CallPop',
      'C:\\Users\\agent2\\CallPop',
      'C:\\Users\\agent\\..\\Public\\CallPop',
    ])
      expect(dataDirPrivacy({ dataDir, platform: 'win32', env, mode: null }).ok).toBe(false);
    expect(
      dataDirPrivacy({ dataDir: 'C:\\x', platform: 'win32', env: {}, mode: null }).text,
    ).toMatch(/USERPROFILE not set/);
  });
});
