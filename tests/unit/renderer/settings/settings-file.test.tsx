import { describe, expect, it, vi } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS } from '../../../../shared/settings-schema';
import { exportableSettings, importPatch } from '../../../../renderer/src/settings/settings-file';
import { createFakeApi } from '../fake-api';
import { renderWithApi } from '../render-app';

describe('settings file', () => {
  it('exports the machine-wide shape without secrets or this desktop’s setup flag', () => {
    const settings = structuredClone(DEFAULT_SETTINGS);
    settings.dbn.token = '***';
    settings.agent.email = 'a@example.com';
    const out = exportableSettings(settings) as typeof settings;
    expect(out.agent.email).toBe('a@example.com');
    expect('token' in out.dbn).toBe(false);
    expect('apiKey' in out.egards).toBe(false);
    expect('firstRunDone' in out.app).toBe(false);
    expect(Object.keys(out).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('exports the keys and passwords only when asked, and never an empty one', () => {
    const settings = structuredClone(DEFAULT_SETTINGS);
    settings.dbn.token = 'dbn-token-1';
    const out = exportableSettings(settings, { withSecrets: true }) as typeof settings;
    expect(out.dbn.token).toBe('dbn-token-1');
    // An empty key would blank the key of the desktop the file is imported on.
    expect('apiKey' in out.egards).toBe(false);
    expect('token' in (exportableSettings(settings) as typeof settings).dbn).toBe(false);
  });

  it('reads a file as a patch; a machine-wide file’s locks are not the user’s', () => {
    expect(importPatch('{"agent":{"extension":"1001"},"locked":["agent"]}')).toEqual({
      ok: true,
      patch: { agent: { extension: '1001' } },
      skippedLocked: [],
    });
    // Keys locked on this desktop are left out (saving them would refuse the whole file).
    expect(
      importPatch('\uFEFF{"popup":{"corner":"top-left"},"agent":{"extension":"1001"}}', [
        'popup.corner',
      ]),
    ).toEqual({
      ok: true,
      patch: { agent: { extension: '1001' } },
      skippedLocked: ['popup.corner'],
    });
    expect(importPatch('not json')).toEqual({ ok: false, reason: 'not-json' });
    expect(importPatch('[1,2]')).toEqual({ ok: false, reason: 'not-object' });
  });

  it('imports a chosen file through settings.save and says so', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderWithApi(fake);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const group = await screen.findByRole('group', { name: 'Settings file' });
    const input = within(group).getByLabelText('Import settings') as HTMLInputElement;
    const file = new File(['{"popup":{"corner":"top-left"}}'], 'callpop.json', {
      type: 'application/json',
    });
    await user.upload(input, file);
    await waitFor(() =>
      expect(fake.api.saveSettings).toHaveBeenCalledWith({ popup: { corner: 'top-left' } }),
    );
    expect(await within(group).findByText('Settings imported')).toBeTruthy();
  });

  it('exports through main, with keys and passwords only when the box is ticked', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    const downloads: string[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      void blob.text().then((text) => downloads.push(text));
      return 'blob:settings';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    fake.handle('settings.export', ({ withSecrets }) => ({
      ok: true,
      value: JSON.stringify({ dbn: withSecrets ? { token: 'from-main' } : {} }),
    }));
    renderWithApi(fake);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const group = await screen.findByRole('group', { name: 'Settings file' });
    const box = within(group).getByRole('checkbox', { name: 'Include keys and passwords' });
    expect(box).toHaveProperty('checked', false);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /Anyone with the file can use these keys/,
    );
    await user.click(within(group).getByRole('button', { name: 'Export settings' }));
    expect(
      await within(group).findByText('Settings exported (without keys and passwords)'),
    ).toBeTruthy();
    await user.click(box);
    await user.click(within(group).getByRole('button', { name: 'Export settings' }));
    expect(
      await within(group).findByText(
        'Settings exported with keys and passwords: keep the file safe',
      ),
    ).toBeTruthy();
    expect(fake.api.exportSettings.mock.calls).toEqual([[false], [true]]);
    await waitFor(() => expect(downloads).toEqual(['{"dbn":{}}', '{"dbn":{"token":"from-main"}}']));
  });

  it('imports around the keys the administrator locked and says how many stayed', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.settings = { ...fake.settings, locked: ['popup.corner'] };
    renderWithApi(fake);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const group = await screen.findByRole('group', { name: 'Settings file' });
    const file = new File(['{"popup":{"corner":"top-left","showOn":"answer"}}'], 'c.json');
    await user.upload(within(group).getByLabelText('Import settings') as HTMLInputElement, file);
    await waitFor(() =>
      expect(fake.api.saveSettings).toHaveBeenCalledWith({ popup: { showOn: 'answer' } }),
    );
    expect(
      await within(group).findByText(
        'Settings imported; 1 setting your administrator locked stays as it is',
      ),
    ).toBeTruthy();
  });
});
