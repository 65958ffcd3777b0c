// vCards → contacts: FN (else N), ORG, the first EMAIL, NOTE, UID, and every TEL with its type.
import { emptyContact, normalizeLabel, type ContactInput } from './contact';
import { checkContactNumber } from './number-check';
import type { ImportProblem, ParsedContacts } from './import-result';
import {
  components,
  propertyText,
  readVcards,
  unescapeText,
  type VcardCard,
  type VcardProperty,
} from './vcard-read';

// iPhone labels: `_$!<Mobile>!$_` for built-in kinds, plain text for the user's own.
function appleLabel(text: string): string {
  const m = /^_\$!<(.*)>!\$_$/.exec(text.trim());
  return m ? m[1]! : text.trim();
}

function telLabel(tel: VcardProperty, card: VcardCard): string {
  if (tel.group) {
    const custom = card.properties.find((p) => p.group === tel.group && p.name === 'X-ABLABEL');
    if (custom) return normalizeLabel(appleLabel(propertyText(custom)));
  }
  const types = (tel.params.get('TYPE') ?? []).flatMap((t) => t.split(','));
  return normalizeLabel(types.filter((t) => !/^(pref|voice|internet|x-)$/i.test(t)).join(' '));
}

/** `tel:+1-555-0100;ext=12` → `+1-555-0100 x12`; a plain value stays as written. */
function telNumber(tel: VcardProperty): string {
  const text = unescapeText(propertyText(tel)).trim();
  const uri = /^tel:(.*)$/i.exec(text);
  if (!uri) return text;
  let body = uri[1]!;
  try {
    body = decodeURIComponent(body);
  } catch {
    // a stray % stays as it is; the number check below decides
  }
  const [number = '', ...params] = body.split(';');
  const ext = params.find((p) => /^ext=/i.test(p));
  return ext ? `${number} x${ext.slice(4)}` : number;
}

function cardToContact(card: VcardCard, problems: ImportProblem[]): ContactInput | null {
  const c = emptyContact();
  const first = (name: string) => card.properties.find((p) => p.name === name);
  const fn = first('FN');
  if (fn) c.name = unescapeText(propertyText(fn)).trim();
  const n = first('N');
  if (!c.name && n) {
    const [family = '', given = '', additional = '', prefix = '', suffix = ''] = components(
      propertyText(n),
    );
    c.name = [prefix, given, additional, family, suffix]
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' ');
  }
  const org = first('ORG');
  if (org) c.company = components(propertyText(org))[0]?.trim() ?? '';
  const email = first('EMAIL');
  if (email) c.email = unescapeText(propertyText(email)).trim();
  const note = first('NOTE');
  if (note) c.notes = unescapeText(propertyText(note)).trim();
  const uid = first('UID');
  if (uid) {
    const id = unescapeText(propertyText(uid)).trim();
    if (id) c.externalId = id;
  }
  const refused: string[] = [];
  for (const tel of card.properties.filter((p) => p.name === 'TEL')) {
    const raw = telNumber(tel);
    if (!raw) continue;
    const check = checkContactNumber(raw);
    if (check.ok) c.numbers.push({ label: telLabel(tel, card), number: check.number });
    else refused.push(check.reason);
  }
  if (!c.name && !c.company && !c.email && c.numbers.length === 0) {
    problems.push({
      line: card.line,
      reason: refused.length
        ? `no name and ${refused.join('; ')}`
        : 'card has no name and no number',
      kept: false,
    });
    return null;
  }
  for (const r of refused)
    problems.push({ line: card.line, reason: `${r} (left out)`, kept: true });
  return c;
}

export function contactsFromVcards(text: string): ParsedContacts {
  const { cards, problems: readProblems } = readVcards(text);
  const problems: ImportProblem[] = [...readProblems];
  const contacts = cards.flatMap((card) => {
    const contact = cardToContact(card, problems);
    return contact ? [{ line: card.line, contact }] : [];
  });
  problems.sort((a, b) => a.line - b.line);
  return { format: 'vcard', contacts, problems };
}
