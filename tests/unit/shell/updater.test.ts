// @vitest-environment node
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createAutoUpdate, UPDATE_CHECK_INTERVAL_MS } from '../../../electron/shell/updater';

function fakeUpdater() {
  return Object.assign(new EventEmitter(), {
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null as unknown,
  });
}
const logger = () => ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() });

function setup(isPackaged = true) {
  const updater = fakeUpdater();
  const log = logger();
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const loadUpdater = vi.fn(async () => updater as never);
  const auto = createAutoUpdate({
    logger: log,
    isPackaged,
    loadUpdater,
    setInterval: (fn, ms) => {
      timers.push({ fn, ms });
      return {};
    },
    clearInterval: vi.fn(),
  });
  return { updater, log, timers, loadUpdater, auto };
}

describe('auto-update', () => {
  it('stays off (and does not even load electron-updater) while the URL is empty', async () => {
    const { auto, loadUpdater } = setup();
    await auto.configure('');
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it('uses the generic provider with the configured URL and checks periodically', async () => {
    const { auto, updater, timers } = setup();
    await auto.configure('https://updates.example.com/callpop/');
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://updates.example.com/callpop/',
    });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(timers).toEqual([{ fn: expect.any(Function), ms: UPDATE_CHECK_INTERVAL_MS }]);
    timers[0]!.fn();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('is off in an unpackaged app', async () => {
    const { auto, loadUpdater, log } = setup(false);
    await auto.configure('https://updates.example.com/');
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalled();
  });

  it('logs and survives errors: a failed check, an error event, a failing load', async () => {
    const { auto, updater, log } = setup();
    updater.checkForUpdates.mockRejectedValueOnce(new Error('ENOTFOUND'));
    await auto.configure('https://updates.example.com/');
    await new Promise((r) => setTimeout(r, 0));
    expect(log.warn).toHaveBeenCalledWith('Update check failed', { error: 'Error: ENOTFOUND' });
    updater.emit('error', new Error('sha512 checksum mismatch'));
    expect(log.warn).toHaveBeenCalledWith('Auto-update error', {
      error: 'sha512 checksum mismatch',
    });

    const broken = createAutoUpdate({
      logger: log,
      isPackaged: true,
      loadUpdater: async () => {
        throw new Error('cannot load');
      },
    });
    await expect(broken.configure('https://x.example/')).resolves.toBeUndefined();
    expect(log.warn).toHaveBeenCalledWith('Auto-update could not start', {
      error: 'Error: cannot load',
    });
  });

  it('follows URL changes and turns off when cleared', async () => {
    const { auto, updater, loadUpdater } = setup();
    await auto.configure('https://a.example/');
    await auto.configure('https://a.example/');
    await auto.configure('https://b.example/');
    expect(loadUpdater).toHaveBeenCalledTimes(1);
    expect(updater.setFeedURL).toHaveBeenLastCalledWith({
      provider: 'generic',
      url: 'https://b.example/',
    });
    await auto.configure('');
    const checks = updater.checkForUpdates.mock.calls.length;
    await auto.configure('');
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(checks);
  });
});
