// Whether a cell of a contacts file holds a phone number. Files carry every spelling people use
// (`+31 (0)6-5111 2222`, `06.51.11.22.22`, `0800-FLOWERS`, `+1 555 123 4567 x12`); what is
// clearly not a number (`n/a`, an e-mail address, a date typed into the wrong column) is refused.

const NUMBER_SHAPE = /^\+?[0-9A-Za-z\s\-./()\u00a0*#]+$/;
const EXTENSION = /\s*(?:;?ext[.=:]?|x|#|доб\.?)\s*\d{1,6}\s*$/i;

export type NumberCheck = { ok: true; number: string } | { ok: false; reason: string };

// The shape nearly every cell has: checked with one expression, the rest only when needed.
const PLAIN = /^\+?[\d ()\-./]{3,30}$/;

export function checkContactNumber(raw: string): NumberCheck {
  if (PLAIN.test(raw) && /\d.*\d.*\d/.test(raw)) return { ok: true, number: raw };
  // A leading apostrophe is how spreadsheets (and our own CSV export) keep `+31-6…` from
  // being read as a formula.
  const text = raw
    .replace(/\u00a0/g, ' ')
    .trim()
    .replace(/^'(?='*[=+\-@])/, '');
  const main = text.replace(EXTENSION, '');
  const digits = main.replace(/\D/g, '').length;
  const letters = main.replace(/[^A-Za-z]/g, '').length;
  if (!NUMBER_SHAPE.test(main) || digits < 3 || letters > digits || main.length > 40)
    return { ok: false, reason: `"${shorten(text)}" is not a phone number` };
  return { ok: true, number: text };
}

export function shorten(text: string, max = 40): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
