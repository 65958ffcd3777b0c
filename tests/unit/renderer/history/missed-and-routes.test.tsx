// The missed count in the window / tab title is main's (missed.get, missed.changed), and
// having the window in front marks it seen in main. Screens another window asks for
// (main.show): "Add contact" on the desktop popup window's card opens the main window's
// contacts form with the number; the tray's missed calls open the history on Missed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';
import { LOOK_MS } from '../../../../renderer/src/history/use-missed-title';

afterEach(() => {
  vi.restoreAllMocks();
  window.location.hash = '';
});

describe('missed calls in the title', () => {
  it("shows main's count, follows its push, and tells main once the agent looked", async () => {
    const inFront = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const fake = createFakeApi();
    let count = 2;
    fake.handle('missed.get', () => ({ ok: true, value: { count, seenAt: 0 } }));
    fake.handle('missed.seen', () => {
      count = 0;
      return { ok: true, value: { count: 0, seenAt: 99 } };
    });
    renderWithApi(fake);
    await waitFor(() => expect(document.title).toBe('(2 missed) CallPop'));
    act(() => fake.emit('missed.changed', { count: 3, seenAt: 0 }));
    await waitFor(() => expect(document.title).toBe('(3 missed) CallPop'));
    // Not in front: nothing is marked seen.
    await new Promise((r) => setTimeout(r, LOOK_MS + 200));
    expect(fake.api.markMissedSeen).not.toHaveBeenCalled();

    inFront.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('focus')));
    await waitFor(() => expect(fake.api.markMissedSeen).toHaveBeenCalledTimes(1), {
      timeout: LOOK_MS * 3,
    });
    await waitFor(() => expect(document.title).toBe('CallPop'));
  });
});

describe('screens asked for by another window', () => {
  it("the desktop popup's Add contact asks main to show the main window's new contact", async () => {
    window.location.hash = '#/popup';
    const fake = createFakeApi();
    renderWithApi(fake);
    await flush();
    act(() => fake.emit('popup.show', makeCall({ id: 'U1', number: '+31201234567' })));
    await userEvent.click(await screen.findByRole('button', { name: 'Add contact' }));
    expect(fake.api.showMain).toHaveBeenCalledWith({ to: 'new-contact', number: '+31201234567' });
  });

  it('the main window opens the contacts form pre-filled with the number', async () => {
    const fake = createFakeApi();
    renderWithApi(fake);
    await flush();
    act(() => fake.emit('main.show', { to: 'new-contact', number: '+31201234567' }));
    expect(await screen.findByRole('heading', { name: 'New contact' })).toBeTruthy();
    expect(screen.getByDisplayValue('+31201234567')).toBeTruthy();
  });

  it("the tray's missed calls open the history on Missed", async () => {
    const fake = createFakeApi({
      calls: [
        makeCall({ id: 'm', state: 'ended', outcome: 'missed', number: '0201111111' }),
        makeCall({ id: 'a', state: 'ended', outcome: 'answered', number: '0202222222' }),
      ],
    });
    renderWithApi(fake);
    expect(await screen.findAllByRole('button', { name: /^Call back/ })).toHaveLength(2);
    act(() => fake.emit('main.show', { to: 'history', kind: 'missed' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Missed' }).getAttribute('aria-pressed')).toBe(
        'true',
      ),
    );
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /^Call back/ })).toHaveLength(1),
    );
  });
});
