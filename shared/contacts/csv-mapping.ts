// Which column holds what. Outlook's English export and any other CSV go through the same
// mapping (guessed from the header names, in English, Dutch, German and Russian); the import
// screen shows the guess and lets the agent change it before anything is stored.
import { foldText, normalizeLabel } from './contact';

export interface NumberColumn {
  column: number;
  label: string;
}

export interface ColumnMapping {
  /** One column with the whole name, or first/middle/last name columns joined with spaces. */
  name: number[];
  company: number | null;
  email: number | null;
  notes: number | null;
  numbers: NumberColumn[];
}

const FULL_NAME = ['name', 'full name', 'display name', 'naam', 'volledige naam', 'фио', 'contact'];
const FIRST = ['first name', 'given name', 'voornaam', 'vorname', 'имя'];
const MIDDLE = ['middle name', 'additional name', 'tussenvoegsel', 'отчество', 'weitere vornamen'];
const LAST = ['last name', 'family name', 'surname', 'achternaam', 'nachname', 'фамилия'];
const COMPANY = [
  'company',
  'organization',
  'organisation',
  'organization name',
  'organization 1 - name',
  'bedrijf',
  'firma',
  'unternehmen',
  'компания',
  'организация',
];
const NOTES = [
  'notes',
  'note',
  'notities',
  'opmerkingen',
  'notizen',
  'notiz',
  'заметки',
  'comments',
];
const EMAIL = /e-?mail|^mail$|электронная почта/;
const PHONE =
  /phone|tel|mobile|fax|pager|mobiel|telefoon|handy|telefon|телефон|gsm|callback|isdn|^number$|nummer|номер/;
// Outlook columns that hold a phone-like word but are not numbers.
const NOT_PHONE = /e-?mail|display|type$|label$|- type|- label/;

export function guessMapping(headers: readonly string[]): ColumnMapping {
  const folded = headers.map((h) => foldText(h));
  const find = (names: readonly string[]) => {
    const i = folded.findIndex((h) => names.includes(h));
    return i >= 0 ? i : null;
  };
  const full = find(FULL_NAME);
  const parts = [find(FIRST), find(MIDDLE), find(LAST)].filter((i): i is number => i !== null);
  const emailAt = folded.findIndex((h) => EMAIL.test(h) && !/type|label|display/.test(h));
  const numbers: NumberColumn[] = [];
  folded.forEach((h, i) => {
    if (PHONE.test(h) && !NOT_PHONE.test(h))
      numbers.push({ column: i, label: labelFor(headers[i]!) });
  });
  return {
    name: full !== null ? [full] : parts,
    company: find(COMPANY),
    email: emailAt >= 0 ? emailAt : null,
    notes: find(NOTES),
    numbers,
  };
}

function labelFor(header: string): string {
  const label = normalizeLabel(header);
  // "Telefoon", "Primary Phone": a number without a kind.
  return label === header.trim() ? 'other' : label;
}

/** A mapping that would import nothing useful: no name, company or number column. */
export function mappingProblem(m: ColumnMapping): string | null {
  if (m.name.length === 0 && m.company === null && m.numbers.length === 0)
    return 'no column holds a name, a company or a phone number';
  return null;
}
