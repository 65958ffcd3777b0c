// The card's transfer picker (HTTP API set and Call Control set): contacts from the contacts
// search, each number with its label, and the board's colleagues as suggestions; the combobox
// keyboard pattern (type, arrows, Enter, Escape); the number cleaned by the dial rule and
// anything that is not a number refused before a request.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Contact } from '../../../../shared/contacts/contact';
import type { BoardState, CallControlState, CardAction } from '../../../../shared/pbx-views';
import { DEFAULT_SETTINGS } from '../../../../shared/settings-schema';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';

const JAN: Contact = {
  id: 7,
  name: 'Jan Jansen',
  company: 'Jansen BV',
  email: '',
  notes: '',
  numbers: [
    { label: 'mobile', number: '06 1234 5678' },
    { label: 'work', number: '(020) 555-0101' },
  ],
  source: 'import',
  createdAt: 0,
  updatedAt: 0,
};

function state(over: Partial<CallControlState> = {}): CallControlState {
  return {
    callId: 'T1',
    available: true,
    parked: false,
    parkedSince: null,
    parkedMs: 0,
    recording: 'off',
    consulting: null,
    ...over,
  };
}

async function card(opts: { http: boolean; supervisor?: boolean } = { http: true }) {
  const fake = createFakeApi({ popups: [makeCall({ id: 'T1', state: 'connected' })] });
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.agent.extension = '102';
  settings.pbx.httpApi.enabled = opts.http;
  settings.supervisor.enabled = opts.supervisor ?? false;
  fake.settings = { settings, problems: [], locked: [] };
  if (!opts.http)
    fake.sources = [{ source: 'call-control', state: 'ok', message: 'following', since: 0 }];
  const searched: string[] = [];
  fake.handle('contacts.search', ({ query }) => {
    searched.push(query);
    const q = query.toLowerCase();
    const hit = q && ('jan jansen'.includes(q) || '0612345678'.includes(q));
    return { ok: true, value: { contacts: hit ? [JAN] : [], more: false } };
  });
  const acted: CardAction[] = [];
  let current = state();
  fake.handle('pbx.call.get', () => ({ ok: true, value: current }));
  fake.handle('pbx.call.act', ({ action }) => {
    acted.push(action);
    if (action.kind === 'attendedTransfer')
      current = state({ consulting: action.destination ?? null });
    return { ok: true, value: { ok: true, error: null, state: current } };
  });
  window.location.hash = '#/popup';
  const r = renderWithApi(fake);
  await flush();
  const dialog = screen.getByRole('dialog', { name: /06 12345678/ });
  return { fake, dialog, acted, searched, queryClient: r.queryClient };
}

async function openTransfer(dialog: HTMLElement) {
  await userEvent.click(await within(dialog).findByRole('button', { name: 'Transfer' }));
  return within(dialog).getByRole('combobox', { name: 'Transfer to' });
}

