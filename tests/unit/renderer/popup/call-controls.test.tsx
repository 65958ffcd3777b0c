import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SourceStatus } from '../../../../shared/ipc';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

const ccOk: SourceStatus = {
  source: 'call-control',
  state: 'ok',
  message: 'following extension 1001',
  since: 0,
};

async function popup(fake: ReturnType<typeof createFakeApi>) {
  window.location.hash = '#/popup';
  renderWithApi(fake);
  await flush();
}

describe('call control on the card', () => {
  it('offers nothing without 3CX Call Control (the Assistant cannot act on calls)', async () => {
    const fake = createFakeApi({ popups: [makeCall({ id: 'R1', state: 'ringing' })] });
    await popup(fake);
    const card = screen.getByRole('dialog', { name: /06 12345678/ });
    expect(within(card).queryByRole('button', { name: 'Answer' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Hang up' })).toBeNull();
  });

  it('answers a ringing call and transfers a connected one through Call Control', async () => {
    const user = userEvent.setup();
    const ringing = makeCall({ id: 'R2', state: 'ringing' });
    const fake = createFakeApi({ popups: [ringing] });
    fake.sources = [ccOk];
    await popup(fake);
    const card = screen.getByRole('dialog', { name: /06 12345678/ });
    await user.click(await within(card).findByRole('button', { name: 'Answer' }));
    expect(fake.api.controlCall).toHaveBeenLastCalledWith('R2', 'answer', undefined);

    act(() => fake.emit('call.updated', { ...ringing, state: 'connected' }));
    await flush();
    expect(within(card).queryByRole('button', { name: 'Answer' })).toBeNull();
    await user.type(within(card).getByRole('combobox', { name: 'Transfer to' }), '10 02');
    await user.click(within(card).getByRole('button', { name: 'Transfer' }));
    expect(fake.api.controlCall).toHaveBeenLastCalledWith('R2', 'transferto', '1002');
  });

  it('says so when 3CX refuses', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ popups: [makeCall({ id: 'R3', state: 'connected' })] });
    fake.sources = [ccOk];
    fake.handle('call.control', () => ({
      ok: false,
      error: { code: 'failed', message: '3CX answered HTTP 500' },
    }));
    await popup(fake);
    const card = screen.getByRole('dialog', { name: /06 12345678/ });
    await user.click(await within(card).findByRole('button', { name: 'Hang up' }));
    expect((await within(card).findByRole('alert')).textContent).toBe(
      'Could not do that: 3CX answered HTTP 500',
    );
  });
});
