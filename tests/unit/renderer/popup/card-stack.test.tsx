import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

async function renderPopupWindow(fake = createFakeApi()) {
  window.location.hash = '#/popup';
  const utils = renderWithApi(fake);
  await flush();
  return utils;
}

const ring = (id: string, number: string, display: string) =>
  makeCall({
    id,
    number,
    phone: { display, e164: number, country: 'NL', city: null, lineType: 'mobile' },
  });

describe('the card stack', () => {
  it('shows the newest card in full and folds older ones to a line (jsdom: 768 px)', async () => {
    const fake = createFakeApi();
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', ring('a', '0611111111', '06 11111111')));
    act(() => fake.emit('popup.show', ring('b', '0622222222', '06 22222222')));
    act(() => fake.emit('popup.show', ring('c', '0633333333', '06 33333333')));
    const [c, b, a] = screen.getAllByRole('dialog');
    expect(c!.getAttribute('aria-label')).toBe('Call from 06 33333333');
    // The newest card's wrap-up form follows its head one frame later.
    expect(await within(c!).findByRole('textbox', { name: 'Comments' })).toBeTruthy();
    for (const folded of [b!, a!]) {
      expect(within(folded).queryByRole('textbox', { name: 'Comments' })).toBeNull();
      expect(within(folded).getByText('Ringing')).toBeTruthy();
    }
    // Opening a folded card (its line, or focusing it) shows it in full.
    await userEvent.setup().click(within(a!).getByRole('button', { expanded: false }));
    expect(
      within(screen.getAllByRole('dialog')[2]!).getByRole('textbox', { name: 'Comments' }),
    ).toBeTruthy();
  });

  it('a card hidden with its × unfolds the next without taking the focus; a new call pops in full', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    await renderPopupWindow(fake);
    for (const [i, n] of ['1', '2', '3'].entries())
      act(() => fake.emit('popup.show', ring(`s${i}`, `061111111${n}`, `06 1111111${n}`)));
    const newest = screen.getByRole('dialog', { name: 'Call from 06 11111113' });
    await user.click(within(newest).getByRole('button', { name: 'Hide card' }));
    // The stack unfolds the next card by itself: the keyboard stays where it was.
    const next = screen.getByRole('dialog', { name: 'Call from 06 11111112' });
    expect(await within(next).findByRole('textbox', { name: 'Comments' })).toBeTruthy();
    expect(next.contains(document.activeElement)).toBe(false);
    // The next call is the one the agent must see: in full, on top.
    act(() => fake.emit('popup.show', ring('s9', '0611111119', '06 11111119')));
    const fresh = screen.getByRole('dialog', { name: 'Call from 06 11111119' });
    expect(await within(fresh).findByRole('textbox', { name: 'Comments' })).toBeTruthy();
    await user.click(within(fresh).getByRole('button', { name: 'Hide card' }));
    expect(screen.queryByRole('dialog', { name: 'Call from 06 11111119' })).toBeNull();
  });

  it('focusing a folded card opens it, and the keys work at once', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    await renderPopupWindow(fake);
    act(() => fake.emit('popup.show', ring('a', '0611111111', '06 11111111')));
    act(() => fake.emit('popup.show', ring('b', '0622222222', '06 22222222')));
    const older = screen.getByRole('dialog', { name: 'Call from 06 11111111' });
    act(() => older.focus());
    await user.keyboard('4');
    expect(within(older).getByRole('radio', { name: 'Completed' })).toHaveProperty('checked', true);
    expect(document.activeElement).toBe(older);
  });

  it('folds an ended card without wrap-up after the configured minutes', async () => {
    const fake = createFakeApi();
    fake.settings = {
      ...fake.settings,
      settings: {
        ...fake.settings.settings,
        popup: { ...fake.settings.settings.popup, foldAfterMinutes: 0 },
      },
    };
    await renderPopupWindow(fake);
    const ended = makeCall({
      id: 'e',
      state: 'ended',
      outcome: 'answered',
      answeredAt: Date.now() - 60_000,
      endedAt: Date.now() - 1000,
    });
    act(() => fake.emit('popup.show', ended));
    await flush();
    const card = screen.getByRole('dialog', { name: 'Call from 06 12345678' });
    expect(within(card).queryByRole('textbox', { name: 'Comments' })).toBeNull();
    expect(within(card).getByRole('button', { expanded: false, name: /06 12345678/ })).toBeTruthy();
  });

  it('announces an incoming call in a live region without moving focus', async () => {
    const fake = createFakeApi();
    await renderPopupWindow(fake);
    const before = document.activeElement;
    act(() => fake.emit('popup.show', ring('a', '0611111111', '06 11111111')));
    await flush();
    const live = screen
      .getAllByRole('status')
      .find((el) => el.textContent === 'Ringing: Call from 06 11111111');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(document.activeElement).toBe(before);
  });
});
