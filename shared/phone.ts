// Phone numbers for humans and for matching. `+31 6 …`, `06…` and `0031…` must all find the
// same contact (docs/decisions.md): match on E.164 first, then on the last N digits.
import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
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
  /** The national significant number (`651112222` for +31651112222), or null. */
  nsn: string | null;
}

// How libphonenumber turned one number into E.164: drop `cut` leading characters of the
// compact input, put `add` in front. Numbers of the same length that start with the same
// characters (same country code or trunk prefix, same area code) are turned the same way, so
// importing 250,000 numbers parses a few hundred of them instead of every one.
interface Rewrite {
  cut: number;
  add: string;
  ccLength: number;
}
const REWRITES = new Map<string, Rewrite | null>();
const REWRITE_KEY_CHARS = 7;
const MAX_REWRITES = 50_000;

function parseForms(
  compact: string,
  country: string | undefined,
): NumberForms & { rewrite: Rewrite | null } {
  const parsed = parsePhoneNumberFromString(compact, asCountry(country));
  if (!parsed || !parsed.isPossible()) return { e164: null, nsn: null, rewrite: null };
  const e164 = parsed.number;
  const ccLength = parsed.countryCallingCode.length;
  // The longest common tail of input and result; what precedes it was rewritten.
  let tail = 0;
  while (
    tail < compact.length &&
    tail < e164.length - 1 &&
    compact[compact.length - 1 - tail] === e164[e164.length - 1 - tail]
  )
    tail++;
  const cut = compact.length - tail;
  const rewrite =
    cut <= REWRITE_KEY_CHARS ? { cut, add: e164.slice(0, e164.length - tail), ccLength } : null;
  return { e164, nsn: e164.slice(1 + ccLength), rewrite };
}

/**
 * E.164 and the national significant number, without the line type and city that phoneInfo
 * adds: this runs for every number of an imported file.
 */
export function numberForms(raw: string, defaultCountry?: string): NumberForms {
  const compact = compactNumber(raw);
  if (isExtension(compact) || compact.length > 20) return { e164: null, nsn: null };
  const key = `${defaultCountry ?? ''}|${compact.length}|${compact.slice(0, REWRITE_KEY_CHARS)}`;
  const known = REWRITES.get(key);
  if (known) {
    const e164 = known.add + compact.slice(known.cut);
    return { e164, nsn: e164.slice(1 + known.ccLength) };
  }
  if (known === null) return { e164: null, nsn: null };
  const forms = parseForms(compact, defaultCountry);
  if (REWRITES.size >= MAX_REWRITES) REWRITES.clear();
  // Only a number that is digits after its first 7 characters can stand for its class.
  if (/^\+?\d+$/.test(compact)) {
    if (forms.e164 === null) REWRITES.set(key, null);
    else if (forms.rewrite) REWRITES.set(key, forms.rewrite);
  }
  return { e164: forms.e164, nsn: forms.nsn };
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

/** The calling code of a country (`31` for NL), or null for an unknown code. */
export function callingCode(country: string): string | null {
  const c = asCountry(country);
  if (!c) return null;
  try {
    return getCountryCallingCode(c);
  } catch {
    return null;
  }
}

/** Country name in the UI language, via the platform's CLDR data. */
export function countryName(code: string | null, language = 'en'): string | null {
  if (!code) return null;
  try {
    return regionNames(language).of(code) ?? code;
  } catch {
    return code;
  }
}

// Building an Intl.DisplayNames costs far more than asking one, and every card asks on each
// render: keep one per language.
const regionNamesByLanguage = new Map<string, Intl.DisplayNames>();
function regionNames(language: string): Intl.DisplayNames {
  let names = regionNamesByLanguage.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region' });
    regionNamesByLanguage.set(language, names);
  }
  return names;
}
