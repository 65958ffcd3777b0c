// The built `callpop` speaks the agent's language: the data directory's `language` setting,
// else the system locale (LC_ALL, LC_MESSAGES, LANG). Real child processes, a real journal.
// What tools read (the exported contacts) is the same in every language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'callpop.mjs');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'contacts');
let scratch: string;

/** A fresh data directory, with a settings.json when `language` is given. */
function dataDir(language?: string): string {
  const dir = mkdtempSync(join(scratch, 'data-'));
  if (language) writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language }));
  return dir;
}

/** `callpop ARGS --data-dir DIR` with only the locale variables given set. */
function callpop(dir: string, locale: Record<string, string>, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CALLPOP_NO_OPEN: '1' };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete env[name];
  env.CALLPOP_MACHINE_CONFIG = join(scratch, 'no-machine-config.json');
  const r = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dir], {
    env: { ...env, ...locale },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A vCard file with `n` contacts, each with its own number. */
function cards(n: number): string {
  const file = join(scratch, `cards-${n}.vcf`);
  const one = (i: number) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kontakt ${i}\r\nTEL:+3120555${String(i).padStart(4, '0')}\r\nEND:VCARD\r\n`;
  writeFileSync(file, Array.from({ length: n }, (_, i) => one(i + 1)).join(''));
  return file;
}

beforeAll(() => {
  if (!existsSync(CLI))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  scratch = mkdtempSync(join(tmpdir(), 'cp-cli-lang-'));
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const de = { LANG: 'de_DE.UTF-8' };
const ru = { LANG: 'ru_RU.UTF-8' };
const nl = { LANG: 'nl_NL' };

describe('callpop in the agent’s language', () => {
  it('German from LANG: the import summary, each skipped row and a missing file', () => {
    const dir = dataDir();
    const r = callpop(dir, de, 'contacts', 'import', join(FIXTURES, 'outlook-contacts.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '4 Kontakte hinzugefügt, 0 aktualisiert, 2 übersprungen',
      'Zeile 5: übersprungen: no name and "n/a" is not a phone number',
    ]);
    const again = callpop(dir, de, 'contacts', 'import', join(FIXTURES, 'outlook-contacts.csv'));
    expect(again.stdout.split('\n')[0]).toBe(
      '0 Kontakte hinzugefügt, 4 aktualisiert, 2 übersprungen',
    );
    const missing = callpop(dir, de, 'contacts', 'import', join(scratch, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^callpop: .*nope\.csv kann nicht gelesen werden: ENOENT/);
  });

  it('Russian from LANG: three plural forms in the summary, usage errors with exit 2', () => {
    const dir = dataDir();
    expect(callpop(dir, ru, 'contacts', 'import', cards(1)).stdout).toBe(
      '1 контакт добавлен, 0 обновлено, 0 пропущено\n',
    );
    expect(callpop(dir, ru, 'contacts', 'import', cards(3)).stdout).toBe(
      '2 контакта добавлены, 1 обновлён, 0 пропущено\n',
    );
    expect(callpop(dir, ru, 'contacts', 'import', cards(8)).stdout).toBe(
      '5 контактов добавлено, 3 обновлены, 0 пропущено\n',
    );
    const usage = callpop(dir, ru, 'contacts', 'export');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe(
      'callpop: для contacts export нужен --format csv или --format vcf\n' +
        'Список команд: `callpop --help`.\n',
    );
    const notContacts = join(scratch, 'photo.png');
    writeFileSync(notContacts, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    const png = callpop(dir, ru, 'contacts', 'import', notContacts);
    expect(png.code).toBe(1);
    expect(png.stderr).toMatch(/photo\.png: это не текстовый файл \(CSV или vCard\)/);
  });

  it('Dutch from LANG=nl_NL: help and an unknown command', () => {
    const dir = dataDir();
    const help = callpop(dir, nl, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^callpop — schermpop-ups voor het 3CX-telefoonsysteem/);
    expect(help.stdout).toContain(
      'callpop export --format json|csv            het gesprekslogboek',
    );
    const unknown = callpop(dir, nl, 'servr');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^callpop: onbekende opdracht "servr"\n/);
  });

  it('the language setting wins over the system; auto follows LC_ALL over LANG', () => {
    const german = callpop(dataDir('de'), ru, 'export', '--format', 'xml');
    expect(german.stderr).toMatch(/^callpop: --format muss json oder csv sein, nicht "xml"/);
    const auto = callpop(dataDir('auto'), { ...de, LC_ALL: 'ru_RU.UTF-8' }, 'frob');
    expect(auto.stderr).toMatch(/^callpop: неизвестная команда "frob"/);
    const messages = callpop(dataDir('auto'), { ...de, LC_MESSAGES: 'nl_NL.UTF-8' }, 'frob');
    expect(messages.stderr).toMatch(/^callpop: onbekende opdracht "frob"/);
  });

  it('English for C and unshipped locales; exports are the same in every language', () => {
    const dir = dataDir();
    expect(callpop(dir, { LANG: 'C.UTF-8' }, 'contacts', 'import', cards(2)).stdout).toBe(
      '2 added, 0 updated, 0 skipped\n',
    );
    expect(callpop(dir, { LANG: 'fr_FR.UTF-8' }, 'frob').stderr).toMatch(
      /^callpop: unknown command "frob"\nRun `callpop --help` for the commands\.\n$/,
    );
    for (const format of ['csv', 'vcf']) {
      const english = callpop(dir, { LANG: 'C' }, 'contacts', 'export', '--format', format);
      const russian = callpop(dir, ru, 'contacts', 'export', '--format', format);
      expect(russian.code).toBe(0);
      expect(russian.stdout).toBe(english.stdout);
      expect(english.stdout).toContain('Kontakt 2');
    }
    const journal = callpop(dir, de, 'export', '--format', 'json');
    expect(JSON.parse(journal.stdout)).toEqual([]);
  });
});

describe('the forwarding path', () => {
  /** Every module a file of the build loads before it runs (its static imports, recursively). */
  function staticClosure(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(
      /^(?:import|export)\b[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm,
    )) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) staticClosure(resolve(dirname(file), spec), seen);
      else seen.add(spec);
    }
    return seen;
  }

  it('loads neither i18next nor any translation: messages load them when printed', () => {
    const loaded = [...staticClosure(CLI)];
    expect(loaded.filter((s) => !s.startsWith('/') && !s.startsWith('node:'))).toEqual([]);
    const code = loaded.filter((s) => s.startsWith('/')).map((f) => readFileSync(f, 'utf8'));
    expect(code.join('\n')).not.toMatch(/Kontakte hinzugefügt|контакт|i18next/);
  });
});
