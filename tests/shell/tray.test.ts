// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from './mocks/electron';
import { createFakeCore, type FakeCore } from '../fake-core';
import type { CallView, OutboxSummary } from '../../shared/ipc';

vi.mock('electron', () => import('./mocks/electron'));
const { createTray } = await import('../../electron/tray');

const problems: string[] = [];
const logger = {
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
  recentProblems: () => problems,
  file: '/data/logs/callpop.log',
};
let core: FakeCore;
const showMain = vi.fn();
const quit = vi.fn();

const view = (id: string, state: CallView['state'], number: string | null = '+31612345678') =>
  ({ id, key: id.toLowerCase(), state, number }) as CallView;
const outbox = (failed: number): OutboxSummary => ({
  pending: 0,
  failed,
  waitingSettings: 0,
  failedItems: [],
});
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const tray = createTray({
    core,
    logger,
    showMain,
    quit,
    iconDir: '/res/icons',
    dataDir: '/data',
    logsDir: '/data/logs',
  });
  return { tray, native: electron.Tray.instances[0]! };
}

beforeEach(() => {
  electron.resetElectron();
  core = createFakeCore();
  problems.length = 0;
  vi.clearAllMocks();
});

describe('tray', () => {
  it('has exactly one icon with the menu items', async () => {
    const { native } = setup();
    await flush();
    expect(electron.Tray.instances).toHaveLength(1);
    expect(native.menu!.items.map((i) => i.id ?? i.type)).toEqual([
      'open',
      'separator',
      'status',
      'separator',
      'pause',
      'open-logs',
      'copy-diagnostics',
      'separator',
      'quit',
    ]);
    expect(native.item('open').label).toBe('Open CallPop');
    expect(native.item('pause')).toMatchObject({
      label: 'Pause popups',
      type: 'checkbox',
      checked: false,
      enabled: true,
    });
    expect(native.item('open-logs').label).toBe('Open logs folder');
    expect(native.item('copy-diagnostics').label).toBe('Copy diagnostics');
    expect(native.item('quit').label).toBe('Quit CallPop');
  });

  it('shows idle, ringing, in-call and problem states', async () => {
    const { native, tray } = setup();
    await flush();
    expect(tray.view().icon).toBe('idle');
    expect(native.image.path).toBe('/res/icons/idle.png');
    expect(native.tooltip).toBe('CallPop – No calls');
    expect(native.item('status').label).toBe('No calls');

    core.emit('call.updated', view('A1', 'ringing'));
    expect(native.image.path).toBe('/res/icons/ringing.png');
    expect(native.tooltip).toBe('CallPop – Ringing: +31612345678');

    core.emit('call.updated', view('A1', 'connected'));
    expect(native.image.path).toBe('/res/icons/in-call.png');
    expect(native.item('status').label).toBe('In a call');
    core.emit('call.updated', view('B2', 'connected', null));
    expect(native.item('status').label).toBe('In 2 calls');

    core.emit('call.updated', view('A1', 'ended'));
    core.emit('call.updated', view('B2', 'ended'));
    expect(native.image.path).toBe('/res/icons/idle.png');

    core.emit('outbox.changed', outbox(3));
    expect(native.image.path).toBe('/res/icons/problem.png');
    expect(native.item('status').label).toBe('3 deliveries failed');

    // A call beats a problem for the icon; the problem stays in the menu and tooltip.
    core.emit('call.updated', view('C3', 'ringing', null));
    expect(native.image.path).toBe('/res/icons/ringing.png');
    expect(native.item('status').label).toBe('Ringing: withheld number');
    expect(native.item('problem').label).toBe('3 deliveries failed');
    expect(native.tooltip).toBe('CallPop – Ringing: withheld number · 3 deliveries failed');
  });

  it('flags settings problems', async () => {
    const { native } = setup();
    core.emit('settings.changed', {
      settings: core.settings(),
      problems: [{ path: 'dbn.timeoutMs', message: 'too small' }],
      locked: [],
    });
    expect(native.image.path).toBe('/res/icons/problem.png');
    expect(native.item('status').label).toBe('1 setting needs attention');
  });

  it('says when a call source stops working, and clears it when it works again', async () => {
    const { native } = setup();
    await flush();
    const status = (state: 'ok' | 'down') => ({
      source: 'call-control' as const,
      state,
      message: state === 'down' ? 'cannot reach https://pbx' : 'following extension 1001',
      since: 0,
    });
    core.emit('sources.changed', [status('down')]);
    expect(native.image.path).toBe('/res/icons/problem.png');
    expect(native.item('status').label).toBe('1 call source not working');
    core.emit('sources.changed', [status('ok')]);
    expect(native.image.path).toBe('/res/icons/idle.png');
  });

  it('counts missed calls not looked at yet: badge, tooltip, and a menu item to the history', async () => {
    core.missedCount = 1;
    const { native } = setup();
    await flush();
    expect(native.image.path).toBe('/res/icons/idle-missed.png');
    expect(native.tooltip).toBe('CallPop – No calls · 1 missed call');
    expect(native.item('missed').label).toBe('1 missed call');

    core.emit('missed.changed', { count: 3, seenAt: 0 });
    expect(native.tooltip).toBe('CallPop – No calls · 3 missed calls');
    expect(native.item('missed').label).toBe('3 missed calls');
    // A ringing call takes the icon and keeps the badge.
    core.emit('call.updated', view('R1', 'ringing'));
    expect(native.image.path).toBe('/res/icons/ringing-missed.png');
    core.emit('call.updated', view('R1', 'ended'));

    native.item('missed').click!({ checked: false });
    await flush();
    expect(core.dispatch).toHaveBeenCalledWith('main.show', { to: 'history', kind: 'missed' });

    // Looked at (in any window): the badge and the line go.
    core.emit('missed.changed', { count: 0, seenAt: 5 });
    expect(native.image.path).toBe('/res/icons/idle.png');
    expect(native.tooltip).toBe('CallPop – No calls');
    expect(native.menu!.items.some((i) => i.id === 'missed')).toBe(false);
  });

  it('Pause popups writes popup.paused through settings.save and shows it checked', async () => {
    const { native } = setup();
    await flush();
    native.item('pause').click!({ checked: true });
    await flush();
    expect(core.dispatch).toHaveBeenCalledWith('settings.save', {
      patch: { popup: { paused: true } },
    });
    expect(core.settings().popup.paused).toBe(true);
    expect(native.item('pause').checked).toBe(true);
    expect(native.item('status').label).toBe('Popups paused');
    native.item('pause').click!({ checked: false });
    await flush();
    expect(core.settings().popup.paused).toBe(false);
    expect(native.item('pause').checked).toBe(false);
  });

  it('disables Pause popups when the machine file locks it', async () => {
    core.locked = ['popup.paused'];
    const { native } = setup();
    await flush();
    expect(native.item('pause').enabled).toBe(false);
    core.locked = ['popup'];
    core.setSettings((s) => s);
    expect(native.item('pause').enabled).toBe(false);
  });

  it('Open, click, Open logs folder and Quit do what they say', async () => {
    const { native } = setup();
    native.item('open').click!({ checked: false });
    native.emit('click');
    expect(showMain).toHaveBeenCalledTimes(2);
    native.item('open-logs').click!({ checked: false });
    expect(electron.shell.openPath).toHaveBeenCalledWith('/data/logs');
    native.item('quit').click!({ checked: false });
    expect(quit).toHaveBeenCalled();
  });

  it('copies diagnostics with versions, redacted settings, outbox counts and recent errors', async () => {
    core.setSettings((s) => ({
      ...s,
      dbn: { ...s.dbn, token: 'dbn-secret-123' },
      egards: { ...s.egards, apiKey: 'eg-key-456' },
    }));
    problems.push('2025-01-01T00:00:00.000Z ERROR DBN write-back failed: 500');
    const { native } = setup();
    native.item('copy-diagnostics').click!({ checked: false });
    await vi.waitFor(() => expect(electron.clipboard.writeText).toHaveBeenCalled());
    const text = electron.clipboard.text;
    expect(text).toContain('CallPop 0.1.0 diagnostics');
    expect(text).toContain(`node ${process.versions.node}`);
    expect(text).toContain('pending 1 · failed 0 · waiting for settings 0');
    expect(text).toContain('"token": "***"');
    expect(text).toContain('"apiKey": "***"');
    expect(text).not.toContain('dbn-secret-123');
    expect(text).not.toContain('eg-key-456');
    expect(text).toContain('DBN write-back failed: 500');
    expect(text).toContain('## Latency');
    expect(text).toMatch(
      /in-app \(received → painted\) p50 6\.5 ms · p95 9\.3 ms of 3 \(budget 16 ms\)/,
    );
    expect(text).toContain('- received → applied: p50 0.4 ms · p95 0.9 ms (3)');
  });

  it('speaks the configured language', async () => {
    core.setSettings((s) => ({ ...s, language: 'nl' }));
    const { native } = setup();
    expect(native.item('open').label).toBe('CallPop openen');
    core.setSettings((s) => ({ ...s, language: 'de' }));
    expect(native.item('quit').label).toBe('CallPop beenden');
  });

  it('destroys the icon and stops listening', () => {
    const { tray, native } = setup();
    tray.destroy();
    expect(native.destroyed).toBe(true);
    expect(core.listeners.size).toBe(0);
  });
});
