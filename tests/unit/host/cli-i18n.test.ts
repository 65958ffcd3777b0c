import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cliLanguage,
  createCliTranslate,
  describeError,
  systemLocales,
} from '../../../electron/host/cli-i18n';
import { CliError } from '../../../electron/host/cli-error';
import { UsageError } from '../../../electron/host/cli-options';

const dirs: string[] = [];
function dataDir(settings?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'cp-cli-i18n-'));
  dirs.push(dir);
  if (settings !== undefined) writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const noMachine = { CALLPOP_MACHINE_CONFIG: join(tmpdir(), 'cp-no-machine-config.json') };

describe('the command line language', () => {
  it('reads the Unix locale variables in their order of precedence', () => {
    expect(systemLocales({ LANG: 'de_DE.UTF-8' }, 'linux')).toEqual(['de-DE']);
    expect(systemLocales({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'nl_NL' }, 'linux')).toEqual([
      'nl-NL',
    ]);
    expect(
      systemLocales({ LANG: 'de_DE', LC_MESSAGES: 'nl_NL', LC_ALL: 'ru_RU.UTF-8@x' }, 'linux'),
    ).toEqual(['ru-RU']);
    expect(systemLocales({ LANG: 'nl_NL', LC_ALL: '' }, 'darwin')).toEqual(['nl-NL']);
  });

  it('asks Intl on Windows, whatever LANG says', () => {
    expect(systemLocales({ LANG: 'ru_RU.UTF-8' }, 'win32')).toEqual([
      Intl.DateTimeFormat().resolvedOptions().locale,
    ]);
  });

  it('follows the language setting, and the system for auto or unreadable settings', () => {
    const env = { ...noMachine, LANG: 'ru_RU.UTF-8' };
    expect(cliLanguage({ dataDir: dataDir({ language: 'nl' }), env, platform: 'linux' })).toBe(
      'nl',
    );
    expect(cliLanguage({ dataDir: dataDir({ language: 'auto' }), env, platform: 'linux' })).toBe(
      'ru',
    );
    expect(cliLanguage({ dataDir: dataDir(), env, platform: 'linux' })).toBe('ru');
    const broken = dataDir();
    writeFileSync(join(broken, 'settings.json'), '{"language": "de",');
    expect(cliLanguage({ dataDir: broken, env, platform: 'linux' })).toBe('ru');
    expect(
      cliLanguage({
        dataDir: dataDir(),
        env: { ...noMachine, LANG: 'C.UTF-8' },
        platform: 'linux',
      }),
    ).toBe('en');
    expect(
      cliLanguage({ dataDir: dataDir(), env: { ...noMachine, LANG: 'fr_FR' }, platform: 'linux' }),
    ).toBe('en');
  });

  it('counts contacts with the three Russian plural forms', () => {
    const t = createCliTranslate('ru');
    expect(t('contacts.added', { count: 1 })).toBe('1 контакт добавлен');
    expect(t('contacts.added', { count: 2 })).toBe('2 контакта добавлены');
    expect(t('contacts.added', { count: 5 })).toBe('5 контактов добавлено');
    expect(t('contacts.added', { count: 21 })).toBe('21 контакт добавлен');
    expect(t('contacts.skipped', { count: 12 })).toBe('12 пропущено');
  });

  it('says our errors in the language and leaves anything else as it is', () => {
    const t = createCliTranslate('de');
    expect(describeError(t, new UsageError('usage.unknownCommand', { command: 'x' }))).toBe(
      'unbekannter Befehl "x"',
    );
    expect(describeError(t, new CliError('serve.portInUse', { port: 80 }))).toMatch(
      /^Port 80 ist belegt/,
    );
    expect(new CliError('serve.portInUse', { port: 80 }).message).toMatch(/^port 80 is in use/);
    expect(describeError(t, new Error('EACCES: permission denied'))).toBe(
      'EACCES: permission denied',
    );
    const foreign = Object.assign(new Error('from a library'), { key: 'ERR_SOMETHING' });
    expect(describeError(t, foreign)).toBe('from a library');
  });
});
