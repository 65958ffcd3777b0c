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
  await within(panel).findByRole('group', { name: 'You' });
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
  it('opens from the top bar with the current values, and closes back to the history', async () => {
    const fake = fakeMain({
      agent: { extension: '1001', email: 'a@example.com', agentId: 'A7', defaultCountry: 'BE' },
      popup: {
        showOn: 'answer',
        corner: 'top-left',
        paused: true,
        keepMissed: true,
        foldAfterMinutes: 5,
      },
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
    const agent = group('You');
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

    const popup = group('Call cards');
    expect(within(popup).getByRole('combobox', { name: 'Show the card on' })).toHaveProperty(
      'value',
      'answer',
    );
    expect(within(popup).getByRole('combobox', { name: 'Corner' })).toHaveProperty(
      'value',
      'top-left',
    );
    expect(
      within(popup).getByRole('switch', { name: 'Pause popups' }).getAttribute('aria-checked'),
    ).toBe('true');
    const dbn = group('Customer lookup (DBN CRM)');
    expect(within(dbn).getByRole('switch', { name: 'Enabled' }).getAttribute('aria-checked')).toBe(
      'true',
    );
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
      within(group('Phone numbers and dialling')).getByRole('spinbutton', {
        name: 'Digits for suffix matching',
      }),
    ).toHaveProperty('value', '9');
    expect(
      within(group('App and language'))
        .getByRole('switch', { name: 'Start at login' })
        .getAttribute('aria-checked'),
    ).toBe('true');

    await user.click(within(panel).getByRole('button', { name: 'Close settings' }));
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Call history' })).toBeTruthy();
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
    const agent = group('You');
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

  it('chooses the call source and sets up Call Control, with what 3CX needs explained', async () => {
    const fake = fakeMain();
    const { user, panel, group } = await openSettings(fake);
    const source = within(group('Call events')).getByRole('combobox', {
      name: 'Where calls come from',
    });
    expect(
      within(source)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      '3CX Assistant only',
      'REST API live calls (polled)',
      '3CX Call Control API',
      'Automatic',
    ]);
    await user.selectOptions(source, 'call-control');
    const cc = group('3CX Call Control (V20)');
    const enabled = within(cc).getByRole('switch', { name: 'Enabled' });
    expect(description(enabled)).toMatch(/Enterprise licence.*Call Control API access/);
    await user.click(enabled);
    await user.type(
      within(cc).getByRole('textbox', { name: 'PBX address' }),
      'https://pbx.example.com',
    );
    await user.type(within(cc).getByRole('textbox', { name: 'Client ID' }), 'callpop');
    await user.type(within(cc).getByLabelText('Client secret'), 's3cret-value');
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    await flush();
    expect(savedPatch(fake)).toEqual({
      events: { source: 'call-control' },
      pbx: {
        callControl: {
          enabled: true,
          baseUrl: 'https://pbx.example.com',
          clientId: 'callpop',
          clientSecret: 's3cret-value',
        },
      },
    });
    // Typing is slow on a busy machine: a generous guard, not a timing assertion.
  }, 30_000);

  it('Test connection says which Call Control set-up step is missing', async () => {
    const fake = fakeMain();
    fake.handle('callcontrol.test', () => ({
      ok: true,
      value: {
        ok: false,
        kind: 'not-monitored',
        message: "extension 1001 is not among the API client's monitored extensions",
      },
    }));
    const { user, group } = await openSettings(fake);
    const cc = group('3CX Call Control (V20)');
    await user.click(within(cc).getByRole('button', { name: 'Test connection' }));
    const alert = await within(cc).findByText(/^Extension not monitored/);
    expect(alert.textContent).toBe(
      "Extension not monitored: add this agent's extension to the API client's monitored extensions — extension 1001 is not among the API client's monitored extensions",
    );
    expect(fake.api.testCallControl).toHaveBeenCalledTimes(1);
  }, 30_000);

  it('sends numbers as numbers and booleans as booleans', async () => {
    const fake = fakeMain();
    const { user, panel, group } = await openSettings(fake);
    const digits = within(group('Phone numbers and dialling')).getByRole('spinbutton', {
      name: 'Digits for suffix matching',
    });
    await user.clear(digits);
    await user.type(digits, '7');
    await user.click(within(group('Call cards')).getByRole('switch', { name: 'Pause popups' }));
    const dbn = group('Customer lookup (DBN CRM)');
    await user.click(within(dbn).getByRole('switch', { name: 'Enabled' }));
    await user.selectOptions(within(dbn).getByRole('combobox', { name: 'Method' }), 'POST');
    const timeout = within(dbn).getByRole('spinbutton', { name: 'Timeout (ms)' });
    await user.clear(timeout);
    await user.type(timeout, '2500');
    await user.click(
      within(group('App and language')).getByRole('switch', { name: 'Start at login' }),
    );
    await user.selectOptions(
      within(group('Call reports (Egards)')).getByRole('combobox', { name: 'Environment' }),
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
    const timeout = within(group('Customer lookup (DBN CRM)')).getByRole('spinbutton', {
      name: 'Timeout (ms)',
    });
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
    const token = within(group('Customer lookup (DBN CRM)')).getByLabelText(
      'Token',
    ) as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(token.placeholder).toBe('Saved — type to replace');
    const apiKey = within(group('Call reports (Egards)')).getByLabelText(
      'API key',
    ) as HTMLInputElement;
    expect(apiKey.type).toBe('password');
    expect(apiKey.placeholder).toBe('');

    await user.type(within(group('You')).getByRole('textbox', { name: 'Agent ID' }), 'A1');
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
    const agent = group('You');
    const email = within(agent).getByRole('textbox', { name: 'E-mail' }) as HTMLInputElement;
    expect(email.readOnly).toBe(true);
    expect(description(email)).toContain('Locked by your administrator');
    const extension = within(agent).getByRole('textbox', { name: 'Extension' }) as HTMLInputElement;
    expect(extension.readOnly).toBe(false);
    expect(description(extension)).not.toContain('Locked');

    const dbn = group('Customer lookup (DBN CRM)');
    const enabled = within(dbn).getByRole('switch', { name: 'Enabled' }) as HTMLButtonElement;
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
    const agent = group('You');
    const email = within(agent).getByRole('textbox', { name: 'E-mail' });
    await user.type(email, 'not-an-email');
    const timeout = within(group('Customer lookup (DBN CRM)')).getByRole('spinbutton', {
      name: 'Timeout (ms)',
    });
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
    const baseUrl = within(group('Call reports (Egards)')).getByRole('textbox', {
      name: 'Base URL',
    });
    expect(description(baseUrl)).toContain('Invalid URL');
    expect(description(baseUrl)).toContain('Used only with the Custom environment');
    expect(baseUrl.getAttribute('aria-invalid')).toBe('true');
  });

  it('refreshes from a settings.changed push, keeping only what the agent is editing', async () => {
    const fake = fakeMain();
    const { user, group } = await openSettings(fake);
    const paused = within(group('Call cards')).getByRole('switch', { name: 'Pause popups' });
    expect(paused.getAttribute('aria-checked')).toBe('false');

    // The tray toggled Pause popups: the untouched form follows.
    const pushed = (patch: Json) => ({
      ...fake.settings,
      settings: merge(fake.settings.settings as unknown as Json, patch) as unknown as Settings,
    });
    act(() => fake.emit('settings.changed', pushed({ popup: { paused: true } })));
    await waitFor(() => expect(paused.getAttribute('aria-checked')).toBe('true'));

    const email = within(group('You')).getByRole('textbox', { name: 'E-mail' });
    await user.type(email, 'mine@example.com');
    act(() =>
      fake.emit(
        'settings.changed',
        pushed({ popup: { paused: false }, agent: { email: 'theirs@example.com' } }),
      ),
    );
    await waitFor(() => expect(paused.getAttribute('aria-checked')).toBe('false'));
    expect(email).toHaveProperty('value', 'mine@example.com');
  });

  it('keeps unsaved edits while a call is shown, and discards them on request', async () => {
    const fake = fakeMain();
    const call = makeCall({ id: 'c1', state: 'ended', outcome: 'answered' });
    fake.calls.set(call.key, call);
    const { user, group } = await openSettings(fake);
    await user.type(within(group('You')).getByRole('textbox', { name: 'Extension' }), '12');
    // Settings closed, a call opened: the edits wait for the next visit.
    await user.click(screen.getByRole('button', { name: 'Close settings' }));
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
      within(group('App and language')).getByRole('combobox', { name: 'User interface language' }),
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
