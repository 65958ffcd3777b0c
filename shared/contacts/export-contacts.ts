// Contacts out again: CSV in Google's column layout (so CallPop, Google and most CRMs read it
// back) and vCard 4.0 (phones and Outlook). Both round-trip through the importers.
import type { ContactInput } from './contact';

function csvCell(v: string): string {
  // A leading = + - @ is defused so a spreadsheet does not run it as a formula, except a
  // plain international number, which stays dialable.
  // A value that already starts with `'` before one of those gets one more, so import (which
  // removes one) gives back exactly what was stored.
  const safe = /^'*[=+\-@]/.test(v) && !/^\+[\d\s]+$/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function contactsToCsv(contacts: readonly ContactInput[]): string {
  const width = Math.max(1, ...contacts.map((c) => c.numbers.length));
  const header = ['Name', 'Organization 1 - Name', 'E-mail 1 - Value', 'Notes'];
  for (let i = 1; i <= width; i++) header.push(`Phone ${i} - Type`, `Phone ${i} - Value`);
  const lines = [header.join(',')];
  for (const c of contacts) {
    const cells = [c.name, c.company, c.email, c.notes];
    for (let i = 0; i < width; i++) {
      const n = c.numbers[i];
      cells.push(n?.label ?? '', n?.number ?? '');
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function escapeText(v: string): string {
  return v
    .replace(/\\/g, '\\\\')
    .replace(/\r?\n/g, '\\n')
    .replace(/([,;])/g, '\\$1');
}

/** Folds at 75 characters (RFC 6350 says octets; characters never split a UTF-8 sequence). */
function fold(line: string): string {
  const chars = [...line];
  if (chars.length <= 75) return line;
  const out: string[] = [chars.slice(0, 75).join('')];
  for (let i = 75; i < chars.length; i += 74) out.push(' ' + chars.slice(i, i + 74).join(''));
  return out.join('\r\n');
}

const VCARD_TYPES: Record<string, string> = {
  mobile: 'cell',
  work: 'work',
  home: 'home',
  fax: 'fax',
  pager: 'pager',
  main: 'main',
};

function telLine(label: string, number: string): string {
  const type = VCARD_TYPES[label];
  const compact = number.replace(/[\s\-.()/]/g, '');
  const value = /^\+?[0-9*#]+$/.test(compact) ? `tel:${compact}` : `tel:${encodeURI(number)}`;
  const typeParam = type ? `;TYPE=${type}` : `;TYPE="${label.replace(/"/g, "'")}"`;
  return `TEL;VALUE=uri${typeParam}:${value}`;
}

export function contactsToVcf(contacts: readonly ContactInput[]): string {
  const out: string[] = [];
  for (const c of contacts) {
    const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeText(c.name || c.company)}`];
    if (c.externalId) lines.push(`UID:${escapeText(c.externalId)}`);
    if (c.company) lines.push(`ORG:${escapeText(c.company)}`);
    if (c.email) lines.push(`EMAIL:${escapeText(c.email)}`);
    for (const n of c.numbers) lines.push(telLine(n.label, n.number));
    if (c.notes) lines.push(`NOTE:${escapeText(c.notes)}`);
    lines.push('END:VCARD');
    out.push(...lines.map(fold));
  }
  return out.length ? out.join('\r\n') + '\r\n' : '';
}
