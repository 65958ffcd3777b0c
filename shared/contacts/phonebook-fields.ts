// A contact in the 3CX phonebook's fields and back (the REST API seed: phone = Mobile,
// data0 = Mobile2, data1 = Home, data3 = Business, data5 = Email, data6 = Other, ...).
import type { ContactInput } from './contact';

/** The field names of shared/pbx.ts PHONEBOOK_FIELDS (kept structural: shared/ is flat here). */
export interface PhonebookFieldValues {
  firstName?: string;
  lastName?: string;
  company?: string;
  mobile?: string;
  mobile2?: string;
  home?: string;
  home2?: string;
  business?: string;
  business2?: string;
  email?: string;
  other?: string;
  businessFax?: string;
  homeFax?: string;
  pager?: string;
}

type NumberField = Exclude<
  keyof PhonebookFieldValues,
  'firstName' | 'lastName' | 'company' | 'email'
>;

// Where a number with this label goes; the second slot when the first is taken, then Other.
const SLOTS: Record<string, NumberField[]> = {
  mobile: ['mobile', 'mobile2'],
  work: ['business', 'business2'],
  main: ['business', 'business2'],
  home: ['home', 'home2'],
  fax: ['businessFax', 'homeFax'],
  pager: ['pager'],
};

export function toPhonebookFields(c: ContactInput): {
  fields: PhonebookFieldValues;
  leftOut: string[];
} {
  const name = c.name.trim();
  const space = name.indexOf(' ');
  const fields: PhonebookFieldValues = {
    firstName: space < 0 ? name : name.slice(0, space),
    lastName: space < 0 ? '' : name.slice(space + 1).trim(),
    company: c.company,
    email: c.email,
  };
  const leftOut: string[] = [];
  for (const n of c.numbers) {
    const slot = [...(SLOTS[n.label] ?? []), 'other' as const].find((f) => !fields[f]);
    if (slot) fields[slot] = n.number;
    else leftOut.push(n.number);
  }
  return { fields, leftOut };
}

const LABEL_OF: Record<NumberField, string> = {
  mobile: 'mobile',
  mobile2: 'mobile',
  business: 'work',
  business2: 'work',
  home: 'home',
  home2: 'home',
  other: 'other',
  businessFax: 'fax',
  homeFax: 'fax',
  pager: 'pager',
};

export function fromPhonebookFields(f: PhonebookFieldValues): ContactInput {
  const numbers = (Object.keys(LABEL_OF) as NumberField[]).flatMap((k) => {
    const v = f[k]?.trim();
    return v ? [{ label: LABEL_OF[k], number: v }] : [];
  });
  return {
    name: [f.firstName, f.lastName]
      .map((s) => s?.trim() ?? '')
      .filter(Boolean)
      .join(' '),
    company: f.company?.trim() ?? '',
    email: f.email?.trim() ?? '',
    notes: '',
    numbers,
  };
}
