// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanDialNumber } from '../../../shared/dial-number';

describe('cleanDialNumber', () => {
  it.each([
    ['+31 6 5111 2222', '', '+31651112222'],
    ['06-5111.2222', '', '0651112222'],
    ['(020) 555 0100', '0', '00205550100'],
    ['+31 (0)20 555 0100', '0', '+31205550100'],
    ['0800-FLOWERS', '', '08003569377'],
    ['102', '9', '102'],
    ['*21#', '', '*21#'],
  ])('%s (prefix %j) dials %s', (raw, prefix, dial) => {
    expect(cleanDialNumber(raw, prefix)).toMatchObject({ ok: true, dial });
  });

  it('keeps the customer number without the outside-line prefix for the journal', () => {
    expect(cleanDialNumber('06 1234 5678', '0')).toEqual({
      ok: true,
      dial: '00612345678',
      number: '0612345678',
    });
  });

  it.each([
    '123 & calc.exe',
    '"; rm -rf /"',
    '$(id)',
    '../../stop',
    '06|whoami',
    '06\n07',
    '+31+6',
    '0612345678?x=1',
    '06%2F12',
    'x'.repeat(10_000),
    '',
  ])('refuses %j with a reason', (raw) => {
    const r = cleanDialNumber(raw.slice(0, 10_000), '0');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeLessThan(200);
  });

  it('never lets anything but digits, * and # (and one leading +) through (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('', '0', '9'), (raw, prefix) => {
        const r = cleanDialNumber(raw, prefix);
        if (r.ok) expect(r.dial).toMatch(/^\+?[0-9*#]+$/);
      }),
      { numRuns: 2000 },
    );
  });
});
