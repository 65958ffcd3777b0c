// `callpop demo` and `callpop export` through the built CLI: the scripted calls land in the
// journal with the outcomes the script promises; export prints JSON and CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'callpop.mjs');
let dataDir: string;
const children: ChildProcess[] = [];

function run(
  args: string[],
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, CALLPOP_DATA_DIR: dataDir, CALLPOP_NO_OPEN: '1', LC_ALL: 'C.UTF-8' },
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(
      () => reject(new Error(`callpop ${args.join(' ')} did not exit`)),
      timeoutMs,
    );
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(CLI))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  dataDir = mkdtempSync(join(tmpdir(), 'cp-demo-'));
}, 120_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('callpop demo / export / help', () => {
  let server: ChildProcess;

  it('prints help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/callpop serve/);
    expect(r.stdout).toMatch(/callpop export --format json\|csv/);
  });

  it('exports an empty journal before any call', async () => {
    const r = await run(['export', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect((await run(['export', '--format', 'xml'])).code).toBe(2);
  });

  it('plays the scripted calls into a running CallPop', async () => {
    server = spawn(process.execPath, [CLI, 'serve', '--no-open', '--port', '0'], {
      env: { ...process.env, CALLPOP_DATA_DIR: dataDir, CALLPOP_NO_OPEN: '1', LC_ALL: 'C.UTF-8' },
    });
    children.push(server);
    await new Promise<void>((r) =>
      server.stdout!.on('data', (d) => String(d).includes('running at') && r()),
    );

    const demo = await run(['demo', '--fast']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/Playing the demo into the running CallPop/);
    expect(demo.stdout).toMatch(/callpop \/N:S \/C:0612345678 \/T:I \/I:demo-/);

    const records = JSON.parse((await run(['export', '--format', 'json'])).stdout) as Array<
      Record<string, unknown>
    >;
    const summary = records.map((r) => [r.direction, r.number, r.state, r.outcome]);
    expect(summary).toEqual([
      ['inbound', '0612345678', 'ended', 'answered'],
      ['inbound', '+4930123456', 'ended', 'missed'],
      ['inbound', null, 'ended', 'answered'],
      // The dial request names the outbound call even where no 3CX Assistant can dial.
      ['outbound', '+31201234567', 'ended', 'answered'],
    ]);

    const csv = await run(['export', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,direction,number,state,outcome/);
    expect(lines).toHaveLength(5);
  }, 60_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
  });
});
