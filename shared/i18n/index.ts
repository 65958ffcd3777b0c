// UI strings for every language CallPop ships, shared by the renderer (react-i18next) and
// main (tray, notifications). Every language has every key; English is the fallback only for
// a key added while a translation is on its way (the i18n test fails until it arrives).
import { en } from './en';
import { nl } from './nl';
import { de } from './de';
import { ru } from './ru';

export type { Catalog } from './catalog';
export type { Messages } from './en';

export {
  FALLBACK_LANGUAGE,
  SUPPORTED_LANGUAGES,
  isSupportedLanguage,
  resolveLanguage,
  type Language,
} from './languages';

/** In i18next's shape: language → namespace → strings. */
export const resources = {
  en: { translation: en },
  nl: { translation: nl },
  de: { translation: de },
  ru: { translation: ru },
} as const;
