// The history list is one Tab stop: ↑ ↓ move between rows, Enter opens the detail under the
// row, C calls the focused row back, → reaches its Call back button (named `Call back <who>`)
// and ← returns. Rows load a page at a time from main's query over the whole journal.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';
import { HISTORY_PAGE } from '../../../../renderer/src/history/history-queries';

const T0 = Date.UTC(2025, 2, 14, 9, 0);

function threeCalls() {
  return [
    makeCall({ id: 'a', number: '0201111111', startedAt: T0 + 3, state: 'ended' }),
    makeCall({
      id: 'b',
      number: '0202222222',
      startedAt: T0 + 2,
      state: 'ended',
      outcome: 'missed',
      caller: { name: 'Bea Bakker', company: '', source: 'local' },
    }),
    makeCall({ id: 'c', number: '0203333333', startedAt: T0 + 1, state: 'ended' }),
  ];
}

describe('history keyboard', () => {
  it('is one Tab stop; arrows move, C calls back, → and ← reach Call back', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ calls: threeCalls() });
    fake.handle('dial', async () => ({ ok: true, value: { via: 'assistant' } }));
    renderWithApi(fake);
    const rows = await screen.findAllByRole('button', { name: /Incoming/ });
    const callBacks = screen.getAllByRole('button', { name: /^Call back / });
    expect(callBacks).toHaveLength(3);
    // Only the first row is in the Tab order; no Call back button is.
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    expect(callBacks.every((b) => b.tabIndex === -1)).toBe(true);
    expect(callBacks[1]!.getAttribute('aria-label')).toBe('Call back Bea Bakker');

    // Tab from the export button lands on the list, and the next Tab leaves it.
    screen.getByRole('button', { name: 'Export CSV' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(rows[0]);
    await user.tab();
    expect(document.activeElement?.closest('.history-list')).toBeNull();

    rows[0]!.focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(rows[1]));
    await user.keyboard('c');
    await flush();
    expect(fake.api.dial).toHaveBeenCalledWith('0202222222');

    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(callBacks[1]);
    await user.keyboard('{Enter}');
    await flush();
    expect(fake.api.dial).toHaveBeenCalledTimes(2);
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(rows[1]);

    await user.keyboard('{Enter}');
    expect(
      await screen.findByRole('article', { name: /020 2222222|0202222222|Call from/ }),
    ).toBeTruthy();
    expect(rows[1]!.getAttribute('aria-expanded')).toBe('true');
  });

  it('the shortcuts help lists C for Call back', async () => {
    const user = userEvent.setup();
    renderWithApi(createFakeApi({ calls: threeCalls() }));
    await screen.findAllByRole('button', { name: /Incoming/ });
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    const help = await screen.findByRole('dialog');
    expect(help.textContent).toContain('Call the caller back');
    expect(help.textContent).toContain("Go to the row's Call back button and back");
  });

  it('loads the next page from main, after the last loaded call, as the list reaches its end', async () => {
    const many = Array.from({ length: HISTORY_PAGE + 50 }, (_, i) =>
      makeCall({ id: `m${i}`, number: `020${String(1000000 + i)}`, startedAt: T0 - i * 1000 }),
    );
    const fake = createFakeApi({ calls: many });
    renderWithApi(fake);
    const first = (await screen.findAllByRole('button', { name: /Incoming/ }))[0]!;
    expect(fake.api.findCalls).toHaveBeenCalledWith({ kind: 'all', text: '' }, null, HISTORY_PAGE);
    // The list knows the whole selection's size from the first page.
    expect(first.closest('li')!.getAttribute('aria-setsize')).toBe(String(HISTORY_PAGE + 50));
    // (jsdom lays nothing out: the rows near the end of the first page render at once.)
    await waitFor(() =>
      expect(fake.api.findCalls).toHaveBeenCalledWith(
        { kind: 'all', text: '' },
        { startedAt: many[HISTORY_PAGE - 1]!.startedAt, key: many[HISTORY_PAGE - 1]!.key },
        HISTORY_PAGE,
      ),
    );
    // The last page says there is no more: nothing is asked again.
    await flush();
    const asked = fake.api.findCalls.mock.calls.filter(([, after]) => after !== null);
    expect(asked).toHaveLength(1);
  });
});
