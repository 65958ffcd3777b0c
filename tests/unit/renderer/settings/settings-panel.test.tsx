import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS, REDACTED, type Settings } from '../../../../shared/settings-schema';
import type { SettingsView } from '../../../../shared/ipc';
import { createFakeApi, makeCall, type FakeApi } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: Json, patch: Json, { fromUi = false } = {}): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (fromUi && v === REDACTED) continue; // '***' leaves a secret unchanged, as main does
    out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Json, v, { fromUi }) : v;
  }
  return out;
}

/** A fake main whose settings.save applies the patch and pushes settings.changed. */
function fakeMain(settings: Partial<Settings> = {}, view: Partial<SettingsView> = {}): FakeApi {
  const fake = createFakeApi();
  fake.settings = {
    settings: merge(DEFAULT_SETTINGS as unknown as Json, settings as Json) as unknown as Settings,
    problems: [],
    locked: [],
    ...view,
  };
  fake.handle('settings.save', ({ patch }) => {
    const next = merge(fake.settings.settings as unknown as Json, patch, { fromUi: true });
    fake.settings = { ...fake.settings, settings: next as unknown as Settings };
    fake.emit('settings.changed', fake.settings);
    return { ok: true, value: fake.settings };
  });
  return fake;
}

async function openSettings(fake: FakeApi) {
  const user = userEvent.setup();
  const utils = renderWithApi(fake);
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  const panel = await screen.findByRole('region', { name: 'Settings' });
  await within(panel).findByRole('group', { name: 'Agent' });
  const group = (name: string) => within(panel).getByRole('group', { name });
  return { user, panel, group, ...utils };
}

