// vCard 2.1, 3.0 and 4.0 as phones and mail programs write them. Written here rather than taken
// from npm: the parsers there (vcf, ical.js, vcard-parser) handle 3.0/4.0 but none decodes
// quoted-printable with its soft line breaks, which is what Android's 2.1 export is full of.
// Covered: folded lines, groups (`item1.TEL` + `item1.X-ABLabel` from iPhones), TYPE lists
// in all three spellings, `VALUE=uri:tel:…`, CHARSET, backslash escapes.
import { decodeWindows1252 } from './decode-text';

export interface VcardProperty {
  group: string;
  name: string;
  params: Map<string, string[]>;
  value: string;
}

export interface VcardCard {
  line: number;
  properties: VcardProperty[];
}

export interface VcardProblem {
  line: number;
  reason: string;
  /** true: the card was still read (what it has is kept). */
  kept: boolean;
}

interface LogicalLine {
  line: number;
  text: string;
}

function isQuotedPrintable(head: string): boolean {
  return /;(?:encoding=)?quoted-printable\b/i.test(head);
}

/** Joins folded lines (a leading space or tab continues) and QP soft breaks (`=` at the end). */
function logicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r\n|\n|\r/);
  const out: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i]!;
    const last = out[out.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) {
      last.text += raw.slice(1);
      continue;
    }
    if (raw === '') continue;
    const entry = { line: i + 1, text: raw };
    const colon = raw.indexOf(':');
    if (colon > 0 && isQuotedPrintable(raw.slice(0, colon))) {
      while (entry.text.endsWith('=') && i + 1 < physical.length) {
        entry.text = entry.text.slice(0, -1) + physical[++i]!.replace(/^[ \t]/, '');
      }
    }
    out.push(entry);
  }
  return out;
}

/** The first `:` that is not inside a quoted parameter value. */
function valueColon(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let cur = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function parseProperty(text: string): VcardProperty | null {
  const colon = valueColon(text);
  if (colon <= 0) return null;
  const [nameWithGroup = '', ...paramParts] = splitOutsideQuotes(text.slice(0, colon), ';');
  const dot = nameWithGroup.lastIndexOf('.');
  const params = new Map<string, string[]>();
  for (const p of paramParts) {
    const eq = p.indexOf('=');
    // vCard 2.1 writes bare types: `TEL;CELL;VOICE:`.
    const key = (eq >= 0 ? p.slice(0, eq) : 'TYPE').trim().toUpperCase();
    const raw = eq >= 0 ? p.slice(eq + 1) : p;
    const values = splitOutsideQuotes(raw, ',').map((v) => v.trim().replace(/^"|"$/g, ''));
    if (eq < 0 && /^quoted-printable$/i.test(raw.trim())) {
      params.set('ENCODING', ['QUOTED-PRINTABLE']);
      continue;
    }
    params.set(key, [...(params.get(key) ?? []), ...values.filter(Boolean)]);
  }
  return {
    group: dot >= 0 ? nameWithGroup.slice(0, dot).toLowerCase() : '',
    name: (dot >= 0 ? nameWithGroup.slice(dot + 1) : nameWithGroup).trim().toUpperCase(),
    params,
    value: text.slice(colon + 1),
  };
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const hex = value.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
    }
  }
  const arr = Uint8Array.from(bytes);
  if (/^(?:windows-1252|iso-8859-1|latin1|cp1252)$/i.test(charset)) return decodeWindows1252(arr);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(arr);
  } catch {
    return decodeWindows1252(arr);
  }
}

/** The text of a property: QP decoded, backslash escapes of 3.0/4.0 undone. */
export function propertyText(p: VcardProperty): string {
  const enc = (p.params.get('ENCODING')?.[0] ?? '').toUpperCase();
  if (enc === 'QUOTED-PRINTABLE' || enc === 'QP')
    return decodeQuotedPrintable(p.value, p.params.get('CHARSET')?.[0] ?? 'utf-8');
  return p.value;
}

/** Splits a structured value (N, ORG, ADR) on unescaped `;`, then unescapes each part. */
export function components(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      cur += ch + text[++i];
    } else if (ch === ';') {
      parts.push(unescapeText(cur));
      cur = '';
    } else cur += ch;
  }
  parts.push(unescapeText(cur));
  return parts;
}

export function unescapeText(text: string): string {
  return text.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function readVcards(text: string): { cards: VcardCard[]; problems: VcardProblem[] } {
  const cards: VcardCard[] = [];
  const problems: VcardProblem[] = [];
  let current: VcardCard | null = null;
  for (const l of logicalLines(text)) {
    const trimmed = l.text.trim();
    if (/^begin:vcard$/i.test(trimmed)) {
      if (current) {
        problems.push({ line: current.line, reason: 'card has no END:VCARD', kept: true });
        cards.push(current);
      }
      current = { line: l.line, properties: [] };
      continue;
    }
    if (/^end:vcard$/i.test(trimmed)) {
      if (current) cards.push(current);
      else problems.push({ line: l.line, reason: 'END:VCARD without BEGIN:VCARD', kept: true });
      current = null;
      continue;
    }
    if (!current) continue; // text between cards is not part of any contact
    const prop = parseProperty(l.text);
    if (prop) current.properties.push(prop);
    else
      problems.push({
        line: l.line,
        reason: `unreadable line "${trimmed.slice(0, 30)}" (left out)`,
        kept: true,
      });
  }
  if (current) {
    problems.push({
      line: current.line,
      reason: 'card has no END:VCARD (file cut off?)',
      kept: true,
    });
    cards.push(current);
  }
  return { cards, problems };
}
