// Which calls the history shows: all, missed, today, and a number or name typed by the agent
// (a number matches in any format by its digits, a name by any part, accents ignored).
import type { CallView } from '../../../shared/ipc';
import { digitsOf, foldText } from '../../../shared/contacts/contact';

export type HistoryKind = 'all' | 'missed' | 'today';

export interface HistoryFilter {
  kind: HistoryKind;
  text: string;
}

export function filterCalls(
  calls: readonly CallView[],
  f: HistoryFilter,
  now = Date.now(),
): CallView[] {
  const today = new Date(now).toDateString();
  const text = foldText(f.text);
  const digits = /^[\d\s+\-./()]+$/.test(f.text.trim()) ? digitsOf(f.text) : '';
  // The last 9 digits: `0612…` finds `+31 612…` and the other way round.
  const tail = digits.replace(/^0+/, '').slice(-9);
  return calls.filter((c) => {
    if (f.kind === 'missed' && c.outcome !== 'missed') return false;
    if (f.kind === 'today' && new Date(c.startedAt).toDateString() !== today) return false;
    if (!text) return true;
    if (digits) {
      const own = digitsOf(c.number ?? '');
      return own.includes(digits) || (tail.length >= 4 && own.includes(tail));
    }
    const who = foldText(`${c.caller?.name ?? ''} ${c.caller?.company ?? ''}`);
    return who.includes(text);
  });
}

function csvCell(v: string): string {
  const safe = /^[=+\-@]/.test(v) && !/^\+[\d\s]+$/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The calls shown, as CSV: what the agent filtered is what the file holds. */
export function callsToCsv(calls: readonly CallView[]): string {
  const head = [
    'id',
    'direction',
    'number',
    'name',
    'company',
    'state',
    'outcome',
    'startedAt',
    'answeredAt',
    'endedAt',
    'wrapUp',
    'comments',
  ];
  const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());
  const rows = calls.map((c) =>
    [
      c.id,
      c.direction,
      c.number ?? '',
      c.caller?.name ?? '',
      c.caller?.company ?? '',
      c.state,
      c.outcome ?? '',
      iso(c.startedAt),
      iso(c.answeredAt),
      iso(c.endedAt),
      c.wrapUp?.status ?? '',
      c.wrapUp?.comments ?? '',
    ]
      .map(csvCell)
      .join(','),
  );
  return [head.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Missed calls the agent has not looked at yet (since `seenAt`). */
export function unseenMissed(calls: readonly CallView[], seenAt: number): number {
  return calls.filter((c) => c.outcome === 'missed' && c.startedAt > seenAt).length;
}
