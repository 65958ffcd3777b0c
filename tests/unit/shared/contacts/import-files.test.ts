// @vitest-environment node
// Real export files (tests/fixtures/contacts) as Outlook, Google, Excel and phones write them,
// broken ones included: the format is recognised by content, good rows are kept, bad rows are
// reported with their line and why.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContactFile, readContactText } from '../../../../shared/contacts/import-file';
import { ContactFileError } from '../../../../shared/contacts/import-result';
import type { ColumnMapping } from '../../../../shared/contacts/csv-mapping';

const dir = join(__dirname, '..', '..', '..', 'fixtures', 'contacts');
const file = (name: string) => readFileSync(join(dir, name));
const names = (name: string) => parseContactFile(file(name)).contacts.map((c) => c.contact.name);

describe('Outlook CSV', () => {
  const parsed = parseContactFile(file('outlook-contacts.csv'));

  it('is recognised by its columns, with a BOM and CRLF', () => {
    expect(parsed.format).toBe('outlook-csv');
    expect(names('outlook-contacts.csv')).toEqual([
      'Jan Jansen',
      'Anna van Dijk',
      'Piet Pieters',
      '',
    ]);
  });

  it('keeps quoted commas and newlines inside one cell, and the line each contact starts on', () => {
    const jan = parsed.contacts[0]!;
    expect(jan.line).toBe(2);
    expect(jan.contact.company).toBe('Jansen, de Vries & Co');
    expect(jan.contact.notes).toBe('Prefers mornings.\r\nAsk for Jan, not the desk.');
    expect(jan.contact.numbers).toEqual([
      { label: 'mobile', number: '+31 6 5111 2222' },
      { label: 'work', number: '+31 (0)20 555 0100' },
    ]);
    // Jan's note spans lines 2–3, so Anna starts on line 4.
    expect(parsed.contacts[1]!.line).toBe(4);
  });

  it('reports the unusable rows by line and keeps a company-only contact', () => {
    expect(parsed.problems).toEqual([
      { line: 5, reason: 'no name and "n/a" is not a phone number', kept: false },
      { line: 6, reason: '"see e-mail" is not a phone number (left out)', kept: true },
      { line: 8, reason: 'no name, company, e-mail or number', kept: false },
    ]);
    expect(parsed.contacts[3]!.contact).toMatchObject({
      company: 'Helpdesk Noord',
      numbers: [{ label: 'work', number: '0800-1234' }],
    });
  });

  it('reads a Windows-1252 file (Excel on Western Windows) without losing €, ü or „“', () => {
    const w = parseContactFile(file('outlook-windows-1252.csv'));
    expect(w.contacts[0]!.contact).toMatchObject({
      name: 'Jürgen Müller',
      company: 'Müller & Söhne GmbH',
      notes: 'Rechnung über 250 € offen – bitte „vorsichtig“',
    });
    expect(w.contacts[1]!.contact.name).toBe('José García');
  });
});

describe('Google CSV', () => {
  it('splits ` ::: ` cells into several numbers and keeps Cyrillic names', () => {
    const g = parseContactFile(file('google-contacts.csv'));
    expect(g.format).toBe('google-csv');
    expect(g.contacts[0]!.contact).toEqual({
      name: 'Иван Петров',
      company: 'ООО «Ромашка»',
      email: 'ivan@example.ru',
      notes: '',
      numbers: [
        { label: 'mobile', number: '+7 916 123-45-67' },
        { label: 'mobile', number: '+7 495 765-43-21' },
        { label: 'work', number: '+7 (495) 111-22-33' },
      ],
    });
    expect(g.contacts[1]!.contact.numbers[0]).toEqual({ label: 'mobile', number: '06-12345678' });
    expect(g.problems).toEqual([
      { line: 5, reason: 'no name and "unknown" is not a phone number', kept: false },
    ]);
  });

  it('reads the newer export (First Name, Organization Name, Phone N - Label)', () => {
    const g = parseContactFile(file('google-contacts-2024.csv'));
    expect(g.format).toBe('google-csv');
    expect(g.contacts[0]!.contact).toMatchObject({
      name: 'Sanne de Boer',
      company: 'De Boer Logistiek',
      email: 'sanne@deboer.example',
    });
    expect(g.contacts[0]!.contact.numbers).toHaveLength(3);
  });
});

