// One cleaning of a number to dial, whichever way it is dialed (3CX Assistant client, HTTP API,
// REST API): spaces, dots, dashes and brackets go, letters become keypad digits (0800-FLOWERS),
// and the outside-line prefix goes in front of public numbers. Whatever is left must be digits,
// `*`, `#` and at most one leading `+`; anything else is refused before anything is started
// or requested, so a number can never become a command, an argument or a URL segment.

export const MAX_DIAL_INPUT = 64;
export const MAX_DIAL_DIGITS = 32;

const KEYPAD: Record<string, string> = {};
for (const [digit, letters] of Object.entries({
  2: 'ABC',
  3: 'DEF',
  4: 'GHI',
  5: 'JKL',
  6: 'MNO',
  7: 'PQRS',
  8: 'TUV',
  9: 'WXYZ',
}))
  for (const l of letters) KEYPAD[l] = digit;

export type DialNumber =
  | {
      ok: true;
      /** what 3CX dials */ dial: string;
      /** the customer's number, without the prefix */ number: string;
    }
  | { ok: false; reason: string };

function shortQuote(text: string): string {
  const one = text.replace(/[\r\n\t]+/g, ' ');
  return JSON.stringify(one.length > 40 ? `${one.slice(0, 39)}…` : one);
}

export function cleanDialNumber(raw: string, outsideLinePrefix = ''): DialNumber {
  if (raw.length > MAX_DIAL_INPUT)
    return { ok: false, reason: `a number to dial has at most ${MAX_DIAL_INPUT} characters` };
  // `+31 (0)20 …`: the (0) is the trunk prefix people write for callers at home; dialed from
  // abroad (which a + number is) it must go.
  const text = raw.trim().replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
  const number = text
    .replace(/[ \u00a0.\-()[\]]/g, '')
    .replace(/[A-Za-z]/g, (l) => KEYPAD[l.toUpperCase()] ?? l);
  if (!/^\+?[0-9*#]+$/.test(number))
    return { ok: false, reason: `${shortQuote(raw)} is not a number that can be dialed` };
  if (number.replace(/\D/g, '').length > MAX_DIAL_DIGITS)
    return { ok: false, reason: `${shortQuote(raw)} has more digits than any phone number` };
  // Extensions (short numbers) are internal, and +numbers are routed by 3CX itself: neither
  // gets the outside-line prefix.
  const dial =
    outsideLinePrefix && !number.startsWith('+') && number.length > 6
      ? outsideLinePrefix + number
      : number;
  return { ok: true, dial, number };
}
