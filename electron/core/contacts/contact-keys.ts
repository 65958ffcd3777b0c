// The keys a contact is stored under: per number its E.164 form and its digits reversed (for
// "the last N digits" as an index range), per contact the folded text the search index holds
// and the identity a re-import recognises it by.
import { numberForms } from '../../../shared/phone';
import { digitsOf, foldText, type ContactInput } from '../../../shared/contacts/contact';

export interface NumberRow {
  position: number;
  label: string;
  number: string;
  e164: string | null;
  /** National significant number, for search only (not stored). */
  nsn: string | null;
  rdigits: string;
}

export function reverse(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
}

export function numberRows(c: ContactInput, defaultCountry: string): NumberRow[] {
  return c.numbers.map((n, position) => {
    const forms = numberForms(n.number, defaultCountry);
    return {
      position,
      label: n.label,
      number: n.number,
      e164: forms.e164,
      nsn: forms.nsn,
      rdigits: reverse(digitsOf(n.number)),
    };
  });
}

/** What search looks in: name, company, e-mail and each number's digits. */
export function searchDocument(c: ContactInput, rows: readonly NumberRow[]): string {
  const parts = [foldText(c.name), foldText(c.company), c.email.toLowerCase()];
  // One form per number keeps the index small: the national significant number where the
  // number can be read, else its digits. Search turns a query into the same form.
  for (const r of rows) parts.push(r.nsn ?? reverse(r.rdigits));
  return parts.join(' | ');
}

export function sortKey(c: ContactInput): string {
  return foldText(c.name || c.company || c.numbers[0]?.number || '');
}

/** Same person in a re-imported file: the source's id, else the folded name and company. */
export function identityOf(c: ContactInput, rows: readonly NumberRow[]): string {
  if (c.externalId) return `uid:${c.externalId}`;
  const name = foldText(c.name);
  const company = foldText(c.company);
  if (name || company) return `name:${name}|${company}`;
  if (c.email) return `email:${c.email.toLowerCase()}`;
  const first = rows[0];
  return `number:${first?.e164 ?? reverse(first?.rdigits ?? '')}`;
}
