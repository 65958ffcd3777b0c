// The language the command line speaks, and its i18next instance. Callers load this module with
// import() only when they print a message, so a forward that succeeds never loads i18next.
// The language is the data directory's `language` setting (and the machine-wide file's, as the
// app reads them); `auto`, or settings that cannot be read, follow the operating system.
import i18next from 'i18next';
import { cliStrings } from '../../shared/i18n/cli';
import type { CliTranslate } from '../../shared/i18n/cli/english';
import { resolveLanguage, SUPPORTED_LANGUAGES, type Language } from '../../shared/i18n/languages';
import { createSettingsStore } from '../core/settings-store';

export type { CliTranslate } from '../../shared/i18n/cli/english';

export interface CliLanguageSource {
  /** Where settings.json is. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** `de_DE.UTF-8@euro` → `de-DE`; `C` and `POSIX` stay as they are (English). */
function posixLocaleTag(value: string): string {
  return value.split(/[.@]/)[0]!.replace(/_/g, '-');
}

/**
 * The system's preferred locale. Unix: LC_ALL, else LC_MESSAGES, else LANG (the first that is
 * set and not empty wins, as for every other program on the system); Windows has no such
 * variables: the user's locale, as Intl resolves it.
 */
export function systemLocales(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (platform !== 'win32') {
    for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
      const value = env[name];
      if (value) return [posixLocaleTag(value)];
    }
  }
  return [Intl.DateTimeFormat().resolvedOptions().locale];
}

/** The `language` setting as the app would apply it; 'auto' when none can be read. */
function languageSetting(dataDir: string, env: NodeJS.ProcessEnv): string {
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  try {
    return createSettingsStore({
      dataDir,
      logger: quiet,
      machineConfigPath: env.CALLPOP_MACHINE_CONFIG || undefined,
    }).get().language;
  } catch {
    return 'auto';
  }
}

export function cliLanguage(source: CliLanguageSource): Language {
  const env = source.env ?? process.env;
  return resolveLanguage(languageSetting(source.dataDir, env), systemLocales(env, source.platform));
}

export function createCliTranslate(language: Language): CliTranslate {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, { cli: cliStrings[l] }])),
    lng: language,
    fallbackLng: 'en',
    ns: ['cli'],
    defaultNS: 'cli',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return (key, params) => instance.t(key, params ?? {});
}

/** The translator for the language `source` asks for. */
export function cliTranslate(source: CliLanguageSource): CliTranslate {
  return createCliTranslate(cliLanguage(source));
}

export { describeMessage as describeError } from '../../shared/i18n/cli/english';
