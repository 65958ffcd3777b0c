// When two sources (the Assistant's argv, the REST live calls, Call Control) report the same
// call, it must stay one call: one card, one journal record. A notification keeps its call id
// when that id is known (from any source); otherwise a first notification that carries a
// number is matched to a call another source started with the same number within 3 s, and
// from then on that source's id is an alias of the first one.
import type { CallNotification } from './crm-args';

export const MATCH_WINDOW_MS = 3000;
const MAX_REMEMBERED = 2000;

export interface CallMatcher {
  /** The notification with the call id the rest of CallPop knows this call by. */
  resolve(n: CallNotification, source: string, at: number): CallNotification;
  /** The id `source` itself uses for the call CallPop knows as `id` (they differ when matched). */
  ownId(id: string, source: string): string;
}

interface Known {
  /** The id the first source used: what the tracker and the journal hold. */
  id: string;
  sources: Set<string>;
  number: string | null;
  at: number;
}

/** The last `digits` digits: `+31612345678`, `0612345678` and `0031612345678` compare equal. */
export function numberTail(number: string, digits = 9): string {
  return number.replace(/\D/g, '').slice(-digits);
}

export function createCallMatcher(opts: { windowMs?: number; suffixDigits?: () => number } = {}) {
  const windowMs = opts.windowMs ?? MATCH_WINDOW_MS;
  const byKey = new Map<string, Known>(); // lower-cased id → call (the first id, or an alias)
  const recent: Known[] = [];
  const own = new Map<string, string>(); // source + canonical key → the source's own id

  function remember(key: string, k: Known): void {
    byKey.delete(key);
    byKey.set(key, k);
    while (byKey.size > MAX_REMEMBERED) {
      const oldest = byKey.keys().next().value as string;
      byKey.delete(oldest);
    }
  }

  const matcher: CallMatcher = {
    resolve(n, source, at) {
      const key = n.callId.toLowerCase();
      const number = n.caller?.kind === 'number' ? n.caller.value : null;
      const sourced = `${source}\n${key}`;
      const hit = byKey.get(sourced) ?? byKey.get(key);
      if (hit) {
        hit.sources.add(source);
        if (hit.number === null && number !== null) hit.number = number;
        // The same id in another case is the same call: the tracker folds case itself and
        // keeps the spelling with capitals, so only a real alias is rewritten.
        return hit.id.toLowerCase() === key ? n : { ...n, callId: hit.id };
      }
      while (recent.length && at - recent[0]!.at > windowMs) recent.shift();
      if (number !== null) {
        const digits = opts.suffixDigits?.() ?? 9;
        const tail = numberTail(number, digits);
        const twin = recent.find(
          (k) =>
            !k.sources.has(source) &&
            k.number !== null &&
            numberTail(k.number, digits) === tail &&
            Math.abs(at - k.at) <= windowMs,
        );
        if (twin) {
          twin.sources.add(source);
          remember(sourced, twin);
          own.set(`${source}\n${twin.id.toLowerCase()}`, n.callId);
          if (own.size > MAX_REMEMBERED) own.delete(own.keys().next().value as string);
          return { ...n, callId: twin.id };
        }
      }
      const k: Known = { id: n.callId, sources: new Set([source]), number, at };
      remember(key, k);
      recent.push(k);
      return n;
    },
    ownId: (id, source) => own.get(`${source}\n${id.toLowerCase()}`) ?? id,
  };
  return matcher;
}
