// @vitest-environment node
// What an outside probe found: settings files that leak their text, files readable by every
// local user, special files that hang the start, crafted patches that answer with internals,
// log lines that can be forged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/logger';
import { createSettingsStore } from '../../../electron/core/settings-store';
import type { Clock } from '../../../electron/core/core-types';
import type { SettingsView } from '../../../shared/ipc';

const SECRET = 'SECRET-5f1c0d9e-a7b2-4e11-9c3d';
const unix = process.platform !== 'win32';
let dir: string;
const clock: Clock = {
  now: () => 1_764_000_000_000,
  setTimeout: () => 0,
  clearTimeout: () => undefined,
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-hard-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const logText = () => {
  try {
    return readFileSync(join(dir, 'logs', 'callpop.log'), 'utf8');
  } catch {
    return '';
  }
};

async function start() {
  const logger = createLogger({ dataDir: dir });
  const core = await createCore({ dataDir: dir, logger, clock, machineConfigPath: null });
  const notices: string[] = [];
  core.subscribe((event, payload) => {
    if (event === 'notice') notices.push((payload as { message: string }).message);
  });
  return { core, notices };
}

const mode = (p: string) => statSync(p).mode & 0o777;

describe('a settings file that does not parse', () => {
  it('says where and why, never what the file holds (UI and log)', async () => {
    writeFileSync(join(dir, 'settings.json'), `{"egards": {"apiKey":${SECRET}}}`);
    const { core } = await start();
    const r = await core.invoke('settings.get', {});
    expect(r.ok).toBe(true);
    const view = (r as { value: SettingsView }).value;
    const text = JSON.stringify(view.problems);
    expect(text).toMatch(/line 1, column 22/);
    expect(text).not.toContain('SECRET');
    expect(logText()).toMatch(/settings\.json is not valid JSON \(line 1, column 22/);
    expect(logText()).not.toContain('SECRET');
    await core.close();
  });

  it.skipIf(!unix)('says nothing of the file a symlinked settings.json points to', () => {
    const other = join(dir, 'elsewhere.txt');
    writeFileSync(other, `${SECRET} private notes\n`);
    symlinkSync(other, join(dir, 'settings.json'));
    const store = createSettingsStore({
      dataDir: dir,
      machineConfigPath: null,
      logger: createLogger(),
    });
    const text = JSON.stringify(store.view().problems);
    expect(text).toMatch(/not valid JSON \(line 1, column 1: /);
    expect(text).not.toContain('SECRET');
  });
});

describe('special files', () => {
  it.skipIf(!unix)(
    'a FIFO in place of settings.json is refused at once, and CallPop starts',
    async () => {
      execFileSync('mkfifo', [join(dir, 'settings.json')]);
      const { core } = await start();
      const view = ((await core.invoke('settings.get', {})) as { value: SettingsView }).value;
      expect(view.problems[0]?.message).toMatch(
        /settings\.json .* is a named pipe \(FIFO\), not a regular file; remove or replace it/,
      );
      // And a save replaces it with a real file (the FIFO is kept aside for IT).
      const saved = await core.invoke('settings.save', {
        patch: { popup: { corner: 'top-left' } },
      });
      expect(saved.ok).toBe(true);
      expect(statSync(join(dir, 'settings.json')).isFile()).toBe(true);
      await core.close();
    },
  );

  it.skipIf(!unix)('a FIFO as the browser token or the log does not block the start', async () => {
    mkdirSync(join(dir, 'logs'));
    execFileSync('mkfifo', [join(dir, 'logs', 'callpop.log')]);
    execFileSync('mkfifo', [join(dir, 'browser-token')]);
    const { loadOrCreateToken } = await import('../../../electron/host/serve');
    expect(loadOrCreateToken(dir)).toMatch(/^[0-9a-f]{64}$/);
    const logger = createLogger({ dataDir: dir });
    logger.info('does not hang');
    expect(logger.file).toBeNull();
  });

  it('a directory in place of the database is refused with a clear message', async () => {
    mkdirSync(join(dir, 'callpop.sqlite'));
    await expect(start()).rejects.toThrow(
      /the call database .* is a directory, not a regular file/,
    );
  });
});

describe.skipIf(!unix)('private files', () => {
  it('tightens a data directory that already existed wider, and its files, and says so', async () => {
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ dbn: { token: SECRET } }), {
      mode: 0o644,
    });
    mkdirSync(join(dir, 'logs'), { mode: 0o755 });
    writeFileSync(join(dir, 'logs', 'callpop.log'), '', { mode: 0o644 });
    const { core } = await start();
    await core.invoke('settings.save', { patch: { popup: { corner: 'top-left' } } });
    await core.handleArgv(['CallPop.exe', '/N:S', '/C:0612345678', '/T:I', '/I:1'], 'startup');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'logs'))).toBe(0o700);
    for (const f of readdirSync(dir).filter((f) => f !== 'logs'))
      expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    for (const f of readdirSync(join(dir, 'logs'))) expect(mode(join(dir, 'logs', f))).toBe(0o600);
    expect(readdirSync(dir)).toEqual(
      expect.arrayContaining(['callpop.sqlite', 'callpop.sqlite-wal']),
    );
    expect(logText()).toMatch(/data directory: .* was readable by others \(mode 0755\); now 0700/);
    expect(logText()).toMatch(/settings\.json was readable by others \(mode 0644\); now 0600/);
    await core.close();
  });

  it('creates a new data directory 0700 and every file in it 0600', async () => {
    rmSync(dir, { recursive: true });
    const { core } = await start();
    await core.invoke('settings.save', { patch: { dbn: { token: SECRET } } });
    expect(mode(dir)).toBe(0o700);
    for (const f of readdirSync(dir).filter((f) => f !== 'logs'))
      expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    await core.close();
  });
});