/** The text of every element an element's aria-describedby names. */
function description(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

const savedPatch = (fake: FakeApi) => fake.api.saveSettings.mock.calls.at(-1)?.[0];

describe('settings view', () => {
  it('opens from the top bar with the current values, and closes back to the detail', async () => {
    const fake = fakeMain({
      agent: { extension: '1001', email: 'a@example.com', agentId: 'A7', defaultCountry: 'BE' },
      popup: { showOn: 'answer', corner: 'top-left', paused: true },
      dbn: {
        enabled: true,
        baseUrl: 'https://dbn.example.com',
        token: '',
        method: 'POST',
        timeoutMs: 5000,
      },
    });
    const { user, panel, group } = await openSettings(fake);

    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Settings' }));
    const agent = group('Agent');
    expect(within(agent).getByRole('textbox', { name: 'Extension' })).toHaveProperty(
      'value',
      '1001',
    );
    expect(within(agent).getByRole('textbox', { name: 'E-mail' })).toHaveProperty(
      'value',
      'a@example.com',
    );
    expect(within(agent).getByRole('textbox', { name: 'Agent ID' })).toHaveProperty('value', 'A7');
    const country = within(agent).getByRole('combobox', { name: 'Default country' });
    expect(country).toHaveProperty('value', 'BE');
    const codes = within(country)
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(codes).toEqual(expect.arrayContaining(['NL', 'BE', 'DE', 'GB', 'FR', 'RU', 'US']));

    const popup = group('Popup');
    expect(within(popup).getByRole('combobox', { name: 'Show the card on' })).toHaveProperty(
      'value',
      'answer',
    );
    expect(within(popup).getByRole('combobox', { name: 'Corner' })).toHaveProperty(
      'value',
      'top-left',
    );
    expect(within(popup).getByRole('checkbox', { name: 'Pause popups' })).toHaveProperty(
      'checked',
      true,
    );
    const dbn = group('DBN CRM');
    expect(within(dbn).getByRole('checkbox', { name: 'Enabled' })).toHaveProperty('checked', true);
    expect(within(dbn).getByRole('textbox', { name: 'Base URL' })).toHaveProperty(
      'value',
      'https://dbn.example.com',
    );
    expect(within(dbn).getByRole('combobox', { name: 'Method' })).toHaveProperty('value', 'POST');
    expect(within(dbn).getByRole('spinbutton', { name: 'Timeout (ms)' })).toHaveProperty(
      'value',
      '5000',
    );
    expect(
      within(group('Matching')).getByRole('spinbutton', { name: 'Digits for suffix matching' }),
    ).toHaveProperty('value', '9');
    expect(within(group('App')).getByRole('checkbox', { name: 'Start at login' })).toHaveProperty(
      'checked',
      true,
    );

    await user.click(within(panel).getByRole('button', { name: 'Close settings' }));
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Call details' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('closes with Escape', async () => {
    const { user } = await openSettings(fakeMain());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
  });

  it('sends exactly the changed fields as a nested patch', async () => {
    const fake = fakeMain();
    const { user, panel, group } = await openSettings(fake);
    const agent = group('Agent');
    await user.type(within(agent).getByRole('textbox', { name: 'E-mail' }), 'agent@example.com');
    await user.type(within(agent).getByRole('textbox', { name: 'Extension' }), '1001');
    expect(within(panel).getByText('Unsaved changes')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    await flush();

    expect(fake.api.saveSettings).toHaveBeenCalledTimes(1);
    expect(savedPatch(fake)).toEqual({
      agent: { email: 'agent@example.com', extension: '1001' },
    });
    expect(within(panel).getByRole('status').textContent).toBe('Settings saved');
    expect(within(panel).queryByText('Unsaved changes')).toBeNull();
    expect(within(agent).getByRole('textbox', { name: 'E-mail' })).toHaveProperty(
      'value',
      'agent@example.com',
    );
  });

  it('sends numbers as numbers and booleans as booleans', async () => {
    const fake = fakeMain();
    const { user, panel, group } = await openSettings(fake);
    const digits = within(group('Matching')).getByRole('spinbutton', {
      name: 'Digits for suffix matching',
    });
    await user.clear(digits);
    await user.type(digits, '7');
    await user.click(within(group('Popup')).getByRole('checkbox', { name: 'Pause popups' }));
    const dbn = group('DBN CRM');
    await user.click(within(dbn).getByRole('checkbox', { name: 'Enabled' }));
    await user.selectOptions(within(dbn).getByRole('combobox', { name: 'Method' }), 'POST');
    const timeout = within(dbn).getByRole('spinbutton', { name: 'Timeout (ms)' });
    await user.clear(timeout);
    await user.type(timeout, '2500');
    await user.click(within(group('App')).getByRole('checkbox', { name: 'Start at login' }));
    await user.selectOptions(
      within(group('Egards')).getByRole('combobox', { name: 'Environment' }),
      'custom',
    );
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    await flush();

    expect(savedPatch(fake)).toEqual({
      popup: { paused: true },
      matching: { suffixDigits: 7 },
      dbn: { enabled: true, method: 'POST', timeoutMs: 2500 },
      egards: { environment: 'custom' },
      app: { openAtLogin: false },
    });
  });

  it('does not send a number field that is not a whole number', async () => {
    const fake = fakeMain();
    const { user, panel, group } = await openSettings(fake);
    const timeout = within(group('DBN CRM')).getByRole('spinbutton', { name: 'Timeout (ms)' });
    await user.clear(timeout);
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    expect(fake.api.saveSettings).not.toHaveBeenCalled();
    expect(within(panel).getByRole('alert').textContent).toBe('Enter a whole number');
    expect(description(timeout)).toContain('Enter a whole number');
    expect(document.activeElement).toBe(timeout);
  });

  it('shows a saved secret as an empty field and leaves it unchanged unless replaced', async () => {
    const fake = fakeMain({
      dbn: { ...DEFAULT_SETTINGS.dbn, token: REDACTED },
      egards: { ...DEFAULT_SETTINGS.egards, apiKey: '' },
    });
    const { user, panel, group } = await openSettings(fake);
    const token = within(group('DBN CRM')).getByLabelText('Token') as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(token.placeholder).toBe('Saved — type to replace');
    const apiKey = within(group('Egards')).getByLabelText('API key') as HTMLInputElement;
    expect(apiKey.type).toBe('password');
    expect(apiKey.placeholder).toBe('');

    await user.type(within(group('Agent')).getByRole('textbox', { name: 'Agent ID' }), 'A1');
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    await flush();
    expect(savedPatch(fake)).toEqual({ agent: { agentId: 'A1' } });

    await user.type(token, 's3cret');
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    await flush();
    expect(savedPatch(fake)).toEqual({ dbn: { token: 's3cret' } });
    // The typed secret is not kept on screen once main has it.
    expect(token.value).toBe('');
  });

  it('disables locked settings, says why, and never sends them', async () => {
    const fake = fakeMain({}, { locked: ['dbn', 'agent.email'] });
    const { user, panel, group } = await openSettings(fake);
    const agent = group('Agent');
    const email = within(agent).getByRole('textbox', { name: 'E-mail' }) as HTMLInputElement;
    expect(email.readOnly).toBe(true);
    expect(description(email)).toContain('Locked by your administrator');
    const extension = within(agent).getByRole('textbox', { name: 'Extension' }) as HTMLInputElement;
    expect(extension.readOnly).toBe(false);
    expect(description(extension)).not.toContain('Locked');

    const dbn = group('DBN CRM');
    const enabled = within(dbn).getByRole('checkbox', { name: 'Enabled' }) as HTMLInputElement;
    expect(enabled.disabled).toBe(true);
    expect(description(enabled)).toContain('Locked by your administrator');
    expect(within(dbn).getByRole('combobox', { name: 'Method' })).toHaveProperty('disabled', true);
    expect(within(dbn).getByRole('textbox', { name: 'Base URL' })).toHaveProperty('readOnly', true);
    expect(within(dbn).getByLabelText('Token')).toHaveProperty('readOnly', true);

    await user.type(email, 'x@example.com');
    await user.click(enabled);
    await user.type(extension, '42');
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    await flush();
    expect(savedPatch(fake)).toEqual({ agent: { extension: '42' } });
  });

  it('shows a refused save in an alert and keeps what the agent typed', async () => {
    const fake = fakeMain();
    const error =
      'dbn.timeoutMs: Too small: expected number to be >=100; agent.email: Invalid email';
    fake.handle('settings.save', () => ({
      ok: false,
      error: {
        code: 'invalid-settings',
        message: error,
        fields: {
          'dbn.timeoutMs': 'Too small: expected number to be >=100',
          'agent.email': 'Invalid email',
        },
      },
    }));
    const { user, panel, group } = await openSettings(fake);
    const agent = group('Agent');
    const email = within(agent).getByRole('textbox', { name: 'E-mail' });
    await user.type(email, 'not-an-email');
    const timeout = within(group('DBN CRM')).getByRole('spinbutton', { name: 'Timeout (ms)' });
    await user.clear(timeout);
    await user.type(timeout, '5');
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    await flush();

    expect(within(panel).getByRole('alert').textContent).toContain(error);
    expect(email).toHaveProperty('value', 'not-an-email');
    expect(timeout).toHaveProperty('value', '5');
    expect(description(email)).toContain('Invalid email');
    expect(description(timeout)).toContain('Too small: expected number to be >=100');
    expect(within(panel).getByText('Unsaved changes')).toBeTruthy();
  });

  it('shows problems from the settings file next to their control', async () => {
    const fake = fakeMain({}, { problems: [{ path: 'egards.baseUrl', message: 'Invalid URL' }] });
    const { group } = await openSettings(fake);
    const baseUrl = within(group('Egards')).getByRole('textbox', { name: 'Base URL' });
    expect(description(baseUrl)).toContain('Invalid URL');
    expect(description(baseUrl)).toContain('Used only with the Custom environment');
    expect(baseUrl.getAttribute('aria-invalid')).toBe('true');
  });

  it('refreshes from a settings.changed push, keeping only what the agent is editing', async () => {
    const fake = fakeMain();
    const { user, group } = await openSettings(fake);
    const paused = within(group('Popup')).getByRole('checkbox', { name: 'Pause popups' });
    expect(paused).toHaveProperty('checked', false);

    // The tray toggled Pause popups: the untouched form follows.
    const pushed = (patch: Json) => ({
      ...fake.settings,
      settings: merge(fake.settings.settings as unknown as Json, patch) as unknown as Settings,
    });
    act(() => fake.emit('settings.changed', pushed({ popup: { paused: true } })));
    await waitFor(() => expect(paused).toHaveProperty('checked', true));

    const email = within(group('Agent')).getByRole('textbox', { name: 'E-mail' });
    await user.type(email, 'mine@example.com');
    act(() =>
      fake.emit(
        'settings.changed',
        pushed({ popup: { paused: false }, agent: { email: 'theirs@example.com' } }),
      ),
    );
    await waitFor(() => expect(paused).toHaveProperty('checked', false));
    expect(email).toHaveProperty('value', 'mine@example.com');
  });

  it('keeps unsaved edits while a call is shown, and discards them on request', async () => {
    const fake = fakeMain();
    const call = makeCall({ id: 'c1', state: 'ended', outcome: 'answered' });
    fake.calls.set(call.key, call);
    const { user, group } = await openSettings(fake);
    await user.type(within(group('Agent')).getByRole('textbox', { name: 'Extension' }), '12');
    // Choosing a call shows it in place of the settings.
    await user.click(screen.getByRole('button', { name: /Incoming/ }));
    expect(await screen.findByRole('article', { name: 'Call from 06 12345678' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const again = await screen.findByRole('region', { name: 'Settings' });
    const extension = within(again).getByRole('textbox', { name: 'Extension' });
    expect(extension).toHaveProperty('value', '12');

    await user.click(within(again).getByRole('button', { name: 'Discard changes' }));
    expect(extension).toHaveProperty('value', '');
    await user.click(within(again).getByRole('button', { name: 'Save settings' }));
    expect(fake.api.saveSettings).not.toHaveBeenCalled();
    expect(within(again).getByRole('status').textContent).toBe('No changes to save');
  });

  it('switches the UI language when a language is saved', async () => {
    const fake = fakeMain();
    const { user, panel, group } = await openSettings(fake);
    await user.selectOptions(
      within(group('Language')).getByRole('combobox', { name: 'User interface language' }),
      'nl',
    );
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    await flush();

    expect(savedPatch(fake)).toEqual({ language: 'nl' });
    expect(within(panel).getByRole('heading', { name: 'Instellingen' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Instellingen opslaan' })).toBeTruthy();
    expect(within(panel).getByRole('status').textContent).toBe('Instellingen opgeslagen');
    expect(document.documentElement.lang).toBe('nl');

    await user.selectOptions(
      within(panel).getByRole('combobox', { name: 'Taal van de gebruikersinterface' }),
      'auto',
    );
    await user.click(within(panel).getByRole('button', { name: 'Instellingen opslaan' }));
    await flush();
    // jsdom's navigator speaks en-US.
    expect(within(panel).getByRole('heading', { name: 'Settings' })).toBeTruthy();
  });
});
