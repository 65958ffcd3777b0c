import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

const T0 = Date.UTC(2025, 2, 14, 9, 0);

function sampleCalls() {
  return [
    makeCall({
      id: 'old',
      startedAt: T0,
      answeredAt: T0 + 5_000,
      endedAt: T0 + 65_000,
      state: 'ended',
      outcome: 'answered',
      wrapUp: { status: 'Completed', comments: 'sent the quote', savedAt: T0, revision: 1 },
    }),
    makeCall({
      id: 'missed',
      number: '0201234567',
      phone: {
        display: '020 123 4567',
        e164: '+31201234567',
        country: 'NL',
        city: 'Amsterdam',
        lineType: 'fixed-line',
      },
      startedAt: T0 + 3_600_000,
      endedAt: T0 + 3_620_000,
      state: 'ended',
      outcome: 'missed',
    }),
    makeCall({
      id: 'latest',
      startedAt: T0 + 7_200_000,
      answeredAt: T0 + 7_203_000,
      endedAt: T0 + 7_290_000,
      state: 'ended',
      outcome: 'answered',
    }),
  ];
}

describe('main window', () => {
  it('lists calls newest first and marks missed calls in words', async () => {
    const fake = createFakeApi({ calls: sampleCalls() });
    renderWithApi(fake);
    const rows = await screen.findAllByRole('button', { name: /Incoming/ });
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('06 12345678'),
      expect.stringContaining('020 123 4567'),
      expect.stringContaining('06 12345678'),
    ]);
    expect(rows[1]!.textContent).toContain('Missed');
    expect(rows[1]!.textContent).toContain('No wrap-up');
    expect(rows[0]!.textContent).toContain('01:27');
    expect(rows[2]!.textContent).toContain('Completed');
  });

  it('shows the selected call with its wrap-up and earlier calls, and saves an edit', async () => {
    const user = userEvent.setup();
    const calls = sampleCalls();
    const fake = createFakeApi({ calls: [calls[0]!, calls[2]!] });
    renderWithApi(fake);

    const rows = await screen.findAllByRole('button', { name: /Incoming/ });
    await user.click(rows[1]!); // the older call, wrapped up as Completed

    const detail = await screen.findByRole('article', { name: 'Call from 06 12345678' });
    const completed = within(detail).getByRole('radio', { name: 'Completed' }) as HTMLInputElement;
    expect(completed.checked).toBe(true);
    const comments = within(detail).getByRole('textbox', {
      name: 'Comments',
    }) as HTMLTextAreaElement;
    expect(comments.value).toBe('sent the quote');
    expect(within(detail).getByText('No earlier calls with this number')).toBeTruthy();

    await user.click(within(detail).getByRole('radio', { name: 'Schedule Later' }));
    await user.clear(comments);
    await user.type(comments, 'wants a call on Monday');
    await user.click(within(detail).getByRole('button', { name: 'Save' }));
    await flush();

    expect(fake.api.saveWrapUp).toHaveBeenCalledWith(
      'old',
      'Schedule Later',
      'wants a call on Monday',
    );
    expect(within(detail).getByText('Saved (edit 2)')).toBeTruthy();
    // The list row follows the saved revision.
    expect(rows[1]!.textContent).toContain('Schedule Later');
  });

  it('lists earlier calls with the same number in the detail', async () => {
    const user = userEvent.setup();
    const calls = sampleCalls();
    const fake = createFakeApi({ calls });
    renderWithApi(fake);
    const rows = await screen.findAllByRole('button', { name: /Incoming/ });
    await user.click(rows[0]!);
    const detail = await screen.findByRole('article');
    const earlier = await within(detail).findByRole('button', { name: /Completed/ });
    expect(earlier.textContent).toContain('Answered');
  });

  it('adds a new call to the history when main pushes call.updated', async () => {
    const fake = createFakeApi({ calls: [] });
    renderWithApi(fake);
    expect(await screen.findByText('No calls yet')).toBeTruthy();

    const call = makeCall({ id: 'fresh', state: 'ringing' });
    act(() => fake.emit('call.updated', call));
    const row = await screen.findByRole('button', { name: /Incoming/ });
    expect(row.textContent).toContain('Ringing');
  });

  it('shows settings problems and notices, and dismisses a notice', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.settings = {
      ...fake.settings,
      problems: [{ path: 'dbn.timeoutMs', message: 'Too big: expected number to be <=60000' }],
    };
    renderWithApi(fake);

    const banner = await screen.findByRole('region', { name: 'Problems in the settings file' });
    expect(banner.textContent).toContain('dbn.timeoutMs: Too big: expected number to be <=60000');

    act(() => fake.emit('notice', { level: 'error', message: 'DBN refused the token' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('DBN refused the token');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss message' }));
    expect(screen.queryByText('DBN refused the token')).toBeNull();
  });

  it('does not show cards in the Electron main window (the popup window does)', async () => {
    const fake = createFakeApi();
    renderWithApi(fake);
    await flush();
    act(() => fake.emit('popup.show', makeCall({ id: 'p' })));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
