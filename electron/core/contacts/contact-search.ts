// The two ways a contact is found. By number: E.164 equality first, then the last N digits
// (a prefix range on the reversed digits, so N may change without rebuilding anything). By
// text: the FTS5 trigram index answers LIKE '%part%' from its index for parts of 3+ characters;
// shorter queries look at the start of the name only (an index range), so every keystroke
// stays fast.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db';
import { compactNumber } from '../../../shared/crm-args';
import { callingCode, numberForms } from '../../../shared/phone';
import { digitsOf, foldText, type Contact } from '../../../shared/contacts/contact';
import { reverse } from './contact-keys';

export interface MatchOptions {
  defaultCountry: string;
  suffixDigits: number;
}

export interface NumberMatch {
  contactId: number;
  /** The stored number that matched, and its label. */
  number: string;
  label: string;
  how: 'e164' | 'suffix';
  contact?: Contact;
}

interface Hit {
  contact_id: number;
  number: string;
  label: string;
}

// ':' sorts right after '9': [p, p + ':') is every string that starts with p.
const AFTER_DIGITS = ':';

/** A query made only of a number's characters (digits, spaces, + - . / ( )). */
export function isNumberQuery(q: string): boolean {
  return /^[+(]?[\d\s\-./()]+$/.test(q.trim()) && /\d/.test(q);
}

export function createContactSearch(db: Db, match: () => MatchOptions) {
  const byE164 = db.prepare(
    'SELECT contact_id, number, label FROM contact_numbers WHERE e164 = ? LIMIT ?',
  );
  const bySuffix = db.prepare(`
    SELECT contact_id, number, label FROM contact_numbers
    WHERE rdigits >= ? AND rdigits < ? LIMIT ?`);
  const byDigits = db.prepare(
    'SELECT contact_id, number, label FROM contact_numbers WHERE rdigits = ? LIMIT ?',
  );
  const byPrefix = db.prepare(
    'SELECT * FROM contacts WHERE sort_key >= ? AND sort_key < ? ORDER BY sort_key, id LIMIT ?',
  );
  const firstByName = db.prepare('SELECT * FROM contacts ORDER BY sort_key, id LIMIT ?');
  const textCache = new Map<number, Statement<unknown[]>>();

  // The index answers "the first N rows that match" without reading every match; those are
  // then put in name order. More matches than N means the agent types on.
  function textStatement(terms: number) {
    let stmt = textCache.get(terms);
    if (!stmt) {
      const where = Array.from({ length: terms }, () => 'doc LIKE ?').join(' AND ');
      stmt = db.prepare<unknown[]>(`SELECT rowid AS id FROM contacts_fts WHERE ${where} LIMIT ?`);
      textCache.set(terms, stmt);
    }
    return stmt;
  }

  function byNumber(number: string, limit: number): NumberMatch[] {
    const m = match();
    const digits = digitsOf(compactNumber(number));
    if (!digits) return [];
    const e164 = numberForms(number, m.defaultCountry).e164;
    if (e164) {
      const hits = byE164.all(e164, limit) as Hit[];
      if (hits.length) return hits.map((h) => toMatch(h, 'e164'));
    }
    // Shorter than N digits (an extension): only the same digits are the same number.
    const n = Math.max(1, m.suffixDigits);
    const rev = reverse(digits);
    const hits =
      digits.length < n
        ? (byDigits.all(rev, limit) as Hit[])
        : (bySuffix.all(rev.slice(0, n), rev.slice(0, n) + AFTER_DIGITS, limit) as Hit[]);
    return hits.map((h) => toMatch(h, 'suffix'));
  }

  /**
   * Ids of matching contacts (at most `limit`), or the rows of a short name-prefix query (or of
   * the first contacts by name, for an empty one).
   */
  function byText(query: string, limit: number): { ids: number[] } | { rows: unknown[] } {
    const q = query.trim();
    // Nothing typed yet: the phone book from the top, so imported contacts show at once.
    if (!q) return { rows: firstByName.all(limit) };
    if (isNumberQuery(q)) {
      const digits = digitsOf(q);
      // The index holds each number as its national significant number (or its digits when
      // it cannot be read): the query is turned into the same form, in every way it could be
      // meant (`06 5111`, `+31 6 5111`, `0031 6 5111`, `5111`).
      const country = match().defaultCountry;
      const forms = digits.length >= 7 ? numberForms(q, country) : null;
      const cc = callingCode(country);
      const international = /^\s*(?:\+|00)/.test(q) ? digits.replace(/^00/, '') : null;
      const alternatives = [
        digits,
        forms?.nsn,
        /^0[1-9]/.test(digits) ? digits.slice(1) : null,
        international,
        international && cc && international.startsWith(cc)
          ? international.slice(cc.length).replace(/^0/, '')
          : null,
      ].filter((d): d is string => !!d && d.length >= Math.min(3, digits.length));
      const found = new Set<number>();
      for (const alt of new Set(alternatives)) {
        const rows = textStatement(1).all(`%${alt}%`, limit) as { id: number }[];
        for (const r of rows) found.add(r.id);
      }
      return { ids: [...found].slice(0, limit) };
    }
    const terms = foldText(q).replace(/[%_]/g, ' ').split(' ').filter(Boolean);
    if (terms.length === 0) return { ids: [] };
    if (terms.every((t) => [...t].length < 3)) {
      const prefix = terms.join(' ');
      return { rows: byPrefix.all(prefix, prefix + '\uffff', limit) };
    }
    const rows = textStatement(terms.length).all(...terms.map((t) => `%${t}%`), limit);
    return { ids: (rows as { id: number }[]).map((r) => r.id) };
  }

  return { byNumber, byText };
}

function toMatch(h: Hit, how: NumberMatch['how']): NumberMatch {
  return { contactId: h.contact_id, number: h.number, label: h.label, how };
}
