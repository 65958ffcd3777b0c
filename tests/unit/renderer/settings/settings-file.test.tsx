import { describe, expect, it } from 'vitest';
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

  it('reads a file as a patch; a machine-wide file’s locks are not the user’s', () => {
    expect(importPatch('{"agent":{"extension":"1001"},"locked":["agent"]}')).toEqual({
      ok: true,
      patch: { agent: { extension: '1001' } },
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
});
