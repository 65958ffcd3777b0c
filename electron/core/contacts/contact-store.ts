// The local contact store: contacts and their numbers in SQLite, found by number (an index hit
// on E.164, then on the last N digits) and by search (FTS5 trigram index over folded text).
import type { Db } from '../db';
import type { Contact, ContactInput, ContactSource } from '../../../shared/contacts/contact';
import type { ImportProblem, ParsedContacts } from '../../../shared/contacts/import-result';
import { identityOf, numberRows, searchDocument, sortKey, type NumberRow } from './contact-keys';
import { createContactSearch, type MatchOptions, type NumberMatch } from './contact-search';

export type { MatchOptions, NumberMatch };

export interface ImportSummary {
  added: number;
  updated: number;
  skipped: number;
  /** Every row skipped or imported with a part left out, by line. */
  problems: ImportProblem[];
}

export interface ContactStore {
  get(id: number): Contact | undefined;
  create(input: ContactInput, source?: ContactSource): Contact;
  update(id: number, input: ContactInput): Contact;
  remove(id: number): boolean;
  /** Remembers the contact's id in the 3CX phonebook (after "Save to 3CX phonebook"). */
  setPbxId(id: number, pbxId: string): void;
  /** Contacts with this number: E.164 first, then the last N digits. */
  lookup(number: string, limit?: number): NumberMatch[];
  /** Find-as-you-type: any part of a name, company, e-mail, or any run of digits. */
  search(query: string, limit?: number): Contact[];
  importContacts(parsed: ParsedContacts): ImportSummary;
  all(): Contact[];
  count(): number;
}

interface ContactRow {
  id: number;
  name: string;
  company: string;
  email: string;
  notes: string;
  source: string;
  external_id: string | null;
  pbx_id: string | null;
  created_at: number;
  updated_at: number;
}

