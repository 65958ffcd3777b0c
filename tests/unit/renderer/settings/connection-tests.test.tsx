// Settings' Test connection blocks for DBN and Egards (one component for every system), the
// dialer.via control with what the chosen way still lacks, and every setting having a control.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS, REDACTED, type Settings } from '../../../../shared/settings-schema';
import type { DbnTestResult, EgardsTestResult } from '../../../../shared/crm-tests';
import { createFakeApi, type FakeApi } from '../fake-api';
import { renderWithApi } from '../render-app';

function withSettings(change: (s: Settings) => void): FakeApi {
  const fake = createFakeApi();
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.app.firstRunDone = true;
  change(settings);
  fake.settings = { settings, problems: [], locked: [] };
  fake.handle('settings.save', () => ({ ok: true, value: fake.settings }));
  return fake;
}

async function openSettings(fake: FakeApi) {
  const user = userEvent.setup();
  renderWithApi(fake);
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  const panel = await screen.findByRole('region', { name: 'Settings' });
  await within(panel).findByRole('group', { name: 'You' });
  return { user, group: (name: string) => within(panel).getByRole('group', { name }) };
}

const describedText = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

const dbnAnswer: DbnTestResult = {
  ok: true,
  number: '0201234567',
  request: 'GET http://dbn.test/3cx/query?cid=0201234567&token=***',
  status: 200,
  ms: 12,
  known: false,
  fields: { success: 'false' },
  answer: '{ "success": false, }',
  error: null,
  switchedOff: true,
};

describe('Test connection for DBN', () => {
  it('looks up the number the agent typed and shows the request, status and answer', async () => {
    const fake = withSettings(() => undefined);
    fake.handle('dbn.test', () => ({ ok: true, value: dbnAnswer }));
    const { user, group } = await openSettings(fake);
    const dbn = group('Customer lookup (DBN CRM)');
    const number = within(dbn).getByRole('textbox', { name: 'Test number' });
    expect(number).toHaveProperty('value', '0000000000');
    await user.clear(number);
    await user.type(number, '020 123 4567');
    await user.click(within(dbn).getByRole('button', { name: 'Test connection' }));
    expect(
      await within(dbn).findByText('DBN answered: 0201234567 is not a known customer.'),
    ).toBeTruthy();
    expect(fake.api.testDbn).toHaveBeenCalledWith('020 123 4567');
    const result = dbn.querySelector('.connection-test-result') as HTMLElement;
    expect(result.getAttribute('aria-live')).toBe('polite');
    expect(result.textContent).toContain('GET http://dbn.test/3cx/query?cid=0201234567&token=***');
    expect(result.textContent).toContain('HTTP 200 in 12 ms');
    expect(result.textContent).toContain('success: false');
    expect(result.textContent).toContain('DBN is switched off');
  }, 30_000);

  it("offers the agent's own extension as the test number", async () => {
    const fake = withSettings((s) => {
      s.agent.extension = '1001';
    });
    fake.handle('dbn.test', () => ({ ok: true, value: { ...dbnAnswer, number: '1001' } }));
    const { user, group } = await openSettings(fake);
    const dbn = group('Customer lookup (DBN CRM)');
    await user.click(within(dbn).getByRole('button', { name: 'Use my extension (1001)' }));
    expect(within(dbn).getByRole('textbox', { name: 'Test number' })).toHaveProperty(
      'value',
      '1001',
    );
    await user.click(within(dbn).getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(fake.api.testDbn).toHaveBeenCalledWith('1001'));
  }, 30_000);

  it('runs the test on Enter in the number field, without saving the settings', async () => {
    const fake = withSettings(() => undefined);
    fake.handle('dbn.test', () => ({
      ok: true,
      value: {
        ...dbnAnswer,
        ok: false,
        known: null,
        status: 401,
        error: 'the CRM rejected the token (HTTP 401)',
      },
    }));
    const { user, group } = await openSettings(fake);
    const dbn = group('Customer lookup (DBN CRM)');
    await user.type(within(dbn).getByRole('textbox', { name: 'Test number' }), '{Enter}');
    expect(
      await within(dbn).findByText('The test failed: the CRM rejected the token (HTTP 401)'),
    ).toBeTruthy();
    expect(fake.api.testDbn).toHaveBeenCalledTimes(1);
    expect(fake.api.saveSettings).not.toHaveBeenCalled();
  }, 30_000);

  it('shows main refusing a number that is not one', async () => {
    const fake = withSettings(() => undefined);
    fake.handle('dbn.test', () => ({
      ok: false,
      error: { code: 'failed', message: 'A test number has digits only (a leading + is fine)' },
    }));
    const { user, group } = await openSettings(fake);
    const dbn = group('Customer lookup (DBN CRM)');
    await user.click(within(dbn).getByRole('button', { name: 'Test connection' }));
    expect(await within(dbn).findByText(/A test number has digits only/)).toBeTruthy();
  }, 30_000);
});

