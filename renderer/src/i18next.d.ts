// Typed translation keys: t('crm.knwon') is a compile error, not a raw key on screen.
import 'i18next';
import type { Messages } from '../../shared/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
