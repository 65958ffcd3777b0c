import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeCall } from './fake-api';
import { flush, renderWithApi } from './render-app';

describe('keyboard shortcuts', () => {
  it('? opens the shortcuts help, Esc closes it and focus returns', async () => {
    const user = userEvent.setup();
    renderWithApi(createFakeApi({ calls: [makeCall({ id: 'a' })] }));
    await screen.findByRole('button', { name: /Incoming/ });
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Save the wrap-up')).toBeTruthy();
    expect(within(help).getByText('Open or close the settings')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('Ctrl+, toggles the settings; Alt+1 goes to the history', async () => {
    const user = userEvent.setup();
    renderWithApi(createFakeApi({ calls: [makeCall({ id: 'a' }), makeCall({ id: 'b' })] }));
    const rows = await screen.findAllByRole('button', { name: /Incoming/ });
    await user.keyboard('{Control>},{/Control}');
    expect(await screen.findByRole('region', { name: 'Settings' })).toBeTruthy();
    await user.keyboard('{Control>},{/Control}');
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
    await user.keyboard('{Alt>}1{/Alt}');
    expect(document.activeElement).toBe(rows[0]);
    // Arrow keys move within the list; the list stays one Tab stop.
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rows[1]);
  });

  it('a ? typed into a text box is text', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ calls: [makeCall({ id: 'a', state: 'ended' })] });
    renderWithApi(fake);
    await user.click(await screen.findByRole('button', { name: /Incoming/ }));
    const comments = await screen.findByRole('textbox', { name: 'Comments' });
    await user.click(comments);
    await user.keyboard('why?');
    await flush();
    expect(comments).toHaveProperty('value', 'why?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });
});
