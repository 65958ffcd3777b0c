import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeCall } from '../fake-api';
import { flush, renderWithApi } from '../render-app';
import { ContactsScreen } from '../../../../renderer/src/contacts/ContactsScreen';
import { HistoryList } from '../../../../renderer/src/history/HistoryList';
import type { Contact, HistoryKind } from '../../../../shared/ipc';

const jan: Contact = {
  id: 1,
  name: 'Jan Jansen',
  company: 'Jansen BV',
  email: '',
  notes: '',
  numbers: [
    { label: 'mobile', number: '+31 6 5111 2222' },
    { label: 'work', number: '020 555 0100' },
  ],
  source: 'import',
  createdAt: 0,
  updatedAt: 0,
};
const olga: Contact = {
  ...jan,
  id: 2,
  name: 'Ольга',
  company: '',
  numbers: [{ label: 'home', number: '0301234567' }],
};

function withContacts() {
  const fake = createFakeApi();
  fake.handle('contacts.search', ({ query }) => ({
    ok: true,
    value: {
      contacts: [jan, olga].filter((c) => c.name.toLowerCase().includes(query.toLowerCase())),
      more: false,
    },
  }));
  fake.handle('dial', async () => ({ ok: true, value: { via: 'assistant' } }));
  return fake;
}

// jsdom lays nothing out; the virtual list needs a viewport to put rows in.
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

describe('the contacts screen', () => {
  it('finds as you type and dials a number with its Call <name> button', async () => {
    const fake = withContacts();
    renderWithApi(fake, <ContactsScreen />);
    await userEvent.type(screen.getByRole('combobox', { name: 'Search contacts' }), 'jan');
    await flush();
    expect(screen.queryByRole('button', { name: /Call Ольга/ })).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Call Jan Jansen: Work 020 555 0100' }),
    );
    await flush();
    expect(fake.api.dial).toHaveBeenCalledWith('020 555 0100');
    expect(screen.getByRole('status').textContent).toBe('Dialed Jan Jansen');
  });

  it('dials with the keyboard only: arrow down to the second number, Enter', async () => {
    const fake = withContacts();
    renderWithApi(fake, <ContactsScreen />);
    const box = screen.getByRole('combobox', { name: 'Search contacts' });
    await userEvent.type(box, 'jan');
    await flush();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await flush();
    expect(fake.api.dial).toHaveBeenCalledWith('020 555 0100');
  });

  it('says why a dial failed', async () => {
    const fake = withContacts();
    fake.handle('dial', async () => ({
      ok: false,
      error: { code: 'failed', message: 'the 3CX Assistant client was not found' },
    }));
    renderWithApi(fake, <ContactsScreen />);
    await userEvent.type(screen.getByRole('combobox', { name: 'Search contacts' }), 'ольга');
    await flush();
    await userEvent.click(screen.getByRole('button', { name: /^Call Ольга: / }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not call Ольга: the 3CX Assistant client was not found',
    );
  });
});

describe('the history', () => {
  it('filters missed calls and by name, and calls back', async () => {
    const fake = createFakeApi({
      calls: [
        makeCall({
          id: 'a',
          state: 'ended',
          outcome: 'missed',
          caller: { name: 'Jan Jansen', company: '', source: 'local' },
        }),
        makeCall({ id: 'b', number: '0201234567', state: 'ended', outcome: 'answered' }),
      ],
    });
    fake.handle('dial', async () => ({ ok: true, value: { via: 'assistant' } }));
    renderWithApi(fake, <HistoryHarness />);
    expect(await screen.findAllByRole('button', { name: /^Call back/ })).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Missed' }));
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /^Call back/ })).toHaveLength(1),
    );
    await userEvent.click(screen.getByRole('button', { name: 'All calls' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Number or name' }), 'jans');
    await userEvent.click(await screen.findByRole('button', { name: 'Call back Jan Jansen' }));
    await flush();
    expect(fake.api.dial).toHaveBeenCalledWith('0612345678');
  });
});

function HistoryHarness() {
  const [kind, setKind] = useState<HistoryKind>('all');
  return (
    <HistoryList selectedKey={null} onSelect={() => undefined} kind={kind} onKindChange={setKind} />
  );
}
