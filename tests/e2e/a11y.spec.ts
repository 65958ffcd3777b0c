// axe-core on every screen (tests/e2e/a11y-screens.ts), in each language and both themes: no
// serious or critical violations.
// CallPop's 3CX HTTP and REST APIs point at the fixture servers, so the agent bar and the
// supervisor board are on every screen too.
import { test as base, expect } from './fixtures';
import { axeViolations, expectAccessible } from './axe';
import { A11Y_SCREENS } from './a11y-screens';
import { seedCalls, THEMES, useTheme } from './screens';
import { startHttpApiServer, type HttpApiServer } from '../fixtures/pbx-http-api-server';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';

const KEY = 'a11y-rest-key-5e81';

const test = base.extend<{
  language: 'en' | 'nl' | 'de' | 'ru';
  pbx: { http: HttpApiServer; rest: RestApiServer };
}>({
  language: ['en', { option: true }],
  // eslint-disable-next-line no-empty-pattern
  pbx: async ({}, use) => {
    const http = await startHttpApiServer();
    const rest = await startRestApiServer(KEY);
    try {
      await use({ http, rest });
    } finally {
      await http.close();
      await rest.close();
    }
  },
  settings: async ({ pbx, language }, use) => {
    await use({
      language,
      agent: { extension: '102', defaultCountry: 'NL' },
      pbx: {
        httpApi: { enabled: true, baseUrl: pbx.http.url, phoneType: 'Soft' },
        restApi: { enabled: true, baseUrl: `${pbx.rest.url}/webapi`, key: KEY },
      },
      supervisor: { enabled: true, extensions: [] },
    });
  },
});

test.use({ bypassCSP: true });

for (const language of ['en', 'nl', 'de', 'ru'] as const) {
  test.describe(`in ${language}`, () => {
    test.use({ language });

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