describe('Test connection for Egards', () => {
  it('says the host answers and how the last report went, error and all', async () => {
    const fake = withSettings((s) => {
      s.egards.enabled = true;
    });
    const answer: EgardsTestResult = {
      host: { url: 'https://staging.egards.nl', answered: true, status: 405, ms: 30, error: null },
      last: {
        kind: 'egards-disconnect',
        status: 'failed',
        at: Date.now(),
        attempts: 1,
        error: 'API key rejected (HTTP 401)',
      },
      lastDeliveredAt: null,
      problem: null,
    };
    fake.handle('egards.test', () => ({ ok: true, value: answer }));
    const { user, group } = await openSettings(fake);
    const egards = group('Call reports (Egards)');
    await user.click(within(egards).getByRole('button', { name: 'Test connection' }));
    expect(
      await within(egards).findByText(
        'The Egards host answers (HTTP 405 in 30 ms). No report was sent: Egards has no test call.',
      ),
    ).toBeTruthy();
    const result = egards.querySelector('.connection-test-result') as HTMLElement;
    expect(result.textContent).toContain('https://staging.egards.nl');
    expect(result.textContent).toMatch(
      /Egards disconnect: failed at .+: API key rejected \(HTTP 401\)/,
    );
    expect(result.textContent).toContain('Last deliveredNever');
    // A failed last report is not a working connection.
    expect(within(egards).getByText(/The Egards host answers/).className).toBe('pbx-refusal');
  }, 30_000);

  it('says when the host does not answer and what keeps reports back', async () => {
    const fake = withSettings(() => undefined);
    fake.handle('egards.test', () => ({
      ok: true,
      value: {
        host: {
          url: 'http://127.0.0.1:9',
          answered: false,
          status: null,
          ms: 3,
          error: 'cannot reach Egards: ECONNREFUSED',
        },
        last: null,
        lastDeliveredAt: null,
        problem: 'Egards is switched off in Settings',
      },
    }));
    const { user, group } = await openSettings(fake);
    const egards = group('Call reports (Egards)');
    await user.click(within(egards).getByRole('button', { name: 'Test connection' }));
    expect(
      await within(egards).findByText(
        'The Egards host does not answer: cannot reach Egards: ECONNREFUSED',
      ),
    ).toBeTruthy();
    const result = egards.querySelector('.connection-test-result') as HTMLElement;
    expect(result.textContent).toContain('None sent yet');
    expect(result.textContent).toContain('Egards is switched off in Settings');
  }, 30_000);
});

describe('dialer.via in Settings', () => {
  it('offers every way the schema has and says what the chosen way lacks', async () => {
    const fake = withSettings((s) => {
      s.agent.extension = '1001';
      s.pbx.restApi = { enabled: true, baseUrl: 'https://pbx.test/webapi', key: REDACTED };
    });
    const { user, group } = await openSettings(fake);
    const numbers = group('Phone numbers and dialling');
    const via = within(numbers).getByRole('combobox', { name: 'Dial through' });
    expect(
      within(via)
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual(['assistant', 'http-api', 'rest-api', 'call-control']);
    expect(describedText(via)).toContain('Which part of 3CX places the calls');
    expect(describedText(via)).not.toContain('still needs');

    await user.selectOptions(via, 'http-api');
    expect(describedText(via)).toContain(
      'Dialling through PBX HTTP API still needs: 3CX HTTP API: Enabled and 3CX HTTP API: PBX HTTP API address',
    );
    // The REST API is set up (its key is saved, shown as ***): nothing is missing.
    await user.selectOptions(via, 'rest-api');
    expect(describedText(via)).not.toContain('still needs');
    // Filling in what is missing clears the note before saving.
    await user.selectOptions(via, 'http-api');
    const http = group('3CX HTTP API');
    await user.click(within(http).getByRole('switch', { name: 'Enabled' }));
    await user.type(
      within(http).getByRole('textbox', { name: 'PBX HTTP API address' }),
      'http://pbx.test:8080',
    );
    expect(describedText(via)).not.toContain('still needs');

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(fake.api.saveSettings).toHaveBeenCalled());
    expect(fake.api.saveSettings.mock.calls[0]![0]).toMatchObject({
      dialer: { via: 'http-api' },
      pbx: { httpApi: { enabled: true, baseUrl: 'http://pbx.test:8080' } },
    });
  }, 30_000);

  it('has the link confirmation and the setup flag as switches', async () => {
    const fake = withSettings(() => undefined);
    const { user, group } = await openSettings(fake);
    const confirm = within(group('Phone numbers and dialling')).getByRole('switch', {
      name: 'Confirm dial links',
    });
    expect(confirm.getAttribute('aria-checked')).toBe('true');
    expect(describedText(confirm)).toContain('so no web page can place a call');
    await user.click(confirm);
    const setup = within(group('App and language')).getByRole('switch', { name: 'Setup finished' });
    await user.click(setup);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(fake.api.saveSettings).toHaveBeenCalled());
    expect(fake.api.saveSettings.mock.calls[0]![0]).toEqual({
      dialer: { confirmLinks: false },
      app: { firstRunDone: false },
    });
  }, 30_000);
});
