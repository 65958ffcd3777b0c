import { describe, expect, it, onTestFinished } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

async function renderPopupWindow(fake = createFakeApi()) {
  window.location.hash = '#/popup';
  const utils = renderWithApi(fake);
  await flush();
  return utils;
}

describe('call cards', () => {
  it('announces readiness after subscribing, then lists open popups (cold start)', async () => {
    const waiting = makeCall({ id: 'Cold-1' });
    const fake = createFakeApi({ popups: [waiting] });
    await renderPopupWindow(fake);

    expect(fake.api.ready).toHaveBeenCalled();
    expect(fake.api.onPopupShow.mock.invocationCallOrder[0]).toBeLessThan(
      fake.api.ready.mock.invocationCallOrder[0]!,
    );
    expect(fake.api.ready.mock.invocationCallOrder[0]).toBeLessThan(
      fake.api.listPopups.mock.invocationCallOrder[0]!,
    );
    expect(screen.getByRole('dialog', { name: /Call from 06 12345678/ })).toBeTruthy();
  });

  it('shows one card per call id, newest on top', async () => {
    const fake = createFakeApi();
    await renderPopupWindow(fake);

    const first = makeCall({ id: 'A1', number: '0612345678' });
    act(() => fake.emit('popup.show', first));
    act(() =>
      fake.emit('popup.show', { ...first, state: 'connected', answeredAt: first.startedAt }),
    );
    expect(screen.getAllByRole('dialog')).toHaveLength(1);

    const second = makeCall({
      id: 'B2',
      number: '+4930123456',
      phone: {
        display: '+49 30 123456',
        e164: '+4930123456',
        country: 'DE',
        city: 'Berlin',
        lineType: 'fixed-line',
      },
    });
    act(() => fake.emit('popup.show', second));
    const cards = screen.getAllByRole('dialog');
    expect(cards).toHaveLength(2);
    expect(cards[0]!.getAttribute('aria-label')).toBe('Call from +49 30 123456');
    expect(cards[1]!.getAttribute('aria-label')).toBe('Call from 06 12345678');
    expect(within(cards[0]!).getByText('Germany · Berlin · Landline')).toBeTruthy();
    expect(within(cards[1]!).getByText('In call')).toBeTruthy();
  });

  it('matches a card case-insensitively by call id when main hides it', async () => {
    const fake = createFakeApi();
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', makeCall({ id: 'AbC' })));
    act(() => fake.emit('popup.hide', { callId: 'abc' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('names outbound and withheld calls', async () => {
    const fake = createFakeApi();
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', makeCall({ id: 'out', direction: 'outbound' })));
    act(() =>
      fake.emit('popup.show', makeCall({ id: 'anon', number: null, withheld: true, phone: null })),
    );
    expect(screen.getByRole('dialog', { name: 'Call to 06 12345678' })).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Call from withheld number' })).toBeTruthy();
  });

  it('picks a status with 2, takes a comment, and saves with Ctrl+Enter', async () => {
    const user = userEvent.setup();
    const call = makeCall({ id: '4711', state: 'connected', answeredAt: Date.now() });
    const fake = createFakeApi({ calls: [call] });
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', call));

    const card = screen.getByRole('dialog', { name: /06 12345678/ });
    await user.tab();
    expect(document.activeElement).toBe(card);
    await user.keyboard('2');
    expect(
      (within(card).getByRole('radio', { name: 'Schedule Later' }) as HTMLInputElement).checked,
    ).toBe(true);

    await user.type(within(card).getByRole('textbox', { name: 'Comments' }), 'call back tomorrow');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await flush();

    expect(fake.api.saveWrapUp).toHaveBeenCalledWith(
      '4711',
      'Schedule Later',
      'call back tomorrow',
    );
    expect(within(card).getByText('Saved')).toBeTruthy();
  });

  it('types digits into Comments instead of changing the status', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', makeCall({ id: 'x' })));
    const card = screen.getByRole('dialog');

    await user.click(within(card).getByRole('radio', { name: 'Completed' }));
    const comments = within(card).getByRole('textbox', { name: 'Comments' }) as HTMLTextAreaElement;
    await user.type(comments, 'room 1');

    expect(comments.value).toBe('room 1');
    expect(
      (within(card).getByRole('radio', { name: 'Completed' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(
      (within(card).getByRole('radio', { name: 'No Answer' }) as HTMLInputElement).checked,
    ).toBe(false);
  });

  it('saves with Cmd+Enter from the textarea too, and asks for a status first', async () => {
    const user = userEvent.setup();
    const call = makeCall({ id: 'm1' });
    const fake = createFakeApi({ calls: [call] });
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', call));
    const card = screen.getByRole('dialog');

    await user.type(within(card).getByRole('textbox', { name: 'Comments' }), 'hi');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    expect(fake.api.saveWrapUp).not.toHaveBeenCalled();
    expect(within(card).getByRole('alert').textContent).toBe('Choose a status first');

    await user.click(within(card).getByRole('radio', { name: 'Do not Disturb' }));
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await flush();
    expect(fake.api.saveWrapUp).toHaveBeenCalledWith('m1', 'Do not Disturb', 'hi');
  });

  it('keeps the typed comment and shows the error when saving fails', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.handle('wrapup.save', () => ({
      ok: false,
      error: { code: 'failed', message: 'database is locked' },
    }));
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', makeCall({ id: 'e1' })));
    const card = screen.getByRole('dialog');

    await user.click(within(card).getByRole('radio', { name: 'Completed' }));
    await user.type(within(card).getByRole('textbox', { name: 'Comments' }), 'sold 3 licences');
    await user.click(within(card).getByRole('button', { name: 'Save' }));
    await flush();

    expect(within(card).getByRole('alert').textContent).toBe('Could not save: database is locked');
    expect(
      (within(card).getByRole('textbox', { name: 'Comments' }) as HTMLTextAreaElement).value,
    ).toBe('sold 3 licences');
  });

  it('hides the card with Esc and tells main', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', makeCall({ id: 'esc-1' })));

    await user.click(within(screen.getByRole('dialog')).getByRole('textbox', { name: 'Comments' }));
    await user.keyboard('{Escape}');

    expect(fake.api.dismissPopup).toHaveBeenCalledWith('esc-1');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('updates the card on call.updated and shows the delivery state after saving', async () => {
    const user = userEvent.setup();
    const call = makeCall({ id: 'd1', state: 'connected', answeredAt: Date.now() });
    const fake = createFakeApi({ calls: [call] });
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', call));

    const ended = {
      ...call,
      state: 'ended' as const,
      endedAt: Date.now(),
      outcome: 'answered' as const,
    };
    act(() => fake.emit('call.updated', ended));
    const card = screen.getByRole('dialog');
    expect(within(card).getByText('Ended · Answered')).toBeTruthy();

    await user.keyboard('{Tab}4{Control>}{Enter}{/Control}');
    await flush();
    act(() =>
      fake.emit('call.updated', {
        ...fake.calls.get('d1')!,
        deliveries: [
          {
            id: 1,
            callId: 'd1',
            kind: 'dbn-writeback',
            revision: 1,
            status: 'pending',
            attempts: 0,
            lastError: null,
            nextAttemptAt: null,
            updatedAt: Date.now(),
          },
        ],
      }),
    );
    expect(within(card).getByText('Saved')).toBeTruthy();
    expect(within(card).getByText('CRM write-back: pending')).toBeTruthy();
  });

  it('shows the earlier calls with this number and their last wrap-up', async () => {
    const earlier = makeCall({
      id: 'old',
      startedAt: Date.UTC(2025, 0, 2, 10, 0),
      state: 'ended',
      outcome: 'answered',
      wrapUp: { status: 'Completed', comments: 'paid invoice', savedAt: 1, revision: 1 },
    });
    const now = makeCall({ id: 'new' });
    const fake = createFakeApi({ calls: [earlier, now] });
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', now));

    const card = screen.getByRole('dialog');
    expect(await within(card).findByText('1 earlier call')).toBeTruthy();
    expect(within(card).getByText(/Last wrap-up: Completed/)).toBeTruthy();
    expect(within(card).getByText('paid invoice')).toBeTruthy();
  });
});

describe('call pushes and the query cache', () => {
  it('a pushed call view updates every open card without fetching calls.get again', async () => {
    const a = makeCall({ id: 'P1', number: '0612345678' });
    const b = makeCall({
      id: 'P2',
      number: '+4930123456',
      phone: {
        display: '+49 30 123456',
        e164: '+4930123456',
        country: 'DE',
        city: 'Berlin',
        lineType: 'fixed-line',
      },
    });
    const fake = createFakeApi({ calls: [a, b], popups: [a, b] });
    // A window tall enough for both cards in full (a card that does not fit folds to one line
    // and asks for nothing), so each card shows its earlier calls.
    const height = Object.getOwnPropertyDescriptor(window, 'innerHeight');
    Object.defineProperty(window, 'innerHeight', { configurable: true, value: 1200 });
    onTestFinished(() => {
      if (height) Object.defineProperty(window, 'innerHeight', height);
    });
    await renderPopupWindow(fake);
    expect(screen.getAllByRole('dialog')).toHaveLength(2);
    // Each card asks once for its earlier calls, from the frame after the one that shows it.
    await waitFor(() => expect(fake.api.getCall).toHaveBeenCalledTimes(2));
    await flush();
    const fetchedAtStart = fake.api.getCall.mock.calls.length;
    expect(fetchedAtStart).toBe(2);

    // One change of P1 (the CRM lookup ended): one push with the final view.
    act(() => fake.emit('call.updated', { ...a, crm: { state: 'known' } }));
    await flush();
    act(() =>
      fake.emit('call.updated', { ...a, state: 'connected', answeredAt: a.startedAt + 1000 }),
    );
    await flush();

    expect(fake.api.getCall).toHaveBeenCalledTimes(fetchedAtStart);
    const cards = screen.getAllByRole('dialog');
    expect(
      within(cards.find((c) => c.getAttribute('aria-label')?.includes('06'))!).getByText('In call'),
    ).toBeTruthy();
  });

  it('refetches only the detail whose earlier calls gain a new call with the same number', async () => {
    const old = makeCall({ id: 'O1', number: '0612345678', state: 'ended', startedAt: 1000 });
    const other = makeCall({
      id: 'X1',
      number: '+4930123456',
      phone: {
        display: '+49 30 123456',
        e164: '+4930123456',
        country: 'DE',
        city: 'Berlin',
        lineType: 'fixed-line',
      },
    });
    const fake = createFakeApi({ calls: [old, other], popups: [other] });
    await renderPopupWindow(fake);
    // The card asks for its own earlier calls once it is on screen.
    await waitFor(() => expect(fake.api.getCall).toHaveBeenCalledWith('X1'));
    await flush();
    const before = fake.api.getCall.mock.calls.length;

    // A new call from the Berlin number: the X1 card's earlier calls may change, 06… may not.
    const again = { ...makeCall({ id: 'X2', number: '+4930123456' }), phone: other.phone };
    act(() => fake.emit('call.updated', again));
    // The caches follow once the frame with the cards is painted, not inside the push.
    const refetched = () => fake.api.getCall.mock.calls.slice(before).map((c) => c[0]);
    await waitFor(() => expect(refetched()).toEqual(['X1']));
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect(refetched()).toEqual(['X1']);
  });
});