describe('a settings patch with reserved keys', () => {
  it.each([
    ['{"__proto__": {"polluted": true}}', '__proto__'],
    ['{"constructor": {"prototype": {"x": 1}}}', 'constructor'],
    ['{"dbn": {"prototype": "x"}}', 'prototype'],
    ['{"popup": {"constructor": "x"}}', 'constructor'],
  ])('%s is refused by name', async (patch, key) => {
    const { core } = await start();
    // The IPC carries JSON: parse it, so `__proto__` is an own key as on the wire.
    const r = await core.dispatch('settings.save', { patch: JSON.parse(patch) as unknown });
    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain(`"${key}"`);
    expect(message).not.toMatch(/safeParse|is not a function|TypeError/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await core.close();
  });

  it('a settings file with such keys is read without them, each named in a problem', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      '{"constructor": 1, "popup": {"__proto__": {"x": 1}, "corner": "top-left"}}',
    );
    const store = createSettingsStore({
      dataDir: dir,
      machineConfigPath: null,
      logger: createLogger(),
    });
    expect(store.get().popup.corner).toBe('top-left');
    expect(store.view().problems.map((p) => p.path)).toEqual(['constructor', 'popup.__proto__']);
  });
});

describe('internal errors', () => {
  it('reach the log, not the UI', async () => {
    const { core } = await start();
    // A request that passes validation but makes the code fail (the database is closed).
    await core.close();
    const r = await core.invoke('calls.list', {});
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(/internal error; the log has the details/),
      },
    });
    expect(logText()).toMatch(/IPC internal error: .*(database|connection)/i);
  });
});

describe('log lines', () => {
  it('one event is one line: newlines and ESC in any logged value are escaped', async () => {
    const { core } = await start();
    await core.handleArgv(
      [
        'CallPop.exe',
        '/N:S',
        '/C:06\n2026-01-01T00:00:00.000Z ERROR forged',
        '/T:I',
        '/I:9\u001b[31m',
      ],
      'socket',
    );
    await core.invoke('log.write', {
      level: 'info',
      message: 'line one\nINFO forged\r\u001b]0;title\u0007',
    });
    await core.close();
    const lines = logText().trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (DEBUG|INFO|WARN|ERROR) /);
    for (const c of ['\u001b', '\u0007', '\r']) expect(logText()).not.toContain(c);
    expect(logText()).toContain('call 9\\x1b[31m → ringing');
    expect(logText()).toContain('renderer: line one INFO forged \\x1b]0;title\\x07');
  });
});

describe.skipIf(!unix)('a FIFO in place of the lock file', () => {
  it('does not block the start: it is broken like an unreadable lock', async () => {
    const { acquire } = await import('../../../electron/host/local-socket');
    execFileSync('mkfifo', [join(dir, 'callpop.lock')]);
    const got = await acquire({ dataDir: dir, timeoutMs: 10_000 });
    expect(got.role).toBe('primary');
    if (got.role === 'primary') {
      expect(statSync(got.lock.path).isFile()).toBe(true);
      got.lock.release();
    }
  });
});
