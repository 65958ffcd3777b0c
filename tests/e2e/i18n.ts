// The UI's own catalogs, so a spec can find a control by its translated name in any language.
import i18next, { type TFunction } from 'i18next';
import { resources, type Language } from '../../shared/i18n';

export const LANGUAGES = ['en', 'nl', 'de', 'ru'] as const satisfies readonly Language[];

export function translator(language: Language): TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}
