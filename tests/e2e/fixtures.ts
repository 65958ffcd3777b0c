// One real CallPop per test: `node dist/cli/callpop.mjs serve` in a fresh data directory, and
// `fire(argv)` to deliver a 3CX notification the way the Assistant does (a new process per
// event, forwarding to the running CallPop). Requires a prior `npm run build`.
//
//   test.use({ settings: { dbn: { enabled: true, baseUrl: ... } } });   // optional settings.json
//   test('...', async ({ page, callpop }) => { await page.goto(callpop.url); await callpop.fire([...]); });
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'callpop.mjs');

export interface FireResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Spawn to exit, in ms. */
  ms: number;
}

export interface CallPopServer {
  /** The address to open, including `#token=...`. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Spawns `callpop <argv>` (a forwarder) and waits for it to exit 0. */
  fire(argv: string[]): Promise<FireResult>;
  /** Like fire, but resolves with whatever the exit code is. */
  run(argv: string[]): Promise<FireResult>;
  /** Everything the server printed so far. */
  output(): string;
}

export interface CallPopOptions {
  /** Written to <dataDir>/settings.json before CallPop starts (e.g. DBN/Egards test servers). */
  settings: Record<string, unknown> | undefined;
  /** The IT admin's machine-wide file (defaults and "locked"), via CALLPOP_MACHINE_CONFIG. */
  machineConfig: Record<string, unknown> | undefined;
}

export const MACHINE_CONFIG_FILE = 'machine-config.json';

function childEnv(dataDir: string): NodeJS.ProcessEnv {
  // Always a per-test machine file (usually absent), so a real /etc/callpop/config.json on the
  // machine running the tests never leaks in.
  return {
    ...process.env,
    CALLPOP_DATA_DIR: dataDir,
    CALLPOP_NO_OPEN: '1',
    CALLPOP_MACHINE_CONFIG: join(dataDir, MACHINE_CONFIG_FILE),
  };
}

export function runCli(dataDir: string, argv: string[], timeoutMs = 20_000): Promise<FireResult> {
  const startedAt = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { env: childEnv(dataDir) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`callpop ${argv.join(' ')} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, ms: performance.now() - startedAt });
    });
  });
}

/** Starts `callpop serve --no-open --port 0` and resolves once it printed its URL. */
export async function startServer(
  dataDir: string,
  timeoutMs = 30_000,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--no-open', '--port', '0', '--data-dir', dataDir],
    {
      env: childEnv(dataDir),
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`callpop serve did not start:\n${out}`)),
      timeoutMs,
    );
    const check = (): void => {
      // CallPop prints the address and its private launch page, never the token: the test,
      // as the same user, reads the token where CallPop keeps it.
      const m = /CallPop is running at (http:\/\/127\.0\.0\.1:\d+\/) \(your access link: /.exec(
        out,
      );
      if (m) {
        clearTimeout(timer);
        const token = readFileSync(join(dataDir, 'browser-token'), 'utf8').trim();
        resolvePromise(`${m[1]!}#token=${token}`);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`callpop serve exited with ${code}:\n${out}`));
    });
  });
  return { child, url, output: () => out };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<CallPopOptions & { callpop: CallPopServer }>({
  settings: [undefined, { option: true }],
  machineConfig: [undefined, { option: true }],
  callpop: async ({ settings, machineConfig }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'callpop-e2e-'));
    if (settings) writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings, null, 2));
    if (machineConfig) {
      writeFileSync(join(dataDir, MACHINE_CONFIG_FILE), JSON.stringify(machineConfig, null, 2));
    }
    const server = await startServer(dataDir);
    const url = new URL(server.url);
    const callpop: CallPopServer = {
      url: server.url,
      origin: url.origin,
      port: Number(url.port),
      token: url.hash.slice('#token='.length),
      dataDir,
      async fire(argv) {
        const r = await runCli(dataDir, argv);
        if (r.code !== 0)
          throw new Error(`callpop ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
        return r;
      },
      run: (argv) => runCli(dataDir, argv),
      output: server.output,
    };
    try {
      await use(callpop);
    } finally {
      await stopServer(server.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
