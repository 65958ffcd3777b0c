// One party of a call as the PBX describes it (REST callsinfo owner/talkTo/routingTo, Call
// Control participants). The seeds leave the exact field names open, so this reads the first
// field present from a fixed list and classifies the party; both event sources share it.
import { compactNumber } from './crm-args';

/** extension: a person's DN; external: a line/outside number; service: queue, IVR, group... */
export type PartyKind = 'extension' | 'external' | 'service';

export interface Party {
  /** Extension or phone number as the PBX wrote it (spaces and dashes removed). */
  number: string;
  kind: PartyKind;
}

/** Field names read for the party's number, in this order; the first non-empty one wins. */
export const PARTY_NUMBER_FIELDS = [
  'dn',
  'DN',
  'number',
  'Number',
  'internalParty',
  'externalParty',
] as const;
/** Field names read for the party's kind. */
export const PARTY_KIND_FIELDS = ['type', 'dnType', 'Type', 'DNType', 'dn_type'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A kind word from 3CX (`Extension`, `ExternalLine`, `Queue`, V20's `Wextension`, ...), or
 * null when the word says nothing we recognise.
 */
export function kindFromWord(word: unknown): PartyKind | null {
  if (typeof word !== 'string' && typeof word !== 'number') return null;
  const w = String(word).toLowerCase();
  if (w.includes('extension') || w === 'ext' || w === 'user') return 'extension';
  if (/external|line|trunk|gateway|provider|voip|outside|bridge/.test(w)) return 'external';
  if (/queue|group|ivr|routepoint|route_point|menu|park|conference|fax|voicemail|script/.test(w))
    return 'service';
  return null;
}

/**
 * Without a kind word: an outside number has a leading + or 0, or more digits than an
 * extension (3CX extensions have at most 6 in practice; agent.extension allows up to 8).
 */
export function guessKind(number: string, agentExtension: string): PartyKind {
  if (number === agentExtension) return 'extension';
  if (/^\+/.test(number) || /^0/.test(number) || number.replace(/\D/g, '').length > 6)
    return 'external';
  return 'extension';
}

function scalar(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const c = compactNumber(v.trim());
  return c === '' ? null : c;
}

/**
 * Reads a party from whatever the PBX sent: an object with one of PARTY_NUMBER_FIELDS (its
 * value may itself be such an object), or a bare string/number. null when no number is found.
 */
export function readParty(raw: unknown, agentExtension: string, depth = 0): Party | null {
  const direct = scalar(raw);
  if (direct !== null) return { number: direct, kind: guessKind(direct, agentExtension) };
  if (!isObj(raw) || depth > 2) return null;
  let kind: PartyKind | null = null;
  for (const f of PARTY_KIND_FIELDS) {
    kind = kindFromWord(raw[f]);
    if (kind) break;
  }
  for (const f of PARTY_NUMBER_FIELDS) {
    const v = raw[f];
    if (v === undefined || v === null) continue;
    const n = scalar(v);
    if (n !== null) {
      const fieldKind: PartyKind | null =
        f === 'externalParty' ? 'external' : f === 'internalParty' ? 'extension' : null;
      return { number: n, kind: kind ?? fieldKind ?? guessKind(n, agentExtension) };
    }
    const nested = readParty(v, agentExtension, depth + 1);
    if (nested) {
      const k = kind ?? (f === 'externalParty' ? 'external' : nested.kind);
      return { number: nested.number, kind: k };
    }
  }
  return null;
}
