// Who is calling: the local contact store first (an index hit, answered before the card is
// sent), then the 3CX phonebook when the REST API is set up (contact.find, then contact.get),
// in the background and cached for the day. The card never waits for the PBX: a name that
// arrives later is pushed to it as a call update.
import type { Db } from '../db';
import type { Clock, Logger } from '../core-types';
import type { ContactStore } from './contact-store';
import { numberForms } from '../../../shared/phone';
import { digitsOf, foldText } from '../../../shared/contacts/contact';
import {
  fromPhonebookFields,
  type PhonebookFieldValues,
} from '../../../shared/contacts/phonebook-fields';

export interface CallerName {
  name: string;
  company: string;
  /** `local`: CallPop's own contacts; `3cx`: the 3CX phonebook. */
  source: 'local' | '3cx';
  /** The local contact, for "edit" on the card. */
  contactId?: number;
  /** The label of the number that matched (mobile, work …). */
  label?: string;
}

type PhonebookAnswer<T> =
  { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };

/** The REST API client's phonebook reads (structurally), when the REST API is configured. */
export interface PhonebookReader {
  contactFind(number: string, minLen?: number): Promise<PhonebookAnswer<string[]>>;
  contactGet(id: string): Promise<PhonebookAnswer<PhonebookFieldValues & { id: string }>>;
}

export interface CallerLookupDeps {
  db: Db;
  store: ContactStore;
  clock: Clock;
  logger: Logger;
  settings: () => { defaultCountry: string; suffixDigits: number; phonebook: boolean };
  phonebook?: PhonebookReader;
  /** A 3CX answer arrived for this number (name or none). */
  onPhonebookAnswer(number: string): void;
}

export interface CallerLookup {
  /** What is known now, without waiting: local contact, else today's 3CX answer. */
  known(number: string): CallerName | null;
  /** Starts a 3CX lookup when nothing local or cached is known; never throws, never blocks. */
  lookUp(number: string): void;
  /** Numbers the 3CX phonebook named with a name or company containing `text` (cached answers). */
  numbersNamed3cx(text: string): string[];
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

export function createCallerLookup(deps: CallerLookupDeps): CallerLookup {
  const getCache = deps.db.prepare(
    'SELECT answer, fetched_at FROM phonebook_cache WHERE number_key = ?',
  );
  const putCache = deps.db.prepare(`
    INSERT INTO phonebook_cache (number_key, answer, fetched_at) VALUES (?, ?, ?)
    ON CONFLICT(number_key) DO UPDATE SET answer = excluded.answer, fetched_at = excluded.fetched_at`);
  const namedRows = deps.db.prepare(
    "SELECT number_key, answer FROM phonebook_cache WHERE answer != 'null'",
  );
  const inFlight = new Set<string>();

  function keyOf(number: string): string {
    return numberForms(number, deps.settings().defaultCountry).e164 ?? digitsOf(number);
  }

  function local(number: string): CallerName | null {
    const hit = deps.store.lookup(number, 1)[0];
    if (!hit?.contact) return null;
    return {
      name: hit.contact.name,
      company: hit.contact.company,
      source: 'local',
      contactId: hit.contact.id,
      label: hit.label,
    };
  }

  /** undefined: nothing cached today; null: 3CX had no one for this number today. */
  function cached(number: string): CallerName | null | undefined {
    const row = getCache.get(keyOf(number)) as { answer: string; fetched_at: number } | undefined;
    if (!row || !sameDay(row.fetched_at, deps.clock.now())) return undefined;
    return JSON.parse(row.answer) as CallerName | null;
  }

  async function fromPhonebook(
    number: string,
    reader: PhonebookReader,
  ): Promise<CallerName | null | 'failed'> {
    const found = await reader.contactFind(number, deps.settings().suffixDigits);
    if (!found.ok) {
      deps.logger.warn(`3CX phonebook: contact.find failed: ${found.error.message}`);
      return 'failed';
    }
    const id = found.value[0];
    if (id === undefined) return null;
    const got = await reader.contactGet(id);
    if (!got.ok) {
      deps.logger.warn(`3CX phonebook: contact.get failed: ${got.error.message}`);
      return 'failed';
    }
    const c = fromPhonebookFields(got.value);
    if (!c.name && !c.company) return null;
    return { name: c.name, company: c.company, source: '3cx' };
  }

  return {
    numbersNamed3cx(text) {
      const want = foldText(text);
      if (!want) return [];
      return (namedRows.all() as { number_key: string; answer: string }[]).flatMap((r) => {
        const a = JSON.parse(r.answer) as CallerName | null;
        return a && foldText(`${a.name} ${a.company}`).includes(want) ? [r.number_key] : [];
      });
    },
    known(number) {
      if (!digitsOf(number)) return null;
      return local(number) ?? cached(number) ?? null;
    },
    lookUp(number) {
      const reader = deps.phonebook;
      if (!reader || !deps.settings().phonebook || !digitsOf(number)) return;
      if (local(number) || cached(number) !== undefined) return;
      const key = keyOf(number);
      if (inFlight.has(key)) return;
      inFlight.add(key);
      fromPhonebook(number, reader)
        .then((answer) => {
          // A failure is not cached: the next call asks again.
          if (answer === 'failed') return;
          putCache.run(key, JSON.stringify(answer), deps.clock.now());
          deps.onPhonebookAnswer(number);
        })
        .catch((e: unknown) =>
          deps.logger.warn(`3CX phonebook lookup failed: ${(e as Error).message}`),
        )
        .finally(() => inFlight.delete(key));
    },
  };
}
