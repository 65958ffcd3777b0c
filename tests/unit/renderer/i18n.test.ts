import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { trayStrings } from '../../../shared/i18n/tray';
import { cliStrings } from '../../../shared/i18n/cli';
import { resolveLanguage, resources, SUPPORTED_LANGUAGES } from '../../../shared/i18n';
import type { Catalog } from '../../../shared/i18n';
import { createI18n } from '../../../renderer/src/i18n';

function keys(c: Catalog, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (k: string) => k.replace(PLURAL, '');
const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

function lookup(c: Catalog, key: string): string | undefined {
  let cur: string | Catalog | undefined = c;
  for (const part of key.split('.')) cur = typeof cur === 'object' ? cur[part] : undefined;
  return typeof cur === 'string' ? cur : undefined;
}

/**
 * Every key a language must have: each English key, and for each English plural each of the
 * language's own plural categories (Russian: one, few, many, other).
 */
function requiredKeys(english: Catalog, lang: string): string[] {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const out = new Set<string>();
  for (const key of keys(english)) {
    if (PLURAL.test(key)) for (const c of categories) out.add(`${base(key)}_${c}`);
    else out.add(key);
  }
  return [...out];
}

const catalogs: [name: string, english: Catalog, of: (lang: string) => Catalog][] = [
  ['UI', en, (lang) => resources[lang as keyof typeof resources].translation as Catalog],
  ['tray', trayStrings.en, (lang) => trayStrings[lang as keyof typeof trayStrings] as Catalog],
  ['cli', cliStrings.en, (lang) => cliStrings[lang as keyof typeof cliStrings] as Catalog],
];
const others = SUPPORTED_LANGUAGES.filter((l) => l !== 'en');

describe.each(catalogs)('%s translations', (_name, english, of) => {
  it.each(others)('%s has every key English has, in all its plural forms', (lang) => {
    const theirs = new Set(keys(of(lang)));
    expect(requiredKeys(english, lang).filter((k) => !theirs.has(k))).toEqual([]);
  });

  it.each(others)('%s only has keys English has', (lang) => {
    const known = new Set(keys(english).map(base));
    expect(keys(of(lang)).filter((k) => !known.has(base(k)))).toEqual([]);
  });

  it.each(others)('%s keeps every placeholder', (lang) => {
    const catalog = of(lang);
    for (const key of keys(catalog)) {
      const theirs = placeholders(lookup(catalog, key)!);
      if (PLURAL.test(key)) {
        // A plural form may leave the number out ("In a call"); the other names must match.
        const ours = placeholders(lookup(english, `${base(key)}_other`) ?? '');
        const notCount = (p: string[]) => p.filter((name) => name !== 'count');
        expect([key, notCount(theirs)]).toEqual([key, notCount(ours)]);
      } else {
        expect([key, theirs]).toEqual([key, placeholders(lookup(english, key) ?? '')]);
      }
    }
  });

  it.each(others)('%s translates (does not copy English) most strings', (lang) => {
    // A handful of strings are the same in every language (CallPop, CRM, VoIP, formats); a
    // catalog that copies English wholesale is not a translation.
    const all = keys(of(lang));
    const same = all.filter((k) => lookup(of(lang), k) === lookup(english, k));
    expect(same.length / all.length).toBeLessThan(0.2);
  });
});

describe('translations', () => {
  it('keeps the DBN status values as the English labels', () => {
    expect(en.wrapUp.status).toEqual({
      noAnswer: 'No Answer',
      scheduleLater: 'Schedule Later',
      doNotDisturb: 'Do not Disturb',
      completed: 'Completed',
    });
  });

  it('uses the three Russian plural forms', () => {
    const i18n = createI18n('ru');
    expect(i18n.t('card.earlierCalls', { count: 1 })).toBe('1 прежний звонок');
    expect(i18n.t('card.earlierCalls', { count: 3 })).toBe('3 прежних звонка');
    expect(i18n.t('card.earlierCalls', { count: 5 })).toBe('5 прежних звонков');
    expect(i18n.t('card.earlierCalls', { count: 21 })).toBe('21 прежний звонок');
    expect(i18n.t('outbox.pending', { count: 12 })).toBe('12 отправок в очереди');
  });

  it('switches language on the same instance at once', async () => {
    const i18n = createI18n('en');
    expect(i18n.t('history.heading')).toBe('Call history');
    await i18n.changeLanguage('de');
    expect(i18n.t('history.heading')).toBe('Anrufliste');
  });

  it('picks the setting, else the first shipped system language, else English', () => {
    expect(resolveLanguage('de', ['nl-NL'])).toBe('de');
    expect(resolveLanguage('auto', ['fr-FR', 'nl-BE'])).toBe('nl');
    expect(resolveLanguage('auto', ['ru-RU'])).toBe('ru');
    expect(resolveLanguage('auto', ['fr-FR'])).toBe('en');
  });
});
