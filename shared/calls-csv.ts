// The history as CSV: one line per call the agent's filter selects (main writes it from the
// whole journal). A cell that a spreadsheet would run as a formula is quoted as text.
import type { CallView } from './ipc';

function csvCell(v: string): string {
  const safe = /^[=+\-@]/.test(v) && !/^\+[\d\s]+$/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const HEAD = [
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

export function callsToCsv(calls: Iterable<CallView>): string {
  const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());
  const rows = [HEAD.join(',')];
  for (const c of calls) {
    rows.push(
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
  }
  return rows.join('\r\n') + '\r\n';
}
