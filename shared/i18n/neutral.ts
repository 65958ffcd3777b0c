// Strings that read the same in every language CallPop ships. Each catalog includes them, so a
// language never silently falls back to English for them (the completeness test checks).

/** Each language by its own name, so an agent can find theirs: never translated. */
export const LANGUAGE_NAMES = { en: 'English', nl: 'Nederlands', de: 'Deutsch', ru: 'Русский' };

export const PRODUCT_NAME = 'CallPop';
export const NO_VALUE = '—';