export function createContactStore(
  db: Db,
  match: () => MatchOptions,
  clock: () => number = Date.now,
): ContactStore {
  // 100,000 contacts with their indexes outgrow SQLite's default 2 MB page cache, and an
  // import then waits on the disk for every row: 32 MB keeps them in memory.
  db.pragma('cache_size = -32768');
  const insertContact = db.prepare(`
    INSERT INTO contacts (name, company, email, notes, source, external_id, identity, sort_key,
                          created_at, updated_at)
    VALUES (@name, @company, @email, @notes, @source, @external_id, @identity, @sort_key, @at, @at)`);
  const updateContact = db.prepare(`
    UPDATE contacts SET name = @name, company = @company, email = @email, notes = @notes,
      external_id = @external_id, identity = @identity, sort_key = @sort_key, updated_at = @at
    WHERE id = @id`);
  const deleteContact = db.prepare('DELETE FROM contacts WHERE id = ?');
  const setPbx = db.prepare('UPDATE contacts SET pbx_id = ? WHERE id = ?');
  const insertNumber = db.prepare(`
    INSERT INTO contact_numbers (contact_id, position, label, number, e164, rdigits)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const deleteNumbers = db.prepare('DELETE FROM contact_numbers WHERE contact_id = ?');
  const insertDoc = db.prepare('INSERT INTO contacts_fts (rowid, doc) VALUES (?, ?)');
  const deleteDoc = db.prepare('DELETE FROM contacts_fts WHERE rowid = ?');
  const byId = db.prepare('SELECT * FROM contacts WHERE id = ?');
  const byExternal = db.prepare('SELECT * FROM contacts WHERE external_id = ? LIMIT 1');
  const byIdentity = db.prepare('SELECT * FROM contacts WHERE identity = ? LIMIT 1');
  const numbersOf = db.prepare(
    'SELECT contact_id, label, number FROM contact_numbers WHERE contact_id = ? ORDER BY position',
  );
  const numbersOfMany = db.prepare(`
    SELECT contact_id, label, number FROM contact_numbers
    WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position`);
  const byIds = db.prepare(
    'SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?)) ORDER BY sort_key, id',
  );
  const allRows = db.prepare('SELECT * FROM contacts ORDER BY sort_key, id');
  const countStmt = db.prepare('SELECT count(*) AS n FROM contacts');

  function hydrate(rows: ContactRow[]): Contact[] {
    if (rows.length === 0) return [];
    const nums = new Map<number, { label: string; number: string }[]>();
    const list =
      rows.length === 1
        ? numbersOf.all(rows[0]!.id)
        : numbersOfMany.all(JSON.stringify(rows.map((r) => r.id)));
    for (const n of list as { contact_id: number; label: string; number: string }[]) {
      const arr = nums.get(n.contact_id) ?? [];
      arr.push({ label: n.label, number: n.number });
      nums.set(n.contact_id, arr);
    }
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      company: r.company,
      email: r.email,
      notes: r.notes,
      numbers: nums.get(r.id) ?? [],
      ...(r.external_id ? { externalId: r.external_id } : {}),
      ...(r.pbx_id ? { pbxId: r.pbx_id } : {}),
      source: r.source as ContactSource,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  function writeNumbers(id: number, c: ContactInput, rows: NumberRow[], fresh: boolean): void {
    if (!fresh) {
      deleteNumbers.run(id);
      deleteDoc.run(id);
    }
    for (const n of rows) insertNumber.run(id, n.position, n.label, n.number, n.e164, n.rdigits);
    insertDoc.run(id, searchDocument(c, rows));
  }

  function params(c: ContactInput, rows: NumberRow[]) {
    return {
      name: c.name.trim(),
      company: c.company.trim(),
      email: c.email.trim(),
      notes: c.notes,
      external_id: c.externalId ?? null,
      identity: identityOf(c, rows),
      sort_key: sortKey(c),
      at: clock(),
    };
  }

  function insert(c: ContactInput, source: ContactSource): number {
    const rows = numberRows(c, match().defaultCountry);
    const id = Number(insertContact.run({ ...params(c, rows), source }).lastInsertRowid);
    writeNumbers(id, c, rows, true);
    return id;
  }

  function replace(id: number, c: ContactInput): void {
    const rows = numberRows(c, match().defaultCountry);
    updateContact.run({ ...params(c, rows), id });
    writeNumbers(id, c, rows, false);
  }

  const get = (id: number) => hydrate(byId.all(id) as ContactRow[])[0];

  /** A re-imported contact: the file's values win, but what the file leaves empty is kept. */
  function merged(existing: Contact, incoming: ContactInput): ContactInput {
    return {
      name: incoming.name || existing.name,
      company: incoming.company || existing.company,
      email: incoming.email || existing.email,
      notes: incoming.notes || existing.notes,
      numbers: incoming.numbers.length ? incoming.numbers : existing.numbers,
      ...((incoming.externalId ?? existing.externalId)
        ? { externalId: incoming.externalId ?? existing.externalId }
        : {}),
    };
  }

  // A big file is written faster without keeping these indexes current row by row: they are
  // dropped and built again in the same transaction (a sort instead of 250,000 random inserts).
  // The identity index stays: re-import looks contacts up by it while it writes.
  const BULK_ROWS = 5000;
  const BULK_INDEXES = [
    ['contacts_sort', 'CREATE INDEX contacts_sort ON contacts(sort_key)'],
    ['contact_numbers_e164', 'CREATE INDEX contact_numbers_e164 ON contact_numbers(e164)'],
    ['contact_numbers_rdigits', 'CREATE INDEX contact_numbers_rdigits ON contact_numbers(rdigits)'],
  ] as const;

  const importTx = db.transaction((parsed: ParsedContacts): ImportSummary => {
    const bulk = parsed.contacts.length >= BULK_ROWS;
    if (bulk) for (const [name] of BULK_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
    let added = 0;
    let updated = 0;
    const defaultCountry = match().defaultCountry;
    for (const { contact } of parsed.contacts) {
      const rows = numberRows(contact, defaultCountry);
      const found = (contact.externalId ? byExternal.get(contact.externalId) : undefined) as
        ContactRow | undefined;
      const existing =
        found ?? (byIdentity.get(identityOf(contact, rows)) as ContactRow | undefined);
      if (existing) {
        replace(existing.id, merged(hydrate([existing])[0]!, contact));
        updated++;
      } else {
        const id = Number(
          insertContact.run({ ...params(contact, rows), source: 'import' }).lastInsertRowid,
        );
        writeNumbers(id, contact, rows, true);
        added++;
      }
    }
    if (bulk) for (const [, sql] of BULK_INDEXES) db.exec(sql);
    const skipped = parsed.problems.filter((p) => !p.kept).length;
    return { added, updated, skipped, problems: parsed.problems };
  });

  const search = createContactSearch(db, match);

  return {
    get,
    create(input, source = 'local') {
      const id = db.transaction(() => insert(input, source))();
      return get(id)!;
    },
    update(id, input) {
      if (!byId.get(id)) throw new Error(`no contact with id ${id}`);
      db.transaction(() => replace(id, input))();
      return get(id)!;
    },
    remove(id) {
      return db.transaction(() => {
        deleteDoc.run(id);
        return deleteContact.run(id).changes > 0;
      })();
    },
    setPbxId(id, pbxId) {
      setPbx.run(pbxId, id);
    },
    lookup(number, limit = 5) {
      const hits = search.byNumber(number, limit);
      const contacts = new Map(
        hydrate(hits.map((h) => byId.get(h.contactId) as ContactRow)).map((c) => [c.id, c]),
      );
      return hits.flatMap((h) => {
        const contact = contacts.get(h.contactId);
        return contact ? [{ ...h, contact }] : [];
      });
    },
    search(query, limit = 50) {
      const found = search.byText(query, limit);
      if ('rows' in found) return hydrate(found.rows as ContactRow[]);
      if (found.ids.length === 0) return [];
      const rows = byIds.all(JSON.stringify(found.ids)) as ContactRow[];
      return hydrate(rows);
    },
    importContacts: (parsed) => importTx(parsed),
    all: () => hydrate(allRows.all() as ContactRow[]),
    count: () => (countStmt.get() as { n: number }).n,
  };
}
