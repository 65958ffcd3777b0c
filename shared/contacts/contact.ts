// What a contact is, wherever it comes from (the screen, an imported file, the 3CX phonebook),
// and the text folding that makes search find "Jose" in "José" and "иван" in "Иван".

/** Where a contact came from: typed in CallPop, read from a file, or the 3CX phonebook. */
export type ContactSource = 'local' | 'import' | '3cx';

/** Labels CallPop knows and translates; anything else is kept as the file wrote it. */
export const KNOWN_LABELS = ['mobile', 'work', 'home', 'main', 'fax', 'pager', 'other'] as const;
export type KnownLabel = (typeof KNOWN_LABELS)[number];

export interface ContactNumber {
  /** A known label (translated in the UI) or free text from the file. */
  label: string;
  /** As the agent or the file wrote it. */
  number: string;
}

export interface ContactInput {
  name: string;
  company: string;
  email: string;
  notes: string;
  numbers: ContactNumber[];
  /** A stable id from the source (vCard UID, 3CX contact id): re-import finds the contact by it. */
  externalId?: string;
}

export interface Contact extends ContactInput {
  id: number;
  source: ContactSource;
  /** The contact's id in the 3CX phonebook, once saved there. */
  pbxId?: string;
  createdAt: number;
  updatedAt: number;
}

const LABEL_WORDS: Record<string, KnownLabel> = {
  mobile: 'mobile',
  cell: 'mobile',
  cellular: 'mobile',
  iphone: 'mobile',
  mobiel: 'mobile',
  handy: 'mobile',
  mobil: 'mobile',
  mobiltelefon: 'mobile',
  mobielnummer: 'mobile',
  сотовый: 'mobile',
  мобильный: 'mobile',
  work: 'work',
  business: 'work',
  company: 'work',
  werk: 'work',
  zakelijk: 'work',
  geschäftlich: 'work',
  рабочий: 'work',
  home: 'home',
  private: 'home',
  thuis: 'home',
  privé: 'home',
  privat: 'home',
  домашний: 'home',
  main: 'main',
  primary: 'main',
  fax: 'fax',
  workfax: 'fax',
  homefax: 'fax',
  pager: 'pager',
  other: 'other',
  voice: 'other',
};

/**
 * One label for a number from whatever the source said: `Mobile Phone`, `TYPE=CELL,VOICE`,
 * `Work Fax`, `* Mobile` (Google marks the primary number with `*`). Unknown words are kept.
 */
export function normalizeLabel(raw: string): string {
  let label = LABEL_CACHE.get(raw);
  if (label === undefined) {
    label = labelOf(raw);
    if (LABEL_CACHE.size > 1000) LABEL_CACHE.clear();
    LABEL_CACHE.set(raw, label);
  }
  return label;
}

// A file has a handful of distinct labels in 100,000 rows.
const LABEL_CACHE = new Map<string, string>();

function labelOf(raw: string): string {
  const text = raw.replace(/^\s*\*\s*/, '').trim();
  const words = text
    .toLowerCase()
    .replace(/[_,;]+/g, ' ')
    .replace(/\b(phone|number|tel|telephone)\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.includes('fax')) return 'fax';
  for (const w of words) {
    const known = LABEL_WORDS[w];
    if (known && known !== 'other') return known;
  }
  if (words.length === 0 || words.every((w) => LABEL_WORDS[w] === 'other' || w === 'pref'))
    return 'other';
  return text;
}

/**
 * Lower case, accents removed, ё → е, ß → ss: what search compares. Any script survives;
 * only combining marks go.
 */
export function foldText(text: string): string {
  // Plain ASCII (most names in most files) has nothing to decompose.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/ {2,}/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The digits of a number, in order (`+31 (0)6-51` → `31065`). */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** A contact's name for the screen: the name, else the company, else its first number. */
export function displayName(c: Pick<ContactInput, 'name' | 'company' | 'numbers'>): string {
  return c.name.trim() || c.company.trim() || c.numbers[0]?.number || '';
}

export function emptyContact(): ContactInput {
  return { name: '', company: '', email: '', notes: '', numbers: [] };
}