describe('transfer to a contact', () => {
  it('suggests each number of a matching contact with its label; arrows and Enter pick one', async () => {
    const user = userEvent.setup();
    const { dialog, acted } = await card();
    const input = await openTransfer(dialog);
    expect(input).toBe(document.activeElement);
    await user.type(input, 'jan');
    const list = await within(dialog).findByRole('listbox', { name: 'Contacts and colleagues' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(list.id);
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.getAttribute('aria-label')),
    ).toEqual(['Jan Jansen, Mobile 06 1234 5678', 'Jan Jansen, Work (020) 555-0101']);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const work = within(list).getByRole('option', { name: 'Jan Jansen, Work (020) 555-0101' });
    expect(work.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(work.id);
    await user.keyboard('{ArrowDown}'); // wraps round to the first
    expect(input.getAttribute('aria-activedescendant')).toBe(
      within(list).getByRole('option', { name: /Mobile/ }).id,
    );
    await user.keyboard('{ArrowUp}{Enter}');
    // Cleaned by the dial rule: brackets, spaces and dashes gone.
    expect(acted).toEqual([{ kind: 'transfer', destination: '0205550101' }]);
  });

  it('a click on a suggestion transfers to that number', async () => {
    const user = userEvent.setup();
    const { dialog, acted } = await card();
    await user.type(await openTransfer(dialog), '0612');
    await user.click(await within(dialog).findByRole('option', { name: /Mobile 06 1234 5678/ }));
    expect(acted).toEqual([{ kind: 'transfer', destination: '0612345678' }]);
  });

  it('suggests the board’s colleagues by extension or name, read in the popup window', async () => {
    const user = userEvent.setup();
    const { fake, dialog, acted } = await card({ http: true, supervisor: true });
    fake.handle('pbx.board.get', () => ({ ok: true, value: board }));
    const board = {
      mode: 'http',
      queues: [],
      members: [
        {
          num: '103',
          name: 'Clara',
          registered: true,
          busy: false,
          presence: null,
          queuesGlobal: null,
        },
        {
          num: '204',
          name: 'Dirk',
          registered: true,
          busy: false,
          presence: null,
          queuesGlobal: null,
        },
      ],
      waiting: 0,
      fetchedAt: 1,
      stale: false,
      error: null,
      reachability: { reachable: true, lastGoodAt: 1, lastError: null },
    } satisfies BoardState;
    const input = await openTransfer(dialog);
    await user.type(input, 'cla');
    const list = await within(dialog).findByRole('listbox');
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.getAttribute('aria-label')),
    ).toEqual(['Clara, colleague, extension 103']);
    await user.clear(input);
    await user.type(input, '20');
    expect(
      await within(dialog).findByRole('option', { name: 'Dirk, colleague, extension 204' }),
    ).toBeTruthy();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(acted).toEqual([{ kind: 'transfer', destination: '204' }]);
  });

  it('offers no colleagues, and reads no board, when the supervisor board is off', async () => {
    const user = userEvent.setup();
    const { fake, dialog } = await card();
    await user.type(await openTransfer(dialog), 'jan');
    await within(dialog).findByRole('listbox');
    expect(fake.api.pbxBoard).not.toHaveBeenCalled();
  });

  it('Enter without a highlighted suggestion takes what was typed, cleaned', async () => {
    const user = userEvent.setup();
    const { dialog, acted } = await card();
    await user.type(await openTransfer(dialog), '0800-FLOWERS{Enter}');
    expect(acted).toEqual([{ kind: 'transfer', destination: '08003569377' }]);
  });

  it('refuses what is not a number, and sends nothing', async () => {
    const user = userEvent.setup();
    const { dialog, acted } = await card();
    const input = await openTransfer(dialog);
    for (const bad of ['103/../stop', 'sip:103@pbx', '1 0 3?x=1']) {
      await user.clear(input);
      await user.type(input, `${bad}{Enter}`);
      expect((await within(dialog).findByRole('alert')).textContent).toBe(
        `"${bad}" is not a number to transfer to`,
      );
    }
    await user.click(within(dialog).getByRole('button', { name: 'Transfer now' }));
    expect(acted).toEqual([]);
  });

  it('Escape closes the suggestions, then the picker, not the card', async () => {
    const user = userEvent.setup();
    const { dialog } = await card();
    const input = await openTransfer(dialog);
    await user.type(input, 'jan');
    await within(dialog).findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('listbox')).toBeNull();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('combobox', { name: 'Transfer to' })).toBeNull();
    expect(screen.getByRole('dialog', { name: /06 12345678/ })).toBe(dialog);
  });

  it('attended transfer: a consult call to the contact, then Complete transfer', async () => {
    const user = userEvent.setup();
    const { dialog, acted } = await card();
    await user.click(await within(dialog).findByRole('button', { name: 'Attended transfer' }));
    const input = within(dialog).getByRole('combobox', { name: 'Consult first' });
    await user.type(input, 'jan');
    await within(dialog).findByRole('listbox');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(acted).toEqual([{ kind: 'attendedTransfer', destination: '0612345678' }]);
    expect(
      await within(dialog).findByText('Consulting 0612345678: the caller waits on hold'),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Complete transfer' }));
    expect(acted[1]).toEqual({ kind: 'attendedTransfer' });
  });

  it('the Call Control set offers the same picker', async () => {
    const user = userEvent.setup();
    const { fake, dialog } = await card({ http: false });
    const input = await within(dialog).findByRole('combobox', { name: 'Transfer to' });
    await user.type(input, 'jan');
    await within(dialog).findByRole('listbox');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(fake.api.controlCall).toHaveBeenLastCalledWith('T1', 'transferto', '0612345678');
  });
});
