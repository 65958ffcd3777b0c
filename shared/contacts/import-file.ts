// One entry point for every contacts file: the format is recognised by what the file holds,
// never by its name (phones send `.vcf` as `.txt`, Excel saves CSV as `.xls` on request).
import { decodeContactBytes, stripBom } from './decode-text';
import { readCsv, type CsvTable } from './csv-read';
import { contactsFromCsv } from './csv-contacts';
import type { ColumnMapping } from './csv-mapping';
import { contactsFromVcards } from './vcard-contacts';
import { ContactFileError, type ContactFileFormat, type ParsedContacts } from './import-result';

export type ContactFileText = { kind: 'vcard'; text: string } | { kind: 'csv'; table: CsvTable };

export function looksLikeVcard(text: string): boolean {
  return /^\s*BEGIN:VCARD\s*$/im.test(text.slice(0, 4096));
}

function refuseBinary(bytes: Uint8Array): void {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b)
    throw new ContactFileError(
      'this is an Excel workbook or another zip file: save it as CSV (comma or semicolon) first',
      'zip',
    );
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
    throw new ContactFileError('this is an old Excel (.xls) file: save it as CSV first', 'xls');
  const head = bytes.subarray(0, 1024);
  let zeros = 0;
  for (const b of head) if (b === 0) zeros++;
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (zeros > 0 && !utf16)
    throw new ContactFileError('this is not a text file (CSV or vCard)', 'binary');
}

/** Decodes and splits the file; the import screen uses this for its mapping step. */
export function readContactText(input: Uint8Array | string): ContactFileText {
  let text: string;
  if (typeof input === 'string') text = stripBom(input);
  else {
    refuseBinary(input);
    text = decodeContactBytes(input).text;
  }
  if (text.trim() === '') throw new ContactFileError('the file is empty', 'empty');
  if (looksLikeVcard(text)) return { kind: 'vcard', text };
  const table = readCsv(text);
  if (table.headers.length < 2 && table.records.length === 0)
    throw new ContactFileError(
      'this is neither a CSV file with a header row nor a vCard file',
      'unrecognised',
    );
  return { kind: 'csv', table };
}

export function parseContactFile(
  input: Uint8Array | string,
  mapping?: ColumnMapping,
): ParsedContacts {
  const read = readContactText(input);
  return read.kind === 'vcard'
    ? contactsFromVcards(read.text)
    : contactsFromCsv(read.table, mapping);
}

export function formatName(format: ContactFileFormat): string {
  return {
    'outlook-csv': 'Outlook CSV',
    'google-csv': 'Google CSV',
    csv: 'CSV',
    vcard: 'vCard',
  }[format];
}
