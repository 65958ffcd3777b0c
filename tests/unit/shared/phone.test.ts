// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { countryName, matchKeys, phoneInfo, sameNumber } from '../../../shared/phone';
import { cityForNumber } from '../../../shared/area-codes';

describe('phoneInfo', () => {
  it.each([
    [
      '0612345678',
      'NL',
      { display: '06 12345678', e164: '+31612345678', country: 'NL', lineType: 'mobile' },
    ],
    ['+31612345678', 'NL', { display: '06 12345678', e164: '+31612345678', country: 'NL' }],
    ['0031612345678', 'NL', { e164: '+31612345678', country: 'NL' }],
    [
      '+4930123456',
      'NL',
      {
        display: '+49 30 123456',
        e164: '+4930123456',
        country: 'DE',
        city: 'Berlin',
        lineType: 'fixed-line',
      },
    ],
    [
      '0235551234',
      'NL',
      { display: '023 555 1234', country: 'NL', city: 'Haarlem', lineType: 'fixed-line' },
    ],
    ['+74951234567', 'NL', { display: '+7 495 123 45 67', country: 'RU' }],
    ['0301234567', 'DE', { e164: '+49301234567', country: 'DE' }],
  ])('%s (default %s)', (raw, country, expected) => {
    expect(phoneInfo(raw, country)).toMatchObject(expected);
  });

  it('treats short numbers as internal extensions', () => {
    expect(phoneInfo('102', 'NL')).toEqual({
      display: '102',
      e164: null,
      country: null,
      city: null,
      lineType: 'extension',
    });
  });

  it('keeps unreadable numbers as given', () => {
    expect(phoneInfo('12345678901234567890', 'NL')).toMatchObject({
      e164: null,
      lineType: 'unknown',
    });
  });
});

describe('matching', () => {
  it('finds the same person in +31 6 …, 06… and 0031… formats', () => {
    expect(sameNumber('+31 6 12345678', '0612345678', 'NL')).toBe(true);
    expect(sameNumber('0031612345678', '06-1234 5678', 'NL')).toBe(true);
    expect(sameNumber('0612345678', '0612345679', 'NL')).toBe(false);
  });

  it('falls back to the last N digits when E.164 cannot be read', () => {
    expect(matchKeys('612345678', 'NL', 9).suffix).toBe('612345678');
    expect(sameNumber('x612345678', '+31612345678', 'NL', 9)).toBe(true);
  });

  it('names countries in the UI language', () => {
    expect(countryName('NL', 'en')).toBe('Netherlands');
    expect(countryName('NL', 'nl')).toBe('Nederland');
    expect(countryName(null)).toBeNull();
  });

  it('knows a city by area code, longest prefix first', () => {
    expect(cityForNumber('+49221123456')).toBe('Köln');
    expect(cityForNumber('+31612345678')).toBeNull();
    expect(cityForNumber(null)).toBeNull();
  });
});
