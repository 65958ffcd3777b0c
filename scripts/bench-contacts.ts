// `npm run bench` (part of it): contacts among 100,000 (each with 2–3 numbers), on this machine,
// in one run. Prints each figure with its target and PASS/MISS; not a test.
//   1. import of a 100,000-row CSV (read, parse, store)            target ≤ 5 s
//   2. number lookup, p95 over 2,000 numbers in mixed formats       target ≤ 1 ms
//   3. search-as-you-type, p95 over 2,000 3-character queries       target ≤ 15 ms
//   4. spawn → card visible with 100,000 contacts vs none, the two
//      alternating call by call                                     target ≤ 1.1 ×
// Set BENCH_CONTACTS to change the number of contacts (default 100,000).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '../electron/core/db';
import { createContactStore } from '../electron/core/contacts/contact-store';
import { parseContactFile } from '../shared/contacts/import-file';
import {
  benchDataDir,
  benchEnv,
  CLI,
  epochNow,
  exited,
  hideCard,
  launchChromium,
  median,
  openMainWindow,
  printRows,
  quantile,
  startServe,
  stop,
  watchCard,
  writeSettings,
  type Row,
} from './bench-common';

const COUNT = Math.max(1000, Number(process.env.BENCH_CONTACTS ?? 100_000));
const CARD_CALLS = Math.max(5, Number(process.env.BENCH_CARD_CALLS ?? 30));

const rows: Row[] = [];
const ms = (v: number) => `${v.toFixed(2)} ms`;

// Deterministic pseudo-random numbers: the same file every run.
let seed = 42;
function rand(n: number): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
const FIRST = [
  'Jan',
  'Anna',
  'Piet',
  'José',
  'Zoë',
  'Иван',
  'Ольга',
  'Jürgen',
  'Sanne',
  'Daan',
  'Lotte',
  'Mohamed',
  'Fatima',
  'Kees',
  'Marieke',
  'Ömer',
];
const LAST = [
  'Jansen',
  'de Vries',
  'van Dijk',
  'Bakker',
  'Müller',
  'Петров',
  'Иванова',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'Yılmaz',
  'García',
  'Brouwer',
  'Dekker',
];
const COMPANY = [
  'Bakkerij',
  'Logistiek',
  'Consulting',
  'Bouw',
  'Zorg',
  'Ромашка',
  'Maschinenbau',
  'Transport',
];

function makeCsv(count: number): { csv: string; numbers: string[] } {
  const numbers: string[] = [];
  const lines = [
    'Name,Organization 1 - Name,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Phone 3 - Type,Phone 3 - Value',
  ];
  for (let i = 0; i < count; i++) {
    const name = `${FIRST[rand(FIRST.length)]} ${LAST[rand(LAST.length)]} ${i}`;
    const company = `${COMPANY[rand(COMPANY.length)]} ${rand(1000)}`;
    const mobile = `+31 6 ${String(10_000_000 + i).slice(-8)}`;
    const work = `020 ${String(5_000_000 + i).slice(-7)}`;
    const extra = i % 2 === 0 ? `+49 30 ${String(7_000_000 + i).slice(-7)}` : '';
    numbers.push(mobile, work);
    if (extra) numbers.push(extra);
    lines.push(
      [
        `"${name}"`,
        `"${company}"`,
        `c${i}@example.com`,
        'Mobile',
        mobile,
        'Work',
        work,
        extra ? 'Home' : '',
        extra,
      ].join(','),
    );
  }
  return { csv: lines.join('\r\n') + '\r\n', numbers };
}

/** The same number as an agent's CRM or 3CX might write it. */
function reformat(n: string, i: number): string {
  const digits = n.replace(/\D/g, '');
  switch (i % 4) {
    case 0:
      return n;
    case 1:
      return digits.startsWith('31') ? `0${digits.slice(2)}` : `+${digits}`;
    case 2:
      return `00${digits.startsWith('31') || digits.startsWith('49') ? digits : `31${digits.slice(1)}`}`;
    default:
      return n.replace(/ /g, '-');
  }
}

