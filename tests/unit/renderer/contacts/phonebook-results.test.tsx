// 3CX phonebook matches in Search contacts: the local results show at once, whatever the
// phonebook does; the 3CX ones are appended when they arrive, marked "3CX", each number with
// its own Call <name> button that dials; a name is never sent to the phonebook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../fake-api';
import { flush, renderWithApi } from '../render-app';
import { ContactsScreen } from '../../../../renderer/src/contacts/ContactsScreen';
import type { Contact, PhonebookMatches } from '../../../../shared/ipc';

const jan: Contact = {
  id: 1,
  name: 'Jan Jansen',
  company: 'Jansen BV',
  email: '',
  notes: '',
  numbers: [{ label: 'mobile', number: '+31 6 1234 5678' }],
  source: 'local',
  createdAt: 0,
  updatedAt: 0,
};
const petra: PhonebookMatches = {
  asked: true,
  contacts: [
    {
      pbxId: '7',
      name: 'Petra Visser',
      company: 'Visser BV',
      email: '',
      numbers: [{ label: 'mobile', number: '+31612345678' }],
    },
  ],
};

const size = { configurable: true, get: () => 600 };
const saved = {
  h: Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight'),
  w: Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth'),
};
beforeAll(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', size);
  Object.defineProperty(Element.prototype, 'clientWidth', size);
});
afterAll(() => {
  if (saved.h) Object.defineProperty(Element.prototype, 'clientHeight', saved.h);
  if (saved.w) Object.defineProperty(Element.prototype, 'clientWidth', saved.w);
});

function setup() {
  const fake = createFakeApi();
  fake.handle('contacts.search', ({ query }) => ({
    ok: true,
    value: { contacts: query.includes('06') || query === 'Jan' ? [jan] : [], more: false },
  }));
  let answer: (m: PhonebookMatches) => void = () => undefined;
  fake.handle(
    'contacts.phonebook',
    () =>
      new Promise((resolve) => {
        answer = (m) => resolve({ ok: true, value: m });
      }),
  );
  fake.handle('dial', async () => ({ ok: true, value: { via: 'assistant' } }));
  return { fake, answer: (m: PhonebookMatches) => answer(m) };
}

describe('3CX phonebook results in Search contacts', () => {
  it('shows local results first and appends the 3CX ones when they arrive', async () => {
    const user = userEvent.setup();
    const { fake, answer } = setup();
    renderWithApi(fake, <ContactsScreen />);
    await user.type(screen.getByRole('combobox', { name: 'Search contacts' }), '0612345678');

    // The phonebook has not answered: the local contact is there all the same.
    expect(await screen.findByRole('button', { name: /^Call Jan Jansen:/ })).toBeTruthy();
    await waitFor(() => expect(fake.api.searchPhonebook).toHaveBeenCalledWith('0612345678'));
    expect(screen.queryByRole('button', { name: /^Call Petra Visser:/ })).toBeNull();

    answer(petra);
    const call = await screen.findByRole('button', { name: /^Call Petra Visser:/ });
    const list = screen.getByRole('list', { name: 'Contacts found' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('Jan Jansen'),
      expect.stringContaining('Petra Visser'),
    ]);
    expect(within(items[1]!).getByText('3CX')).toBeTruthy();
    // A phonebook contact is dialed, not edited here.
    expect(within(items[1]!).queryByRole('button', { name: /Edit/ })).toBeNull();

    await user.click(call);
    await flush();
    expect(fake.api.dial).toHaveBeenCalledWith('+31612345678');

    // The keyboard reaches it too: down from Jan's number, Enter dials Petra.
    const search = screen.getByRole('combobox', { name: 'Search contacts' });
    search.focus();
    await user.keyboard('{ArrowDown}{Enter}');
    await flush();
    expect(fake.api.dial).toHaveBeenLastCalledWith('+31612345678');
  });

  it('sends only number-like queries to the phonebook', async () => {
    const user = userEvent.setup();
    const { fake } = setup();
    renderWithApi(fake, <ContactsScreen />);
    await user.type(screen.getByRole('combobox', { name: 'Search contacts' }), 'Jan');
    expect(await screen.findByRole('button', { name: /^Call Jan Jansen:/ })).toBeTruthy();
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.api.searchPhonebook).not.toHaveBeenCalled();
  });

  it('says when the phonebook could not be searched, keeping the local results', async () => {
    const user = userEvent.setup();
    const { fake, answer } = setup();
    renderWithApi(fake, <ContactsScreen />);
    await user.type(screen.getByRole('combobox', { name: 'Search contacts' }), '0612345678');
    await waitFor(() => expect(fake.api.searchPhonebook).toHaveBeenCalled());
    answer({ asked: true, contacts: [], error: 'PBX unreachable' });
    expect(
      await screen.findByText('The 3CX phonebook could not be searched: PBX unreachable'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Call Jan Jansen:/ })).toBeTruthy();
  });
});
