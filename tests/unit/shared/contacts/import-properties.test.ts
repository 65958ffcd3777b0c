// @vitest-environment node
// Property tests for the contact parsers: any input is either read (with problems by line) or
// refused with a ContactFileError, never a crash; what CallPop exports reads back the same.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseContactFile } from '../../../../shared/contacts/import-file';
import { ContactFileError } from '../../../../shared/contacts/import-result';
import { contactsToCsv, contactsToVcf } from '../../../../shared/contacts/export-contacts';
import { KNOWN_LABELS, type ContactInput } from '../../../../shared/contacts/contact';

const text = (max: number) =>
  fc
    .string({ unit: fc.constantFrom(...'aZé ,;:"\'\\\nИвнß-&.()12'.split('')), maxLength: max })
    .map((s) =>
      s
        .trim()
        .replace(/^[=+\-@]+/, '')
        .trim(),
    );

const phone = fc
  .tuple(
    fc.constantFrom('+31 ', '0', '+49 (0)', '0031 ', '+7 '),
    fc.array(fc.stringMatching(/^\d{2,4}$/), { minLength: 2, maxLength: 4 }),
    fc.constantFrom(' ', '-', '.', ''),
  )
  .map(([prefix, groups, sep]) => prefix + groups.join(sep));

const contact: fc.Arbitrary<ContactInput> = fc.record({
  name: text(30).filter((s) => s.length > 0),
  company: text(20),
  email: fc.constantFrom('', 'a@example.com', 'иван@пример.рф'),
  notes: text(60),
  numbers: fc.array(fc.record({ label: fc.constantFrom(...KNOWN_LABELS), number: phone }), {
    maxLength: 3,
  }),
});

const digits = (c: ContactInput) => c.numbers.map((n) => n.number.replace(/\D/g, ''));
const lf = (s: string) => s.replace(/\r\n/g, '\n');

describe('contact parsers on any input', () => {
  it('never throw anything but ContactFileError, and name only lines the file has', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.string({ maxLength: 400 }),
          fc
            .array(
              fc.constantFrom(
                'BEGIN:VCARD',
                'END:VCARD',
                'TEL;TYPE=CELL:+31 6 1',
                'FN:x',
                ' folded',
                'N;ENCODING=QUOTED-PRINTABLE:=D0=',
                '=',
                'a,b',
                '"',
                '',
              ),
            )
            .map((l) => l.join('\r\n')),
        ),
        (input) => {
          try {
            const r = parseContactFile(input);
            const lines = (
              typeof input === 'string' ? input : new TextDecoder().decode(input)
            ).split(/\r\n|\n|\r/).length;
            for (const p of [...r.problems, ...r.contacts]) {
              expect(p.line).toBeGreaterThanOrEqual(1);
              expect(p.line).toBeLessThanOrEqual(lines);
            }
          } catch (e) {
            expect(e).toBeInstanceOf(ContactFileError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('export → import round trip', () => {
  it('CSV reads back every field and number as written', () => {
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 8 }), (contacts) => {
        const back = parseContactFile(contactsToCsv(contacts));
        expect(back.format).toBe('google-csv');
        expect(back.problems).toEqual([]);
        expect(back.contacts.map((c) => c.contact)).toEqual(
          contacts.map((c) => ({ ...c, name: c.name, notes: c.notes })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('vCard reads back names, companies, notes and the digits of every number', () => {
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 8 }), (contacts) => {
        const back = parseContactFile(contactsToVcf(contacts));
        expect(back.problems).toEqual([]);
        expect(back.contacts.map((c) => c.contact.name)).toEqual(contacts.map((c) => c.name));
        expect(back.contacts.map((c) => c.contact.company)).toEqual(contacts.map((c) => c.company));
        expect(back.contacts.map((c) => lf(c.contact.notes))).toEqual(
          contacts.map((c) => lf(c.notes)),
        );
        expect(back.contacts.map((c) => digits(c.contact))).toEqual(contacts.map(digits));
        expect(back.contacts.map((c) => c.contact.numbers.map((n) => n.label))).toEqual(
          contacts.map((c) => c.numbers.map((n) => n.label)),
        );
      }),
      { numRuns: 200 },
    );
  });
});