describe('other CSV', () => {
  it('reads semicolon CSV from Dutch Excel in Windows-1252, quoted semicolons included', () => {
    const nl = parseContactFile(file('excel-nl-semicolon.csv'));
    expect(nl.format).toBe('csv');
    expect(nl.contacts.map((c) => c.contact.name)).toEqual([
      'Kees de Wit',
      'Marieke Smit',
      'Geen Nummer',
    ]);
    expect(nl.contacts[0]!.contact).toMatchObject({
      company: "Café 't Hoekje",
      notes: 'Sluit om 18:00; bel vóór 17:00',
      numbers: [
        { label: 'other', number: '020-6234567' },
        { label: 'mobile', number: '06 33 44 55 66' },
      ],
    });
    expect(nl.problems).toEqual([
      { line: 5, reason: '"onbekend" is not a phone number (left out)', kept: true },
    ]);
  });

  it('honours the `sep=;` line German Excel writes and reports lines of the real file', () => {
    const de = parseContactFile(file('excel-de-sep.csv'));
    expect(de.contacts.map((c) => [c.line, c.contact.name, c.contact.numbers[0]?.label])).toEqual([
      [3, 'Jürgen Weiß', 'work'],
      [4, 'Ömer Yılmaz', 'mobile'],
    ]);
  });

  it('needs a column mapping when the headers say nothing, and imports with one', () => {
    expect(parseContactFile(file('crm-export.csv')).problems[0]!.reason).toMatch(
      /no column holds a name/,
    );
    const read = readContactText(file('crm-export.csv'));
    if (read.kind !== 'csv') throw new Error('expected CSV');
    expect(read.table.headers).toEqual(['cust_id', 'display', 'primary_no', 'alt_no', 'org']);
    const mapping: ColumnMapping = {
      name: [1],
      company: 4,
      email: null,
      notes: null,
      numbers: [
        { column: 2, label: 'mobile' },
        { column: 3, label: 'work' },
      ],
    };
    const parsed = parseContactFile(file('crm-export.csv'), mapping);
    expect(parsed.contacts.map((c) => c.contact)).toEqual([
      {
        name: 'Lotte Visser',
        company: 'Visser Bouw',
        email: '',
        notes: '',
        numbers: [{ label: 'mobile', number: '+31 6 4455 6677' }],
      },
      {
        name: 'Daan Mulder',
        company: '',
        email: '',
        notes: '',
        numbers: [
          { label: 'mobile', number: '0612345670' },
          { label: 'work', number: '020 555 1234' },
        ],
      },
    ]);
    expect(parsed.problems).toEqual([
      { line: 4, reason: 'no name, company, e-mail or number', kept: false },
    ]);
  });

  it('says where a quote is never closed and keeps the rows before it', () => {
    const t = parseContactFile(file('truncated-quote.csv'));
    expect(t.contacts.map((c) => c.contact.name)).toEqual(['Ada Lovelace']);
    expect(t.problems).toEqual([
      {
        line: 3,
        reason: 'a quote is never closed, so the rest of the file reads as one cell',
        kept: false,
      },
    ]);
  });
});

