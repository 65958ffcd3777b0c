import { describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Delivery, OutboxSummary } from '../../../../shared/ipc';
import { OutboxStrip } from '../../../../renderer/src/status/OutboxStrip';
import { createFakeApi } from '../fake-api';
import { renderWithApi } from '../render-app';

const failed: Delivery = {
  id: 7,
  callId: '4711',
  kind: 'dbn-writeback',
  revision: 1,
  status: 'failed',
  attempts: 1,
  lastError: 'HTTP 400 {"success": 0}',
  nextAttemptAt: null,
  updatedAt: 0,
};

const withFailure: OutboxSummary = {
  pending: 2,
  failed: 1,
  waitingSettings: 0,
  failedItems: [failed],
};
const allClear: OutboxSummary = { pending: 0, failed: 0, waitingSettings: 0, failedItems: [] };

describe('outbox strip', () => {
  it('counts pending and failed deliveries and lists the failed one with the server answer', async () => {
    const fake = createFakeApi();
    fake.outbox = withFailure;
    renderWithApi(fake, <OutboxStrip />);
    expect(await screen.findByText('2 deliveries pending, 1 failed')).toBeTruthy();
    const item = screen.getByRole('listitem', { name: 'CRM write-back for call 4711' });
    expect(item.textContent).toContain('Server answer: HTTP 400 {"success": 0}');
  });

  it('follows outbox.changed pushes', async () => {
    const fake = createFakeApi();
    renderWithApi(fake); // the whole app: it subscribes to the pushes
    expect(await screen.findByText('All deliveries sent')).toBeTruthy();
    act(() => fake.emit('outbox.changed', { ...allClear, pending: 1 }));
    expect(await screen.findByText('1 delivery pending')).toBeTruthy();
  });

  it('retries a failed delivery', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.outbox = withFailure;
    fake.handle('outbox.retry', () => ({ ok: true, value: { ...allClear, pending: 3 } }));
    renderWithApi(fake, <OutboxStrip />);
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(fake.api.retryDelivery).toHaveBeenCalledWith(7);
    expect(await screen.findByText('3 deliveries pending')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('asks before discarding, and does nothing when the agent says no', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.outbox = withFailure;
    fake.handle('outbox.discard', () => ({ ok: true, value: allClear }));
    const confirm = vi
      .spyOn(window, 'confirm')
      .mockReturnValueOnce(false)
      .mockReturnValueOnce(true);
    renderWithApi(fake, <OutboxStrip />);

    const item = await screen.findByRole('listitem', { name: /CRM write-back/ });
    await user.click(within(item).getByRole('button', { name: 'Discard' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(fake.api.discardDelivery).not.toHaveBeenCalled();

    await user.click(within(item).getByRole('button', { name: 'Discard' }));
    expect(fake.api.discardDelivery).toHaveBeenCalledWith(7);
    expect(await screen.findByText('All deliveries sent')).toBeTruthy();
  });

  it('shows an error when main refuses the retry', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.outbox = withFailure;
    fake.handle('outbox.retry', () => ({
      ok: false,
      error: { code: 'not-found', message: 'no such delivery' },
    }));
    renderWithApi(fake, <OutboxStrip />);
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not update the delivery: no such delivery',
    );
  });
});
