// axe-core in Playwright: `expectAccessible(page, 'history')` fails on any serious or critical
// violation, listing rule, impact and the offending elements. CallPop's CSP blocks inline
// scripts, and axe injects one: pages checked this way need a context with `bypassCSP: true`
// (`test.use({ bypassCSP: true })`).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { TFunction } from 'i18next';
import type { CallPopServer } from './fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

export async function expectAccessible(page: Page, what: string, include?: string) {
  expect(await axeViolations(page, include), `axe on ${what}`).toEqual([]);
}

/**
 * The screens the accessibility spec checks, in every language and both themes. A new screen
 * is one line: a name, and how to get there from the main window with the seeded calls.
 */
export interface A11yScreen {
  name: string;
  /** `t` is the UI's own translator in the language under test, for names of controls. */
  open(page: Page, callpop: CallPopServer, t: TFunction): Promise<void>;
  /** Where to go back to afterwards (default: reload the main window). */
  close?(page: Page): Promise<void>;
}
