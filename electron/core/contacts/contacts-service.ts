// The contacts side of main, as the IPC handlers and the call views use it: the store, files
// in and out, the caller lookup and the 3CX phonebook, wired from injected parts.
import type { Db } from '../db';
import type { Clock, Logger } from '../core-types';
import type { Settings } from '../../../shared/settings-schema';
import type { Contact, ContactInput } from '../../../shared/contacts/contact';
import type { ColumnMapping } from '../../../shared/contacts/csv-mapping';
import { readContactText, parseContactFile } from '../../../shared/contacts/import-file';
import { contactsFromCsv, csvFormat } from '../../../shared/contacts/csv-contacts';
import { guessMapping } from '../../../shared/contacts/csv-mapping';
import { contactsFromVcards } from '../../../shared/contacts/vcard-contacts';
import { contactsToCsv, contactsToVcf } from '../../../shared/contacts/export-contacts';
import type { ContactsFilePreview } from '../../../shared/ipc';
import { createContactStore, type ContactStore, type ImportSummary } from './contact-store';
import { createCallerLookup, type CallerLookup, type PhonebookReader } from './caller-lookup';
import { saveToPhonebook, type PhonebookWriter, type SavedToPhonebook } from './phonebook-save';
import { createPhonebookSearch } from './phonebook-search';
import type { PhonebookMatches } from '../../../shared/ipc';

export const SEARCH_LIMIT = 50;
/** A name in the history filter stands for at most this many contacts' numbers. */
const NAMED_LIMIT = 500;

export interface ContactsService {
  store: ContactStore;
  callers: CallerLookup;
  search(query: string): { contacts: Contact[]; more: boolean };
  /** The numbers of contacts (local, and named by 3CX) whose name or company has `text`. */
  numbersNamed(text: string): string[];
  save(id: number | null, input: ContactInput): Contact;
  remove(id: number): void;
  preview(bytes: Uint8Array): ContactsFilePreview;
  importFile(bytes: Uint8Array, mapping: ColumnMapping | null): ImportSummary;
  toPhonebook(id: number): Promise<SavedToPhonebook>;
  /** 3CX phonebook matches for a number-like search (cached for the day). */
  searchPhonebook(query: string): Promise<PhonebookMatches>;
  exportAs(format: 'csv' | 'vcf'): string;
}

export interface ContactsServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: () => Settings;
  phonebook: (PhonebookReader & PhonebookWriter) | undefined;
  /** A 3CX phonebook answer came for this number: re-send the calls that show it. */
  onCallerFound(number: string): void;
}

export function createContactsService(deps: ContactsServiceDeps): ContactsService {
  const match = () => ({
    defaultCountry: deps.settings().agent.defaultCountry,
    suffixDigits: deps.settings().matching.suffixDigits,
  });
  const store = createContactStore(deps.db, match, deps.clock.now);
  const phonebookOn = () => {
    const r = deps.settings().pbx.restApi;
    return r.enabled && r.baseUrl !== '' && r.key !== '';
  };
  const callers = createCallerLookup({
    db: deps.db,
    store,
    clock: deps.clock,
    logger: deps.logger,
    settings: () => ({ ...match(), phonebook: phonebookOn() }),
    phonebook: deps.phonebook,
    onPhonebookAnswer: deps.onCallerFound,
  });
  const phonebookSearch = createPhonebookSearch({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    reader: deps.phonebook,
    settings: () => ({ phonebook: phonebookOn(), suffixDigits: match().suffixDigits }),
  });

  return {
    store,
    callers,
    searchPhonebook: (query) => phonebookSearch.search(query),
    search(query) {
      const found = store.search(query, SEARCH_LIMIT + 1);
      return { contacts: found.slice(0, SEARCH_LIMIT), more: found.length > SEARCH_LIMIT };
    },
    numbersNamed(text) {
      const local = store.search(text, NAMED_LIMIT).flatMap((c) => c.numbers.map((n) => n.number));
      return [...local, ...callers.numbersNamed3cx(text)];
    },
    save(id, input) {
      const c = id === null ? store.create(input, 'local') : store.update(id, input);
      deps.logger.info(`contact ${c.id} ${id === null ? 'created' : 'updated'}`);
      return c;
    },
    remove(id) {
      if (!store.remove(id)) throw new Error(`no contact with id ${id}`);
      deps.logger.info(`contact ${id} deleted`);
    },
    preview(bytes) {
      const read = readContactText(bytes);
      if (read.kind === 'vcard')
        return {
          kind: 'vcard',
          format: 'vcard',
          rows: contactsFromVcards(read.text).contacts.length,
        };
      const format = csvFormat(read.table.headers);
      return {
        kind: 'csv',
        format,
        headers: read.table.headers,
        mapping: guessMapping(read.table.headers),
        rows:
          format === 'csv'
            ? read.table.records.length
            : contactsFromCsv(read.table).contacts.length,
      };
    },
    importFile(bytes, mapping) {
      const parsed = parseContactFile(bytes, mapping ?? undefined);
      const summary = store.importContacts(parsed);
      deps.logger.info(
        `contacts import (${parsed.format}): ${summary.added} added, ${summary.updated} updated, ${summary.skipped} skipped`,
      );
      return summary;
    },
    toPhonebook(id) {
      if (!deps.phonebook || !phonebookOn())
        return Promise.reject(
          new Error('The 3CX REST API is not set up in Settings (pbx.restApi)'),
        );
      return saveToPhonebook({ store, writer: deps.phonebook, logger: deps.logger }, id);
    },
    exportAs(format) {
      const all = store.all();
      return format === 'vcf' ? contactsToVcf(all) : contactsToCsv(all);
    },
  };
}
