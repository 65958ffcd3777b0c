// 3CX phonebook matches for the contacts search. The REST API can only find by number
// (contact.find?num=…&min_len=<matching.suffixDigits>, then contact.get per id), so only a
// query made of a number's characters with at least 3 digits is sent; names are searched
// locally only. Answers are kept for the day, like the card's; a failure is not kept, and
// never touches the local results (a separate request the screen appends when it arrives).
import type { Db } from '../db';
import type { Clock, Logger } from '../core-types';
import type { PhonebookMatch, PhonebookMatches } from '../../../shared/ipc';
import { digitsOf } from '../../../shared/contacts/contact';
import { compactNumber } from '../../../shared/crm-args';
import { fromPhonebookFields } from '../../../shared/contacts/phonebook-fields';
import { isNumberQuery } from './contact-search';
import type { PhonebookReader } from './caller-lookup';

/** At most this many 3CX contacts per search (one contact.get each). */
export const PHONEBOOK_SEARCH_LIMIT = 10;
const MIN_DIGITS = 3;

export interface PhonebookSearchDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  reader: PhonebookReader | undefined;
  /** Whether pbx.restApi is set up, and matching.suffixDigits (contact.find's min_len). */
  settings(): { phonebook: boolean; suffixDigits: number };
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

export function createPhonebookSearch(deps: PhonebookSearchDeps) {
  const getCache = deps.db.prepare(
    'SELECT answer, fetched_at FROM phonebook_search_cache WHERE query_key = ?',
  );
  const putCache = deps.db.prepare(`
    INSERT INTO phonebook_search_cache (query_key, answer, fetched_at) VALUES (?, ?, ?)
    ON CONFLICT(query_key) DO UPDATE SET answer = excluded.answer, fetched_at = excluded.fetched_at`);
  const inFlight = new Map<string, Promise<PhonebookMatches>>();

  async function ask(
    reader: PhonebookReader,
    number: string,
    minLen: number,
  ): Promise<PhonebookMatches> {
    const found = await reader.contactFind(number, minLen);
    if (!found.ok) {
      deps.logger.warn(`3CX phonebook search: contact.find failed: ${found.error.message}`);
      return { asked: true, contacts: [], error: found.error.message };
    }
    const got = await Promise.all(
      found.value.slice(0, PHONEBOOK_SEARCH_LIMIT).map((id) => reader.contactGet(id)),
    );
    const contacts: PhonebookMatch[] = [];
    for (const [i, r] of got.entries()) {
      if (!r.ok) {
        deps.logger.warn(`3CX phonebook search: contact.get failed: ${r.error.message}`);
        continue;
      }
      const c = fromPhonebookFields(r.value);
      if (c.numbers.length === 0) continue;
      contacts.push({
        pbxId: r.value.id || found.value[i]!,
        name: c.name,
        company: c.company,
        email: c.email,
        numbers: c.numbers,
      });
    }
    return { asked: true, contacts };
  }

  return {
    async search(query: string): Promise<PhonebookMatches> {
      const { phonebook, suffixDigits } = deps.settings();
      const reader = deps.reader;
      const q = query.trim();
      if (!reader || !phonebook || !isNumberQuery(q)) return { asked: false, contacts: [] };
      const number = compactNumber(q);
      if (digitsOf(number).length < MIN_DIGITS) return { asked: false, contacts: [] };
      const key = `${number}|${suffixDigits}`;
      const row = getCache.get(key) as { answer: string; fetched_at: number } | undefined;
      if (row && sameDay(row.fetched_at, deps.clock.now()))
        return { asked: true, contacts: JSON.parse(row.answer) as PhonebookMatch[] };
      let pending = inFlight.get(key);
      if (!pending) {
        pending = ask(reader, number, suffixDigits)
          .then((answer) => {
            if (!answer.error) putCache.run(key, JSON.stringify(answer.contacts), deps.clock.now());
            return answer;
          })
          .catch((e: unknown): PhonebookMatches => {
            const message = (e as Error).message;
            deps.logger.warn(`3CX phonebook search failed: ${message}`);
            return { asked: true, contacts: [], error: message };
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}

export type PhonebookSearch = ReturnType<typeof createPhonebookSearch>;
