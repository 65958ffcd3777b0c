// CSV as spreadsheets really write it: comma or semicolon (Dutch and German Excel use `;`),
// an optional Excel `sep=;` line, quoted commas and newlines, CRLF. Parsed by papaparse; this
// file only finds the delimiter and the line each record starts on, so problems can name it.
import Papa from 'papaparse';
import type { ImportProblem } from './import-result';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  headerLine: number;
  records: CsvRecord[];
  delimiter: string;
  problems: ImportProblem[];
}

/** The delimiter that splits the header line into the most cells (quotes respected). */
export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function readCsv(text: string): CsvTable {
  let body = text;
  let offset = 0;
  let delimiter: string | undefined;
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1];
    offset = sep[0].length;
  }
  const firstLine = body.slice(offset).split(/\r?\n/, 1)[0] ?? '';
  delimiter ??= detectDelimiter(firstLine);
  body = body.slice(offset);

  const starts = lineStarts(text);
  const rows: CsvRecord[] = [];
  const problems: ImportProblem[] = [];
  let prev = 0;
  Papa.parse<string[]>(body, {
    delimiter,
    step(result) {
      let start = prev;
      while (body[start] === '\r' || body[start] === '\n') start++;
      prev = result.meta.cursor;
      const line = lineAt(starts, start + offset);
      const cells = result.data.map((c) => (typeof c === 'string' ? c : ''));
      for (const e of result.errors) {
        if (e.code === 'MissingQuotes')
          problems.push({
            line,
            reason: 'a quote is never closed, so the rest of the file reads as one cell',
            kept: false,
          });
        else if (e.code !== 'UndetectableDelimiter')
          problems.push({ line, reason: e.message, kept: true });
      }
      if (result.errors.some((e) => e.code === 'MissingQuotes')) return;
      if (cells.every((c) => c.trim() === '')) return;
      rows.push({ line, cells });
    },
  });
  const header = rows.shift();
  return {
    headers: (header?.cells ?? []).map((h) => h.trim()),
    headerLine: header?.line ?? 1,
    records: rows,
    delimiter,
    problems,
  };
}
