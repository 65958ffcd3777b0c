// @vitest-environment node
// The contact store on a real SQLite file: lookups by number in every format, search by any
// part of a name (accents, Cyrillic), company, e-mail or digits, and re-import without duplicates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../electron/core/db';
import {
  createContactStore,
  type ContactStore,
} from '../../../../electron/core/contacts/contact-store';
import { parseContactFile } from '../../../../shared/contacts/import-file';
import { emptyContact, type ContactInput } from '../../../../shared/contacts/contact';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'contacts');
let dir: string;
let db: Db;
let store: ContactStore;
const options = { defaultCountry: 'NL', suffixDigits: 9 };

function contact(name: string, numbers: string[], extra: Partial<ContactInput> = {}): ContactInput {
  return {
    ...emptyContact(),
    name,
    numbers: numbers.map((number) => ({ label: 'mobile', number })),
    ...extra,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cp-contacts-'));
  db = openDatabase(dir);
  store = createContactStore(db, () => options);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lookup by number', () => {
  it.each(['+31 6 5111 2222', '0651112222', '0031651112222', '06-51112222', '(06) 5111-2222'])(
    'finds +31 6 5111 2222 from %s',
    (incoming) => {
      const jan = store.create(contact('Jan Jansen', ['+31 6 5111 2222']));
      expect(store.lookup(incoming).map((m) => [m.contactId, m.how])).toEqual([[jan.id, 'e164']]);
    },
  );

  it('falls back to the last N digits for a number E.164 cannot read', () => {
    const odd = store.create(contact('Odd Format', ['9-651112222']));
    expect(store.lookup('+31651112222')).toMatchObject([{ contactId: odd.id, how: 'suffix' }]);
  });

  it('matches an extension only to the same extension, never to a number ending in it', () => {
    const desk = store.create(contact('Desk', ['102']));
    store.create(contact('Someone', ['+31 20 555 0102']));
    expect(store.lookup('102').map((m) => m.contactId)).toEqual([desk.id]);
  });

  it('reads the suffix length from the settings at lookup time', () => {
    const c = store.create(contact('Short', ['12-345678']));
    options.suffixDigits = 6;
    try {
      expect(store.lookup('99 345678').map((m) => m.contactId)).toEqual([c.id]);
    } finally {
      options.suffixDigits = 9;
    }
  });

  it('finds a stored number from any formatting of it (property)', () => {
    const stored = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.stringMatching(/^6\d{8}$/),
        fc.constantFrom('+31', '0031', '0', '+31 (0)'),
        fc.array(fc.constantFrom(' ', '-', '.', '/', ''), { minLength: 9, maxLength: 9 }),
        fc.constantFrom('+31', '0031', '0', '+31 (0)'),
        fc.array(fc.constantFrom(' ', '-', '.', ''), { minLength: 9, maxLength: 9 }),
        (nsn, storedPrefix, storedSeps, askPrefix, askSeps) => {
          const fmt = (prefix: string, seps: string[]) =>
            prefix + [...nsn].map((d, i) => d + seps[i]).join('');
          let id = stored.get(nsn);
          if (id === undefined) {
            id = store.create(contact(`P ${nsn}`, [fmt(storedPrefix, storedSeps)])).id;
            stored.set(nsn, id);
          }
          const asked = fmt(askPrefix, askSeps);
          expect(store.lookup(asked).map((m) => m.contactId)).toContain(id);
          const digitsAsked = asked.replace(/[^\d+]/g, '');
          expect(store.search(digitsAsked).map((c) => c.id)).toContain(id);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('search', () => {
  beforeEach(() => {
    store.create(
      contact('José Müller', ['+31 6 5111 2222'], {
        company: 'Bakkerij Zoë',
        email: 'jose@bakkerij.example',
      }),
    );
    store.create(contact('Иван Петров', ['+7 916 123-45-67'], { company: 'ООО Ромашка' }));
    store.create(contact('Anna van Dijk', ['010-4123456']));
  });
  const names = (q: string) => store.search(q).map((c) => c.name);

  it.each([
    ['jose', ['José Müller']],
    ['MÜLL', ['José Müller']],
    ['muller', ['José Müller']],
    ['ller', ['José Müller']],
    ['zoe', ['José Müller']],
    ['bakkerij.example', ['José Müller']],
    ['иван', ['Иван Петров']],
    ['ПЕТР', ['Иван Петров']],
    ['ромаш', ['Иван Петров']],
    ['van dijk', ['Anna van Dijk']],
    ['an', ['Anna van Dijk']],
    ['0651112222', ['José Müller']],
    ['+31 6 5111 2222', ['José Müller']],
    ['5111', ['José Müller']],
    ['9161234567', ['Иван Петров']],
    ['010 412', ['Anna van Dijk']],
    ['nobody', []],
    ['%', []],
  ])('%s → %j', (q, expected) => {
    expect(names(q)).toEqual(expected);
  });

  it('lists the contacts by name before anything is typed, up to the limit', () => {
    expect(names('')).toEqual(['Anna van Dijk', 'José Müller', 'Иван Петров']);
    expect(names('  ')).toEqual(names(''));
    expect(store.search('', 2).map((c) => c.name)).toEqual(['Anna van Dijk', 'José Müller']);
  });
});

describe('create, update, delete', () => {
  it('keeps numbers with their labels in order and finds the contact by its new number only', () => {
    const c = store.create(contact('Sam', ['0612345678', '020 555 1234']));
    const updated = store.update(c.id, {
      ...c,
      numbers: [{ label: 'work', number: '030 123 4567' }],
    });
    expect(updated.numbers).toEqual([{ label: 'work', number: '030 123 4567' }]);
    expect(store.lookup('0612345678')).toEqual([]);
    expect(store.lookup('+31301234567').map((m) => m.contactId)).toEqual([c.id]);
    expect(store.search('sam').map((x) => x.id)).toEqual([c.id]);
    expect(store.remove(c.id)).toBe(true);
    expect(store.search('sam')).toEqual([]);
    expect(store.lookup('0301234567')).toEqual([]);
    expect(store.remove(c.id)).toBe(false);
  });
});

describe('import', () => {
  const parsed = (name: string) => parseContactFile(readFileSync(join(fixtures, name)));

  it('adds, then updates on a second import of the same file, never duplicating', () => {
    const first = store.importContacts(parsed('outlook-contacts.csv'));
    expect(first).toMatchObject({ added: 4, updated: 0, skipped: 2 });
    const second = store.importContacts(parsed('outlook-contacts.csv'));
    expect(second).toMatchObject({ added: 0, updated: 4, skipped: 2 });
    expect(store.count()).toBe(4);
    expect(store.lookup('0651112222')[0]!.contact!.name).toBe('Jan Jansen');
  });

  it('recognises a vCard contact again by its UID even after a rename', () => {
    store.importContacts(parsed('iphone.vcf'));
    const olga = store.search('ольга')[0]!;
    store.update(olga.id, { ...olga, name: 'Olga Ivanova' });
    const again = store.importContacts(parsed('iphone.vcf'));
    expect(again).toMatchObject({ added: 0, updated: 2 });
    expect(store.count()).toBe(2);
  });

  it('keeps notes the agent wrote when the file has none for that contact', () => {
    store.importContacts(parsed('excel-de-sep.csv'));
    const j = store.search('weiß')[0]!;
    store.update(j.id, { ...j, notes: 'Calls back on Fridays' });
    store.importContacts(parsed('excel-de-sep.csv'));
    expect(store.get(j.id)!.notes).toBe('Calls back on Fridays');
  });

  it('stores the file in one transaction: a concurrent reader sees all of it or none', () => {
    const other = openDatabase(dir);
    try {
      store.importContacts(parsed('google-contacts.csv'));
      expect((other.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n).toBe(
        3,
      );
    } finally {
      other.close();
    }
  });
});