function benchStore(dataDir: string): void {
  const { csv, numbers } = makeCsv(COUNT);
  const file = join(dataDir, 'contacts.csv');
  writeFileSync(file, csv);
  const db = openDatabase(dataDir);
  const store = createContactStore(db, () => ({ defaultCountry: 'NL', suffixDigits: 9 }));
  const t0 = performance.now();
  const summary = store.importContacts(parseContactFile(readFileSync(file)));
  const importMs = performance.now() - t0;
  if (summary.added !== COUNT) throw new Error(`imported ${summary.added} of ${COUNT}`);
  rows.push({
    name: `import of a ${COUNT.toLocaleString('en-US')}-row CSV (${numbers.length.toLocaleString('en-US')} numbers)`,
    value: `${(importMs / 1000).toFixed(2)} s`,
    target: '≤ 5 s',
    pass: importMs <= 5000,
  });

  const lookups: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const n = reformat(numbers[rand(numbers.length)]!, i);
    const s = performance.now();
    const hits = store.lookup(n);
    lookups.push(performance.now() - s);
    if (hits.length === 0) throw new Error(`lookup of ${n} found nothing`);
  }
  const p95 = quantile(lookups, 0.95);
  rows.push({
    name: 'number lookup (p95 of 2,000, mixed formats)',
    value: ms(p95),
    target: '≤ 1 ms',
    pass: p95 <= 1,
  });

  const searches: number[] = [];
  const pool = [...FIRST, ...LAST, ...COMPANY]
    .map((w) => w.toLowerCase())
    .filter((w) => [...w].length >= 3);
  for (let i = 0; i < 2000; i++) {
    const word = [...pool[rand(pool.length)]!];
    const at = rand(word.length - 2);
    const q = i % 5 === 4 ? String(100 + rand(900)) : word.slice(at, at + 3).join('');
    const s = performance.now();
    store.search(q, 50);
    searches.push(performance.now() - s);
  }
  const sp95 = quantile(searches, 0.95);
  rows.push({
    name: 'search-as-you-type, 3 characters (p95 of 2,000)',
    value: ms(sp95),
    target: '≤ 15 ms',
    pass: sp95 <= 15,
  });
  db.close();
}

/** One call: spawn the forwarder, wait for its card (with the caller's name, when known). */
async function oneCard(
  page: Page,
  env: NodeJS.ProcessEnv,
  raw: string,
  callId: string,
): Promise<number> {
  const seen = watchCard(page, { callId });
  await page.waitForTimeout(30);
  const t0 = epochNow();
  const child = spawn(process.execPath, [CLI, '/N:S', `/C:${raw}`, '/T:I', `/I:${callId}`], {
    env,
    stdio: 'ignore',
  });
  const { painted } = await seen;
  await exited(child);
  if (painted < 0) throw new Error(`the card for ${raw} never appeared`);
  await hideCard(page, { callId });
  return painted - t0;
}

async function benchCard(fullDir: string): Promise<void> {
  const settings = { agent: { defaultCountry: 'NL' } };
  const emptyDir = benchDataDir('callpop-bench-empty-', settings);
  writeSettings(fullDir, settings);
  const dirs = [emptyDir, fullDir];
  const envs = dirs.map(benchEnv);
  const servers: ChildProcess[] = [];
  const browser = await launchChromium();
  try {
    const pages: Page[] = [];
    for (const [k, dir] of dirs.entries()) {
      const s = await startServe(dir, envs[k]);
      servers.push(s.child);
      pages.push(await openMainWindow(browser, s.url));
    }
    const times: number[][] = [[], []];
    for (let i = 0; i < CARD_CALLS + 2; i++) {
      // Numbers of imported contacts (the full store finds a name; the empty one does not).
      const raw = `06${String(10_000_000 + 5000 + i).slice(-8)}`;
      for (const k of i % 2 ? [1, 0] : [0, 1]) {
        const t = await oneCard(pages[k]!, envs[k]!, raw, `card-${k}-${i}`);
        if (i >= 2) times[k]!.push(t);
      }
    }
    const [none, full] = times.map(median);
    rows.push({
      name: `spawn → card visible, no contacts (median of ${CARD_CALLS})`,
      value: ms(none!),
      target: 'reference',
      pass: null,
    });
    rows.push({
      name: `spawn → card visible, ${COUNT.toLocaleString('en-US')} contacts (median of ${CARD_CALLS})`,
      value: `${ms(full!)} = ${(full! / none!).toFixed(2)}×`,
      target: '≤ 1.10× no contacts',
      pass: full! <= 1.1 * none!,
    });
  } finally {
    await browser.close();
    await Promise.all(servers.map(stop));
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dataDir = benchDataDir('callpop-bench-contacts-');
  try {
    benchStore(dataDir);
    if (!process.argv.includes('--no-card')) await benchCard(dataDir);
  } catch (err) {
    rows.push({
      name: 'contacts benchmark',
      value: `failed: ${(err as Error).message.split('\n')[0]}`,
      target: '',
      pass: false,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  printRows(rows);
}

void main();
