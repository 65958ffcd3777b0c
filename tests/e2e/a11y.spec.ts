// axe-core on every screen (tests/e2e/a11y-screens.ts), in each language and both themes: no
// serious or critical violations.
// CallPop's 3CX HTTP and REST APIs point at the fixture servers, so the agent bar and the
// supervisor board are on every screen too.
import { test, expect } from './screens-fixture';
import { axeViolations, expectAccessible } from './axe';
import { A11Y_SCREENS } from './a11y-screens';
import { LANGUAGES } from './i18n';
import { seedCalls, THEMES, useTheme } from './screens';

// No firstRunDone: the setup opens beside the history, and is checked too.
test.use({ firstRunDone: false });
test.use({ bypassCSP: true });

for (const language of LANGUAGES) {
  test.describe(`in ${language}`, () => {
    test.use({ language });

    test('no serious accessibility violations on any screen, light or dark', async ({
      page,
      callpop,
      t,
    }) => {
      test.setTimeout(240_000);
      await page.goto(callpop.url);
      await seedCalls(callpop);
      for (const screen of A11Y_SCREENS) {
        // The token is in sessionStorage: the bare origin reopens the main window.
        await page.goto(callpop.origin);
        await screen.open(page, callpop, t);
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
