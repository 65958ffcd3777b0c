// Rows of a CSV file → contacts. Google's export pairs `Phone N - Type`/`Label` with
// `Phone N - Value`, where one cell may hold several numbers separated by ` ::: `; everything
// else (Outlook included) goes through a column mapping.
import { emptyContact, normalizeLabel, type ContactInput } from './contact';
import { guessMapping, mappingProblem, type ColumnMapping } from './csv-mapping';
import type { CsvTable } from './csv-read';
import { checkContactNumber } from './number-check';
import type { ContactFileFormat, ImportProblem, ParsedContacts } from './import-result';

const MULTI = /\s*:::\s*/;

export function csvFormat(headers: readonly string[]): ContactFileFormat {
  const h = new Set(headers.map((x) => x.trim().toLowerCase()));
  if (h.has('phone 1 - value') || h.has('given name') || h.has('organization 1 - name'))
    return 'google-csv';
  if (
    h.has('first name') &&
    h.has('last name') &&
    (h.has('business phone') || h.has('mobile phone') || h.has('e-mail address'))
  )
    return 'outlook-csv';
  return 'csv';
}

interface GoogleColumns {
  name: number[];
  company: number | null;
  email: number | null;
  notes: number | null;
  phones: { type: number | null; value: number }[];
}

function googleColumns(headers: readonly string[]): GoogleColumns {
  const lower = headers.map((h) => h.trim().toLowerCase());
  const at = (...names: string[]) => {
    for (const n of names) {
      const i = lower.indexOf(n);
      if (i >= 0) return i;
    }
    return null;
  };
  const full = at('name');
  const parts = [
    at('given name', 'first name'),
    at('additional name', 'middle name'),
    at('family name', 'last name'),
  ].filter((i): i is number => i !== null);
  const phones: GoogleColumns['phones'] = [];
  lower.forEach((h, i) => {
    const m = /^phone (\d+) - value$/.exec(h);
    if (m) phones.push({ type: at(`phone ${m[1]} - type`, `phone ${m[1]} - label`), value: i });
  });
  return {
    name: full !== null ? [full] : parts,
    company: at('organization 1 - name', 'organization name'),
    email: at('e-mail 1 - value'),
    notes: at('notes'),
    phones,
  };
}

function cell(cells: readonly string[], i: number | null): string {
  const v = i === null ? '' : (cells[i] ?? '').trim();
  // `'=…`, `'+…`: a spreadsheet's (or our export's) guard against formulas, not part of the text.
  return v.charCodeAt(0) === 39 && /^''*[=+\-@]/.test(v) ? v.slice(1) : v;
}

function joinName(cells: readonly string[], columns: readonly number[]): string {
  return columns
    .map((i) => cell(cells, i))
    .filter(Boolean)
    .join(' ');
}

function finish(
  contact: ContactInput,
  line: number,
  rawNumbers: { label: string; value: string }[],
  problems: ImportProblem[],
): ContactInput | null {
  const refused: string[] = [];
  for (const { label, value } of rawNumbers) {
    for (const part of value.includes(':::') ? value.split(MULTI) : [value]) {
      if (!part.trim()) continue;
      const check = checkContactNumber(part);
      if (check.ok) contact.numbers.push({ label, number: check.number });
      else refused.push(check.reason);
    }
  }
  const hasIdentity = contact.name || contact.company || contact.email;
  if (!hasIdentity && contact.numbers.length === 0) {
    problems.push({
      line,
      reason: refused.length
        ? `no name and ${refused.join('; ')}`
        : 'no name, company, e-mail or number',
      kept: false,
    });
    return null;
  }
  for (const r of refused) problems.push({ line, reason: `${r} (left out)`, kept: true });
  return contact;
}

function fromGoogle(table: CsvTable, problems: ImportProblem[]) {
  const cols = googleColumns(table.headers);
  return table.records.map((r) => {
    const c = emptyContact();
    c.name = joinName(r.cells, cols.name);
    c.company = cell(r.cells, cols.company);
    c.email = cell(r.cells, cols.email).split(MULTI)[0] ?? '';
    c.notes = cell(r.cells, cols.notes);
    const raw = cols.phones.map((p) => ({
      label: normalizeLabel(cell(r.cells, p.type) || 'other'),
      value: cell(r.cells, p.value),
    }));
    return { line: r.line, contact: finish(c, r.line, raw, problems) };
  });
}

function fromMapping(table: CsvTable, mapping: ColumnMapping, problems: ImportProblem[]) {
  return table.records.map((r) => {
    const c = emptyContact();
    c.name = joinName(r.cells, mapping.name);
    c.company = cell(r.cells, mapping.company);
    c.email = cell(r.cells, mapping.email);
    c.notes = cell(r.cells, mapping.notes);
    const raw = mapping.numbers.map((n) => ({ label: n.label, value: cell(r.cells, n.column) }));
    return { line: r.line, contact: finish(c, r.line, raw, problems) };
  });
}

/**
 * Contacts from a CSV table. `mapping` overrides the guess (the import screen's mapping step);
 * Google files are read by their own column pairs unless a mapping is given.
 */
export function contactsFromCsv(table: CsvTable, mapping?: ColumnMapping): ParsedContacts {
  const format = csvFormat(table.headers);
  const problems: ImportProblem[] = [...table.problems];
  if (table.headers.length === 0) return { format, contacts: [], problems };
  let rows;
  if (format === 'google-csv' && !mapping) rows = fromGoogle(table, problems);
  else {
    const m = mapping ?? guessMapping(table.headers);
    const problem = mappingProblem(m);
    if (problem) {
      problems.push({ line: table.headerLine, reason: `cannot import: ${problem}`, kept: false });
      return { format, contacts: [], problems };
    }
    rows = fromMapping(table, m, problems);
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    format,
    contacts: rows.flatMap((r) => (r.contact ? [{ line: r.line, contact: r.contact }] : [])),
    problems,
  };
}
