import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { DEFAULT_SETTINGS } from '../../../../shared/settings-schema';
import { createFakeApi } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

function withSettings(patch: (s: typeof DEFAULT_SETTINGS) => typeof DEFAULT_SETTINGS) {
  const fake = createFakeApi();
  const base = { ...DEFAULT_SETTINGS, app: { ...DEFAULT_SETTINGS.app, firstRunDone: true } };
  fake.settings = { settings: patch(base), problems: [], locked: [] };
  return fake;
}

describe('setup hints after the first run', () => {
  it('say that 3CX Call Control needs the extension when none is set', async () => {
    const fake = withSettings((s) => ({
      ...s,
      pbx: { ...s.pbx, callControl: { ...s.pbx.callControl, enabled: true } },
      agent: { ...s.agent, extension: '' },
    }));
    renderWithApi(fake);
    const hints = await screen.findByRole('region', { name: 'Setup is not finished' });
    expect(within(hints).getByText('No extension: the PBX features are off.')).toBeTruthy();
  });

  it('stay away while Call Control has the extension it needs', async () => {
    const fake = withSettings((s) => ({
      ...s,
      pbx: { ...s.pbx, callControl: { ...s.pbx.callControl, enabled: true } },
      agent: { ...s.agent, extension: '1001' },
    }));
    renderWithApi(fake);
    await screen.findByRole('heading', { name: 'CallPop', level: 1 });
    await flush(); // the settings have arrived
    expect(fake.api.getSettings).toHaveBeenCalled();
    expect(screen.queryByRole('region', { name: 'Setup is not finished' })).toBeNull();
  });
});
