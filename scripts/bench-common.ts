// What every `npm run bench` part shares: the result rows and their printing, percentiles, a
// data directory with settings, `callpop serve` started and stopped, and the one in-page watcher
// that says when a call's card is in the DOM and when the frame showing it was painted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/chromium';

export const ROOT = resolve(__dirname, '..');
export const CLI = join(ROOT, 'dist', 'cli', 'callpop.mjs');

export interface Row {
  name: string;
  value: string;
  target: string;
  /** null: a reference figure, no verdict. */
  pass: boolean | null;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
export const median = (values: number[]): number => quantile(values, 0.5);

export function printRows(rows: Row[]): void {
  const w0 = Math.max(...rows.map((r) => r.name.length));
  const w1 = Math.max(...rows.map((r) => r.value.length));
  const w2 = Math.max(...rows.map((r) => r.target.length));
  for (const r of rows) {
    const verdict = r.pass === null ? '' : r.pass ? 'PASS' : 'MISS';
    console.log(
      `  ${r.name.padEnd(w0)}  ${r.value.padEnd(w1)}  ${r.target.padEnd(w2)}  ${verdict}`,
    );
  }
}

/**
 * A fresh data directory whose settings say the first run is done (else its setup dialog
 * would cover the window the benchmark watches), plus whatever the part needs.
 */
export function benchDataDir(prefix: string, settings: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeSettings(dir, settings);
  return dir;
}

export function writeSettings(dir: string, settings: Record<string, unknown> = {}): void {
  const app = { ...(settings.app as object | undefined), firstRunDone: true };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...settings, app }), {
    mode: 0o600,
  });
}

export function benchEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CALLPOP_DATA_DIR: dataDir,
    CALLPOP_NO_OPEN: '1',
    CALLPOP_MACHINE_CONFIG: join(dataDir, 'no-machine-config.json'),
  };
}

/** `callpop serve` on a free port; its URL carries the browser token from the data directory. */
export async function startServe(
  dataDir: string,
  env: NodeJS.ProcessEnv = benchEnv(dataDir),
  startMs = 60_000,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open', '--port', '0'], { env });
  // Even if the part dies unexpectedly, never leave the server running.
  process.on('exit', () => child.kill('SIGKILL'));
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`callpop serve did not start:\n${out}`)),
      startMs,
    );
    child.stdout!.on('data', (d) => {
      out += d;
      // The printed line has the address, not the token; the token is in the data directory.
      const m = /CallPop is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const token = readFileSync(join(dataDir, 'browser-token'), 'utf8').trim();
        ok(`${m[1]!}#token=${token}`);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => fail(new Error(`callpop serve exited ${code}:\n${out}`)));
  });
  return { child, url };
}

export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  return exited;
}

/** Resolves when the process has exited (also when it already had). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The main window at 1280×800, loaded and connected. */
export async function openMainWindow(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.getByRole('heading', { name: 'CallPop', exact: true }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500); // the WebSocket settles
  return page;
}

/** Which card: by the call id when the benchmark chose it, else by the number's last digits. */
export type CardMatch = { callId: string } | { digits: string };

function selectorScript(match: CardMatch): string {
  return 'callId' in match
    ? `(() => document.querySelector('[data-call-id="' + CSS.escape(${JSON.stringify(match.callId)}) + '"]'))`
    : `(() => [...document.querySelectorAll('[data-call-number]')].find((d) =>
         (d.getAttribute('data-call-number') || '').replace(/\\D/g, '').endsWith(${JSON.stringify(match.digits)})))`;
}

export interface CardMarks {
  /** The card is in the DOM. */
  rendered: number;
  /** The frame showing it has been painted: a task queued from that frame's animation
   * callback has run (so whatever the page queued before it counts too). */
  painted: number;
  /** When the frame with its wrap-up form's Save button (the card's last part) was presented
   * on screen, as the browser's Element Timing reports it. */
  complete: number;
}

/**
 * Starts watching for a card; resolves with the epoch times (the clock CallPop's own marks
 * use) of `CardMarks`, or -1s after `timeoutMs`. Give the watcher a moment to install before
 * causing the call. The Element Timing mark is asked for by the watcher itself (it names the
 * element as it appears, before its first paint), so the page under test is unchanged.
 */
export function watchCard(page: Page, match: CardMatch, timeoutMs = 15_000): Promise<CardMarks> {
  // A string, not a function: tsx would add helpers the page does not have.
  const seen: Promise<CardMarks> = page.evaluate(`new Promise((done) => {
    const find = ${selectorScript(match)};
    const now = () => performance.timeOrigin + performance.now();
    const tag = 'bench-' + Math.random().toString(36).slice(2);
    const m = { rendered: -1, painted: -1, complete: -1 };
    let timer, formSeen = false;
    const finish = () => {
      observer.disconnect();
      paints.disconnect();
      clearTimeout(timer);
      done(m);
    };
    const maybeDone = () => {
      if (m.painted >= 0 && m.complete >= 0) finish();
    };
    const paints = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === tag + '-save') m.complete = performance.timeOrigin + e.renderTime;
      }
      maybeDone();
    });
    paints.observe({ type: 'element', buffered: true });
    const check = () => {
      const card = find();
      if (!card) return;
      if (m.rendered < 0) {
        m.rendered = now();
        // requestAnimationFrame runs just before the frame; a task queued from it runs once
        // the frame is painted.
        requestAnimationFrame(() => setTimeout(() => { m.painted = now(); maybeDone(); }, 0));
      }
      const save = card.querySelector('form.wrapup button[type=submit]');
      if (save && !formSeen) {
        formSeen = true;
        observer.disconnect();
        save.setAttribute('elementtiming', tag + '-save');
      }
    };
    const observer = new MutationObserver(check);
    timer = setTimeout(finish, ${timeoutMs});
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    check();
  })`);
  seen.catch(() => undefined);
  return seen;
}

/** Hides the card again so the next call starts from the same page. */
export async function hideCard(page: Page, match: CardMatch): Promise<void> {
  const card = page.locator(
    'callId' in match
      ? `[data-call-id="${match.callId.replace(/"/g, '\\"')}"]`
      : `[data-call-number$="${match.digits}"]`,
  );
  await card.getByRole('button', { name: 'Hide card' }).first().click();
  await card.first().waitFor({ state: 'detached', timeout: 15_000 });
}

export const epochNow = (): number => performance.timeOrigin + performance.now();

/** One request over the page's own contract (its WebSocket, with the browser token). */
export function rpc<T>(page: Page, url: string, channel: string, payload: object = {}): Promise<T> {
  const token = new URL(url).hash.replace('#token=', '');
  return page.evaluate(`new Promise((done, fail) => {
    const ws = new WebSocket('ws://' + location.host + '/ipc?token=' + ${JSON.stringify(token)});
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel: ${JSON.stringify(channel)}, payload: ${JSON.stringify(payload)} }));
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.id !== 1) return;
      ws.close();
      msg.result.ok ? done(msg.result.value) : fail(new Error(msg.result.error.message));
    };
    ws.onerror = () => fail(new Error('no WebSocket'));
  })`);
}

/** Closes every open card, as an agent would before the measured calls. */
export async function hideAllCards(page: Page, url: string): Promise<void> {
  const open = await rpc<Array<{ id: string }>>(page, url, 'popup.list');
  for (const card of open) await rpc(page, url, 'popup.dismiss', { callId: card.id });
  await page.locator('[data-call-id]').first().waitFor({ state: 'detached', timeout: 15_000 });
}
