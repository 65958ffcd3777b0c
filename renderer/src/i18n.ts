import i18next, { type i18n } from 'i18next';
import { FALLBACK_LANGUAGE, resources, SUPPORTED_LANGUAGES } from '../../shared/i18n';

/** A ready i18next instance (resources are bundled, so init is synchronous). */
export function createI18n(language: string = FALLBACK_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    initAsync: false,
    // React escapes on render; escaping here would show &amp; to the agent.
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  return instance;
}
