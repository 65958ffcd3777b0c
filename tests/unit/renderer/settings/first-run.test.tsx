import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

async function openFirstRun() {
  const user = userEvent.setup();
  const fake = createFakeApi();
  renderWithApi(fake);
  const region = await screen.findByRole('region', { name: 'Set up CallPop' });
  return { user, fake, region };
}

describe('first run', () => {
  it('opens by itself on a fresh install and takes focus', async () => {
    const { region } = await openFirstRun();
    expect(document.activeElement).toBe(within(region).getByRole('heading', { level: 2 }));
  });

  it('asks for what each chosen integration needs, next to its field, and saves it all', async () => {
    const { user, fake, region } = await openFirstRun();
    await user.type(within(region).getByRole('textbox', { name: 'Extension' }), '1001');
    await user.click(within(region).getByRole('switch', { name: 'Egards: call reports' }));
    const email = within(region).getByRole('textbox', { name: 'E-mail' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const described = (el: HTMLElement) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    expect(described(email)).toContain('Egards reports wait until your e-mail is here');
    expect(described(within(region).getByLabelText('API key'))).toContain('Needs a key');

    await user.type(email, 'agent@example.com');
    await user.type(within(region).getByLabelText('API key'), 'k-123');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    await user.click(within(region).getByRole('button', { name: 'Finish setup' }));
    await flush();

    expect(fake.api.saveSettings).toHaveBeenCalledWith({
      agent: { extension: '1001', email: 'agent@example.com' },
      egards: { enabled: true, apiKey: 'k-123' },
      app: { firstRunDone: true },
    });
    expect(screen.queryByRole('region', { name: 'Set up CallPop' })).toBeNull();
  });

  it('can be skipped, and does not come back', async () => {
    const { user, fake, region } = await openFirstRun();
    await user.click(within(region).getByRole('button', { name: 'Skip for now' }));
    await flush();
    expect(fake.api.saveSettings).toHaveBeenCalledWith({ app: { firstRunDone: true } });
    expect(screen.queryByRole('region', { name: 'Set up CallPop' })).toBeNull();
  });
});
