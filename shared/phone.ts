// Phone numbers for humans and for matching. `+31 6 …`, `06…` and `0031…` must all find the
// same contact (FIELD-NOTES): match on E.164 first, then on the last N digits.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { compactNumber } from './crm-args';
import { cityForNumber } from './area-codes';

export type LineType =
  | 'mobile'
  | 'fixed-line'
  | 'fixed-line-or-mobile'
  | 'toll-free'
  | 'premium-rate'
  | 'voip'
  | 'shared-cost'
  | 'personal'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'extension'
  | 'unknown';

export interface PhoneInfo {
  /** What the agent reads: international format for foreign numbers, national for home. */
  display: string;
  /** +31612345678, or null when the number cannot be read as a public number. */
  e164: string | null;
  /** ISO 3166 alpha-2, e.g. NL. */
  country: string | null;
  /** The city the area code belongs to, where known. */
  city: string | null;
  lineType: LineType;
}

const TYPE_NAMES: Record<string, LineType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  VOIP: 'voip',
  SHARED_COST: 'shared-cost',
  PERSONAL_NUMBER: 'personal',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/** Internal extensions are short; 3CX extensions are 2–6 digits. */
export function isExtension(compact: string): boolean {
  return /^\d{2,6}$/.test(compact);
}

function asCountry(code: string | undefined): CountryCode | undefined {
  return code && /^[A-Z]{2}$/.test(code.toUpperCase())
    ? (code.toUpperCase() as CountryCode)
    : undefined;
}

export function phoneInfo(raw: string, defaultCountry?: string): PhoneInfo {
  const compact = compactNumber(raw);
  if (isExtension(compact)) {
    return { display: compact, e164: null, country: null, city: null, lineType: 'extension' };
  }
  const parsed = parsePhoneNumberFromString(compact, asCountry(defaultCountry));
  if (!parsed || !parsed.isPossible()) {
    return {
      display: raw.trim() || compact,
      e164: null,
      country: null,
      city: null,
      lineType: 'unknown',
    };
  }
  const country = parsed.country ?? null;
  const home = country !== null && country === asCountry(defaultCountry);
  const e164 = parsed.number;
  return {
    display: home ? parsed.formatNational() : parsed.formatInternational(),
    e164,
    country,
    city: cityForNumber(e164),
    lineType: TYPE_NAMES[parsed.getType() ?? ''] ?? 'unknown',
  };
}

/** E.164 where the number can be read as one, else null. */
export function toE164(raw: string, defaultCountry?: string): string | null {
  return numberForms(raw, defaultCountry).e164;
}

export interface NumberForms {
  e164: string | null;
  /** The digits a person in that country dials (`0651112222` for +31651112222), or null. */
  national: string | null;
}

/**
 * E.164 and the national digits, without the line type and city that phoneInfo adds: this runs
 * for every number of an imported file, so it parses once and does no more.
 */
export function numberForms(raw: string, defaultCountry?: string): NumberForms {
  const compact = compactNumber(raw);
  if (isExtension(compact)) return { e164: null, national: null };
  const parsed = parsePhoneNumberFromString(compact, asCountry(defaultCountry));
  if (!parsed || !parsed.isPossible()) return { e164: null, national: null };
  return { e164: parsed.number, national: parsed.formatNational().replace(/\D/g, '') };
}

export interface MatchKeys {
  e164: string | null;
  /** The last N digits, for numbers stored in a format E.164 parsing cannot recover. */
  suffix: string;
}

export function matchKeys(raw: string, defaultCountry?: string, suffixDigits = 9): MatchKeys {
  const digits = compactNumber(raw).replace(/\D/g, '');
  return { e164: toE164(raw, defaultCountry), suffix: digits.slice(-Math.max(1, suffixDigits)) };
}

/** Two numbers belong to the same person: same E.164, or the same last N digits. */
export function sameNumber(
  a: string,
  b: string,
  defaultCountry?: string,
  suffixDigits = 9,
): boolean {
  const ka = matchKeys(a, defaultCountry, suffixDigits);
  const kb = matchKeys(b, defaultCountry, suffixDigits);
  if (ka.e164 && kb.e164) return ka.e164 === kb.e164;
  return ka.suffix.length > 0 && ka.suffix === kb.suffix;
}

/** Country name in the UI language, via the platform's CLDR data. */
export function countryName(code: string | null, language = 'en'): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
