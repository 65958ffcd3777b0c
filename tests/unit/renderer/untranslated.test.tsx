// Every word on screen comes from a translation: the UI is rendered with a pseudo-language in
// which each string is wrapped in ⟦…⟧, and any letter outside the brackets (text, accessible
// names, titles, placeholders) that is not call data is a literal someone forgot to translate.
import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { en } from '../../../shared/i18n/en';
import type { Catalog } from '../../../shared/i18n';
import { App } from '../../../renderer/src/App';
import { createFakeApi, makeCall } from './fake-api';
import { flush, renderWithApi } from './render-app';

function pseudo(c: Catalog): Catalog {
  return Object.fromEntries(
    Object.entries(c).map(([k, v]) => [k, typeof v === 'string' ? `⟦${v}⟧` : pseudo(v)]),
  );
}

function pseudoI18n() {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: pseudo(en) } },
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Call data and what Intl formats from it: these are not UI strings. */
const DATA = ['06 12345678', '020 123 4567', 'Netherlands', 'Amsterdam', 'sent the quote'];

/** Text the agent can perceive that did not come from a translation. */
function untranslated(root: HTMLElement): string[] {
  const found: string[] = [];
  const check = (where: string, text: string | null) => {
    if (!text) return;
    let rest = text;
    // Interpolated translations nest (⟦Call from ⟦Withheld number⟧⟧): strip the innermost first.
    for (let prev = ''; prev !== rest;) {
      prev = rest;
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    for (const d of DATA) rest = rest.split(d).join(' ');
    // Times come from Intl in the UI language ("07:01 AM").
    rest = rest.replace(/\d{1,2}:\d{2}(\s?[AP]M)?/g, ' ');
    // Region names for the settings' country list come from Intl, in the UI language.
    rest = rest.replace(/[\p{L} .'-]+ \([A-Z]{2}\)/gu, ' ');
    if (/\p{L}/u.test(rest)) found.push(`${where}: "${text.trim()}"`);
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent?.closest('[aria-hidden="true"] kbd, option[value]')) continue;
    check(parent?.tagName.toLowerCase() ?? 'text', n.textContent);
  }
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description'])
      check(`${el.tagName.toLowerCase()}[${attr}]`, el.getAttribute(attr));
  }
  return found;
}

const now = Date.now();
function calls() {
  return [
    makeCall({
      id: 'done',
      startedAt: now - 600_000,
      answeredAt: now - 590_000,
      endedAt: now - 500_000,
      state: 'ended',
      outcome: 'answered',
      crm: { state: 'known' },
      wrapUp: { status: 'Completed', comments: 'sent the quote', savedAt: now, revision: 1 },
    }),
    makeCall({
      id: 'missed',
      number: '0201234567',
      phone: {
        display: '020 123 4567',
        e164: '+31201234567',
        country: 'NL',
        city: 'Amsterdam',
        lineType: 'fixed-line',
      },
      startedAt: now - 300_000,
      endedAt: now - 290_000,
      state: 'ended',
      outcome: 'missed',
      crm: { state: 'unknown' },
    }),
    makeCall({ id: 'live', startedAt: now - 60_000, answeredAt: now - 50_000, state: 'connected' }),
    makeCall({ id: 'withheld', number: null, withheld: true, startedAt: now - 1000 }),
  ];
}

describe('no untranslated text', () => {
  it('in the main window, the history, a call detail and the settings', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ calls: calls() });
    fake.outbox = { pending: 1, failed: 0, waitingSettings: 1, failedItems: [] };
    const { container } = renderWithApi(fake, <App />, { i18n: pseudoI18n() });
    await flush();
    const rows = await screen.findAllByRole('button', { name: /⟦Incoming⟧/ });
    expect(untranslated(container)).toEqual([]);

    await user.click(rows[1]!);
    await screen.findByRole('article');
    await flush();
    expect(untranslated(container)).toEqual([]);

    await user.click(screen.getByRole('button', { name: '⟦Settings⟧' }));
    await screen.findByRole('region', { name: '⟦Settings⟧' });
    expect(untranslated(container)).toEqual([]);

    // The shortcuts help renders in a portal on the body.
    await user.click(screen.getByRole('button', { name: '⟦Keyboard shortcuts⟧' }));
    const help = await screen.findByRole('dialog', { name: '⟦Keyboard shortcuts⟧' });
    expect(untranslated(help)).toEqual([]);
  });

  it('on the call cards (browser mode)', async () => {
    const fake = createFakeApi({ calls: calls(), popups: calls() });
    const { container } = renderWithApi(fake, <App />, { i18n: pseudoI18n(), browserMode: true });
    await flush();
    act(() => fake.emit('popup.show', calls()[2]!));
    const stack = await screen.findByRole('region', { name: '⟦Calls⟧' });
    expect(within(stack).getAllByRole('dialog').length).toBeGreaterThan(0);
    expect(untranslated(container)).toEqual([]);
  });

  it('finds a literal when there is one', () => {
    const div = document.createElement('div');
    div.innerHTML = '<p>⟦Saved⟧</p><button aria-label="Close">⟦x⟧</button>';
    expect(untranslated(div)).toEqual(['button[aria-label]: "Close"']);
  });
});
