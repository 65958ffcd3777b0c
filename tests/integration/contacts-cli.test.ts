// `callpop contacts import|export` through the built CLI, with and without a running CallPop:
// what it prints, and that a second import updates instead of duplicating.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'callpop.mjs');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'contacts');
let dataDir: string;

function callpop(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], {
    env: { ...process.env, CALLPOP_NO_OPEN: '1', LC_ALL: 'C.UTF-8' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  dataDir = mkdtempSync(join(tmpdir(), 'cp-contacts-cli-'));
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('callpop contacts', () => {
  it('imports while CallPop is not running, and prints each skipped row with its line', () => {
    const r = callpop('contacts', 'import', join(FIXTURES, 'outlook-contacts.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '4 added, 0 updated, 2 skipped',
        'line 5: skipped: no name and "n/a" is not a phone number',
        'line 6: imported, but "see e-mail" is not a phone number (left out)',
        'line 8: skipped: no name, company, e-mail or number',
        '',
      ].join('\n'),
    );
  });

  it('imports while CallPop runs, and a second import updates', async () => {
    const server: ChildProcess = spawn(
      process.execPath,
      [CLI, 'serve', '--no-open', '--port', '0', '--data-dir', dataDir],
      { env: { ...process.env, CALLPOP_NO_OPEN: '1' } },
    );
    try {
      await new Promise<void>((ok, fail) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error(`serve did not start: ${out}`)), 30_000);
        server.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('CallPop is running at')) {
            clearTimeout(timer);
            ok();
          }
        });
      });
      const r = callpop('contacts', 'import', join(FIXTURES, 'outlook-contacts.csv'));
      expect(r.stdout.split('\n')[0]).toBe('0 added, 4 updated, 2 skipped');
      const v = callpop('contacts', 'import', join(FIXTURES, 'android.vcf'));
      expect(v.stdout.split('\n')[0]).toBe('2 added, 0 updated, 1 skipped');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  });

  it('exports CSV and vCard that read back the same', () => {
    const csv = callpop('contacts', 'export', '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('Jan Jansen,"Jansen, de Vries & Co"');
    const vcf = callpop('contacts', 'export', '--format', 'vcf');
    expect(vcf.stdout.match(/BEGIN:VCARD/g)).toHaveLength(6);
    expect(vcf.stdout).toContain('FN:Иван Петров');
  });

  it('refuses a file that is not contacts, and a missing file, with a message', () => {
    const image = join(dataDir, 'photo.png');
    writeFileSync(
      image,
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const png = callpop('contacts', 'import', image);
    expect(png.code).toBe(1);
    expect(png.stderr).toMatch(/not a text file/);
    const missing = callpop('contacts', 'import', join(dataDir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
    expect(callpop('contacts', 'export').code).toBe(2);
  });
});
