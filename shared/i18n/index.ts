// UI strings for every language CallPop ships, shared by the renderer (react-i18next) and
// main (tray, notifications). Every language has every key; English is the fallback only for
// a key added while a translation is on its way (the i18n test fails until it arrives).
import { en } from './en';
import { nl } from './nl';
import { de } from './de';
import { ru } from './ru';

export type { Catalog } from './catalog';
export type { Messages } from './en';

export const SUPPORTED_LANGUAGES = ['en', 'nl', 'de', 'ru'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'en';

/** In i18next's shape: language → namespace → strings. */
export const resources = {
  en: { translation: en },
  nl: { translation: nl },
  de: { translation: de },
  ru: { translation: ru },
} as const;

export function isSupportedLanguage(code: string): code is Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(code);
}

/**
 * The language to show: the setting when it names one, else the first preferred system
 * language we ship (`nl-BE` counts as `nl`), else English.
 */
export function resolveLanguage(setting: string, preferred: readonly string[] = []): Language {
  if (setting !== 'auto' && isSupportedLanguage(setting)) return setting;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if (isSupportedLanguage(primary)) return primary;
  }
  return FALLBACK_LANGUAGE;
}