describe('vCard', () => {
  it('reads an iPhone export (3.0): escaped commas, groups with X-ABLabel, folded PHOTO, UID', () => {
    const v = parseContactFile(file('iphone.vcf'));
    expect(v.format).toBe('vcard');
    expect(v.problems).toEqual([]);
    expect(v.contacts[0]!.contact).toEqual({
      name: 'Jan Jansen',
      company: 'Jansen, de Vries & Co',
      email: 'jan@jansen.example',
      notes: 'Prefers mornings.\nAsk for Jan, not the desk.',
      numbers: [
        { label: 'mobile', number: '+31 6 5111 2222' },
        { label: 'work', number: '020 555 0100' },
        { label: 'Reception', number: '+31 20 555 0199' },
        { label: 'other', number: '085 123 4567' },
      ],
    });
    expect(v.contacts[1]).toMatchObject({
      line: 19,
      contact: {
        name: 'Ольга Иванова',
        externalId: '8C3F1A2E-2B7D-4C1E-9E0A-1D2B3C4D5E6F',
        numbers: [
          { label: 'mobile', number: '+7 (916) 555-12-34' },
          { label: 'fax', number: '+7 495 555-12-35' },
        ],
      },
    });
  });

  it('reads an Android export (2.1): quoted-printable UTF-8 with soft line breaks, bare types', () => {
    const v = parseContactFile(file('android.vcf'));
    expect(v.contacts.map((c) => c.contact.name)).toEqual(['Иван Петров', 'Zoë Brouwer']);
    expect(v.contacts[0]!.contact).toMatchObject({
      company: 'Ромашка',
      numbers: [
        { label: 'mobile', number: '+7 916 123-45-67' },
        { label: 'work', number: '+74957654321' },
      ],
    });
    expect(v.contacts[1]!.contact.notes).toBe('Met at fair\r\nlikes tea');
    expect(v.problems).toEqual([
      { line: 19, reason: 'card has no name and no number', kept: false },
    ]);
  });

  it('reads vCard 4.0: TEL;VALUE=uri:tel:…, quoted TYPE lists, ext=, percent-encoding, folding', () => {
    const v = parseContactFile(file('vcard4.vcf'));
    expect(v.contacts[0]!.contact).toEqual({
      name: 'Dr. Sabine Krüger',
      company: 'Krüger Consulting',
      email: 'sabine@krueger.example',
      notes:
        'Spricht Deutsch und Englisch. Ein sehr langer Hinweis, der über mehrere Zeilen gefaltet wurde, wie es RFC 6350 verlangt.',
      numbers: [
        { label: 'mobile', number: '+49-30-1234567' },
        { label: 'work', number: '+1-555-555-0100 x42' },
        { label: 'home', number: '+49 30 9876543' },
      ],
      externalId: 'urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1',
    });
  });

  it('keeps what a broken file has and says what was wrong, by line', () => {
    const v = parseContactFile(file('broken.vcf'));
    expect(v.contacts.map((c) => c.contact.name)).toEqual([
      'Good Contact',
      'Half Broken',
      'Cut Off',
    ]);
    expect(v.problems).toEqual([
      { line: 6, reason: 'no name and "call me maybe" is not a phone number', kept: false },
      { line: 10, reason: '"ask reception" is not a phone number (left out)', kept: true },
      { line: 15, reason: 'unreadable line "this line has no colon" (left out)', kept: true },
      { line: 17, reason: 'card has no END:VCARD (file cut off?)', kept: true },
    ]);
  });

  it('is recognised by content whatever the file is called (a .txt from a phone)', () => {
    const text = file('iphone.vcf').toString('utf8');
    expect(parseContactFile(text).format).toBe('vcard');
  });
});

describe('files that are not contacts', () => {
  it.each([
    ['an empty file', new Uint8Array(0), /empty/],
    ['only blank lines', new TextEncoder().encode('\r\n\r\n  \r\n'), /empty/],
    ['an Excel workbook', Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0]), /Excel workbook/],
    ['an image', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), /not a text file/],
  ])('refuses %s with a message', (_what, bytes, message) => {
    expect(() => parseContactFile(bytes)).toThrow(ContactFileError);
    expect(() => parseContactFile(bytes)).toThrow(message);
  });
});
