// @vitest-environment node
// numberForms reuses how libphonenumber rewrote one number for every number of the same
// shape: it must give exactly what parsing each number on its own gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { numberForms } from '../../../shared/phone';
import { compactNumber } from '../../../shared/crm-args';

function oracle(raw: string, country: string): string | null {
  const compact = compactNumber(raw);
  if (/^\d{2,6}$/.test(compact)) return null;
  const p = parsePhoneNumberFromString(compact, country as CountryCode);
  return p && p.isPossible() ? p.number : null;
}

describe('numberForms', () => {
  it('equals a fresh libphonenumber parse for numbers of many countries and shapes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('NL', 'DE', 'RU', 'US', 'GB', 'IT', 'AR', 'BE'),
        fc.constantFrom(
          '+31',
          '0',
          '0031',
          '+49',
          '+1',
          '+7',
          '8',
          '+44',
          '+39 0',
          '+54 9',
          '00',
          '',
        ),
        fc.stringMatching(/^[1-9]\d{3,11}$/),
        fc.constantFrom(' ', '-', ''),
        (country, prefix, rest, sep) => {
          const raw = `${prefix}${sep}${rest.slice(0, 2)}${sep}${rest.slice(2)}`;
          expect(numberForms(raw, country).e164).toBe(oracle(raw, country));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the national significant number with it', () => {
    expect(numberForms('+31 6 5111 2222', 'NL')).toEqual({
      e164: '+31651112222',
      nsn: '651112222',
    });
    expect(numberForms('0651112223', 'NL')).toEqual({ e164: '+31651112223', nsn: '651112223' });
    expect(numberForms('102', 'NL')).toEqual({ e164: null, nsn: null });
  });
});
