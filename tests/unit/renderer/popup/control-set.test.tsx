// Which call controls a card shows when both the HTTP API and V20 Call Control are set up: one
// set, never both; Call Control's when it is the configured event source and follows the call.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { SourceStatus } from '../../../../shared/ipc';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings-schema';
import { controlSet } from '../../../../renderer/src/popup/control-set';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

const cc = (state: SourceStatus['state']): SourceStatus => ({
  source: 'call-control',
  state,
  message: 'following extension 1001',
  since: 0,
});

function settings(
  source: Settings['events']['source'],
  http: boolean,
  callControl: boolean,
): Settings {
  const s = structuredClone(DEFAULT_SETTINGS);
  s.events.source = source;
  s.pbx.httpApi.enabled = http;
  s.pbx.callControl.enabled = callControl;
  return s;
}

describe('the card control rule', () => {
  it('picks Call Control when it is the event source and follows the call', () => {
    expect(controlSet(settings('call-control', true, true), [cc('ok')])).toBe('call-control');
    expect(controlSet(settings('auto', true, true), [cc('ok')])).toBe('call-control');
  });

  it('picks the HTTP API when Call Control is not the event source or not following', () => {
    expect(controlSet(settings('assistant', true, true), [cc('ok')])).toBe('http-api');
    expect(controlSet(settings('rest-poll', true, true), [cc('ok')])).toBe('http-api');
    // auto without Call Control switched on: it is no source, whatever a status says.
    expect(controlSet(settings('auto', true, false), [cc('ok')])).toBe('http-api');
    // The source is Call Control but it is down: the HTTP API still acts on the extension.
    expect(controlSet(settings('call-control', true, true), [cc('down')])).toBe('http-api');
    expect(controlSet(settings('call-control', true, true), [])).toBe('http-api');
  });

  it('falls back to the one that can act, and to none', () => {
    expect(controlSet(settings('call-control', false, true), [cc('ok')])).toBe('call-control');
    expect(controlSet(settings('assistant', false, true), [cc('ok')])).toBe('call-control');
    expect(controlSet(settings('assistant', false, false), [])).toBeNull();
    expect(controlSet(settings('call-control', false, true), [cc('down')])).toBeNull();
    expect(controlSet(undefined, [cc('ok')])).toBeNull();
  });
});

describe('a card with both APIs set up', () => {
  async function card(source: Settings['events']['source']) {
    const fake = createFakeApi({ popups: [makeCall({ id: 'B1', state: 'connected' })] });
    fake.settings = { settings: settings(source, true, true), problems: [], locked: [] };
    fake.sources = [cc('ok')];
    window.location.hash = '#/popup';
    renderWithApi(fake);
    await flush();
    await flush();
    return screen.getByRole('dialog', { name: /06 12345678/ });
  }

  it('shows only Call Control’s set when Call Control is the event source', async () => {
    const c = await card('call-control');
    expect(await within(c).findByRole('button', { name: 'Hang up' })).toBeTruthy();
    expect(within(c).getAllByRole('button', { name: 'Hang up' })).toHaveLength(1);
    expect(within(c).queryByRole('button', { name: 'Park' })).toBeNull();
    expect(within(c).queryByRole('group', { name: 'Call control' })).toBeNull();
  });

  it('shows only the HTTP API’s set when the Assistant reports the calls', async () => {
    const c = await card('assistant');
    expect(await within(c).findByRole('button', { name: 'Park' })).toBeTruthy();
    expect(within(c).getAllByRole('button', { name: 'Hang up' })).toHaveLength(1);
  });
});
