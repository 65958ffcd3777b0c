// The languages CallPop ships and how one is chosen: no strings here, so a process that only
// needs to pick a language (the command line) does not load the UI catalog.
export const SUPPORTED_LANGUAGES = ['en', 'nl', 'de', 'ru'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'en';

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
