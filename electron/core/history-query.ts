// The history's filters over the whole journal, not just the calls a window has loaded:
// missed, today, and a number or a name. A whole number matches as everywhere else (E.164
// first, then the last matching.suffixDigits digits); fewer digits than that are a number
// being typed, found wherever they occur in a call's number. A name is looked up in the
// contacts (and today's 3CX phonebook answers) and becomes the numbers it has.
import type { Db } from './db';
import type { CallRecord } from '../../shared/call-tracker';
import type { HistoryFilter } from '../../shared/ipc';
import { matchKeys } from '../../shared/phone';
import { digitsOf, foldText } from '../../shared/contacts/contact';
import { isNumberQuery } from './contacts/contact-search';
import { rowToRecord, type CallRow, type MatchOptions } from './journal';

export interface HistoryCursor {
  startedAt: number;
  key: string;
}

export interface HistoryPage {
  calls: CallRecord[];
  next: HistoryCursor | null;
  total: number | null;
}

export interface HistoryQueryDeps {
  db: Db;
  match: () => MatchOptions;
  now: () => number;
  /** The numbers of the contacts whose name or company matches `text` (local store, 3CX). */
  numbersNamed(text: string): string[];
}

export interface HistoryQuery {
  page(filter: HistoryFilter, after: HistoryCursor | null, limit: number): HistoryPage;
  /** Every call the filter selects, newest first (for the CSV export). */
  all(filter: HistoryFilter): CallRecord[];
}

interface Where {
  sql: string;
  params: Record<string, unknown>;
}

function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function createHistoryQuery(deps: HistoryQueryDeps): HistoryQuery {
  const { db } = deps;
  // The digits of a stored number, for "digits being typed" (deterministic: SQLite may cache).
  db.function('callpop_digits', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? digitsOf(s) : '',
  );

  function numberWhere(text: string, m: MatchOptions): Where {
    const digits = digitsOf(text);
    if (digits.length >= Math.max(1, m.suffixDigits)) {
      const keys = matchKeys(text, m.defaultCountry, m.suffixDigits);
      return keys.e164
        ? {
            sql: '(match_e164 = @e164 OR (match_e164 IS NULL AND match_suffix = @suffix))',
            params: { e164: keys.e164, suffix: keys.suffix },
          }
        : { sql: 'match_suffix = @suffix', params: { suffix: keys.suffix } };
    }
    // `0651` also finds `+31 651…`: the digits without the trunk zero.
    const tail = digits.replace(/^0+/, '');
    return {
      sql: "(instr(callpop_digits(number), @digits) > 0 OR (@tail != '' AND instr(callpop_digits(number), @tail) > 0))",
      params: { digits, tail: tail.length >= 3 ? tail : '' },
    };
  }

  function nameWhere(text: string, m: MatchOptions): Where {
    const e164s = new Set<string>();
    const suffixes = new Set<string>();
    for (const n of deps.numbersNamed(text)) {
      const keys = matchKeys(n, m.defaultCountry, m.suffixDigits);
      if (keys.e164) e164s.add(keys.e164);
      if (keys.suffix) suffixes.add(keys.suffix);
    }
    return {
      sql: `(match_e164 IN (SELECT value FROM json_each(@e164s))
             OR (match_e164 IS NULL AND match_suffix IN (SELECT value FROM json_each(@suffixes))))`,
      params: { e164s: JSON.stringify([...e164s]), suffixes: JSON.stringify([...suffixes]) },
    };
  }

  function where(filter: HistoryFilter): Where {
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.kind === 'missed') parts.push("outcome = 'missed'");
    if (filter.kind === 'today') {
      parts.push('started_at >= @dayStart');
      params.dayStart = startOfDay(deps.now());
    }
    const text = filter.text.trim();
    if (text && /\d/.test(text) && isNumberQuery(text)) {
      const w = numberWhere(text, deps.match());
      parts.push(w.sql);
      Object.assign(params, w.params);
    } else if (foldText(text)) {
      const w = nameWhere(text, deps.match());
      parts.push(w.sql);
      Object.assign(params, w.params);
    }
    return { sql: parts.length ? parts.join(' AND ') : '1', params };
  }

  return {
    page(filter, after, limit) {
      const w = where(filter);
      const cursor = after
        ? ' AND (started_at < @afterAt OR (started_at = @afterAt AND key > @afterKey))'
        : '';
      const params = {
        ...w.params,
        ...(after ? { afterAt: after.startedAt, afterKey: after.key } : {}),
        limit: limit + 1,
      };
      const rows = db
        .prepare(
          `SELECT * FROM calls WHERE ${w.sql}${cursor} ORDER BY started_at DESC, key LIMIT @limit`,
        )
        .all(params) as CallRow[];
      const calls = rows.slice(0, limit).map(rowToRecord);
      const last = calls[calls.length - 1];
      const total = after
        ? null
        : (
            db.prepare(`SELECT COUNT(*) AS n FROM calls WHERE ${w.sql}`).get(w.params) as {
              n: number;
            }
          ).n;
      return {
        calls,
        next: rows.length > limit && last ? { startedAt: last.startedAt, key: last.key } : null,
        total,
      };
    },
    all(filter) {
      const w = where(filter);
      const stmt = db.prepare(`SELECT * FROM calls WHERE ${w.sql} ORDER BY started_at DESC, key`);
      return (stmt.all(w.params) as CallRow[]).map(rowToRecord);
    },
  };
}
