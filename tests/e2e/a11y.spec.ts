// axe-core on every screen (tests/e2e/a11y-screens.ts), in each language and both themes: no
// serious or critical violations.
import { test, expect } from './fixtures';
import { axeViolations, expectAccessible } from './axe';
import { A11Y_SCREENS } from './a11y-screens';
import { seedCalls, THEMES, useTheme } from './screens';

test.use({ bypassCSP: true });

for (const language of ['en', 'nl', 'de', 'ru'] as const) {
  test.describe(`in ${language}`, () => {
    test.use({ settings: { language, agent: { defaultCountry: 'NL' } } });

    test('no serious accessibility violations on any screen, light or dark', async ({
      page,
      callpop,
    }) => {
      test.setTimeout(180_000);
      await page.goto(callpop.url);
      await seedCalls(callpop);
      for (const screen of A11Y_SCREENS) {
        // The token is in sessionStorage: the bare origin reopens the main window.
        await page.goto(callpop.origin);
        await screen.open(page, callpop);
        for (const theme of THEMES) {
          await useTheme(page, theme);
          await expectAccessible(page, `${screen.name} (${language}, ${theme})`);
        }
        await screen.close?.(page);
      }
    });
  });
}

test('the check fails on a serious violation', async ({ page }) => {
  await page.setContent('<html lang="en"><body><main><button></button></main></body></html>');
  expect((await axeViolations(page)).join('\n')).toContain('button-name');
});
