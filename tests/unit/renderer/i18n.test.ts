import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { resolveLanguage, resources, SUPPORTED_LANGUAGES } from '../../../shared/i18n';
import type { Catalog } from '../../../shared/i18n';
import { createI18n } from '../../../renderer/src/i18n';

function keys(c: Catalog, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function lookup(c: Catalog, key: string): string | undefined {
  let cur: string | Catalog | undefined = c;
  for (const part of key.split('.')) cur = typeof cur === 'object' ? cur[part] : undefined;
  return typeof cur === 'string' ? cur : undefined;
}

describe('translations', () => {
  const english = new Set(keys(en).map(base));

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== 'en'))('%s only has keys English has', (lang) => {
    const extra = keys(resources[lang].translation).filter((k) => !english.has(base(k)));
    expect(extra).toEqual([]);
  });

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== 'en'))('%s keeps every placeholder', (lang) => {
    const catalog = resources[lang].translation as Catalog;
    for (const key of keys(catalog)) {
      const theirs = lookup(catalog, key)!;
      const ours = lookup(en, key) ?? lookup(en, `${base(key)}_other`) ?? '';
      expect([key, placeholders(theirs)]).toEqual([key, placeholders(ours)]);
    }
  });

  it('keeps the DBN status values as the English labels', () => {
    expect(en.wrapUp.status).toEqual({
      noAnswer: 'No Answer',
      scheduleLater: 'Schedule Later',
      doNotDisturb: 'Do not Disturb',
      completed: 'Completed',
    });
  });

  it('falls back to English for a key a language lacks', () => {
    const i18n = createI18n('ru');
    expect(i18n.t('outbox.retry')).toBe('Retry');
    expect(i18n.t('crm.known')).toBe('Известный клиент');
    expect(i18n.t('card.earlierCalls', { count: 3 })).toBe('3 прежних звонка');
  });

  it('picks the setting, else the first shipped system language, else English', () => {
    expect(resolveLanguage('de', ['nl-NL'])).toBe('de');
    expect(resolveLanguage('auto', ['fr-FR', 'nl-BE'])).toBe('nl');
    expect(resolveLanguage('auto', ['fr-FR'])).toBe('en');
  });
});
