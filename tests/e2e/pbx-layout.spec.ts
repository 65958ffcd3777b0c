// The agent bar and the supervisor board laid out in every language: nothing cut off and no
// sideways scrolling at 1280×800, nor at 200 % scaling of that screen (a 640×400 CSS viewport
// at device scale 2, which is what Windows gives a window at 200 %), and each queue picture's
// bars starting at one edge so they compare at a glance. Screenshots of each go to
// test-results/screens/ for a human to look at. The board's data comes from the fixture REST
// API (three queues with members, one live call waiting).
import { test as base, expect } from './fixtures';
import { clippedText, THEMES, useTheme } from './screens';
import { startHttpApiServer, type HttpApiServer } from '../fixtures/pbx-http-api-server';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';

const KEY = 'layout-rest-key-7d20';

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
      app: { firstRunDone: true },
      agent: { extension: '102', defaultCountry: 'NL' },
      pbx: {
        httpApi: { enabled: true, baseUrl: pbx.http.url, phoneType: 'Soft' },
        restApi: { enabled: true, baseUrl: `${pbx.rest.url}/webapi`, key: KEY },
      },
      supervisor: { enabled: true, extensions: [] },
    });
  },
});

const SIZES = [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, scale: 1 },
  { name: '200pct', viewport: { width: 640, height: 400 }, scale: 2 },
] as const;

for (const language of ['en', 'nl', 'de', 'ru'] as const) {
  test.describe(`agent bar and board in ${language}`, () => {
    test.use({ language });
    for (const size of SIZES) {
      test(`fit at ${size.name}`, async ({ browser, callpop }) => {
        const context = await browser.newContext({
          viewport: size.viewport,
          deviceScaleFactor: size.scale,
        });
        const page = await context.newPage();
        await page.goto(callpop.url);
        const bar = page.locator('.agent-bar');
        const board = page.locator('.board');
        await expect(bar).toBeVisible();
        await expect(board.locator('.board-queue').first()).toBeVisible();
        await expect(board.getByRole('switch').first()).toBeVisible();
        for (const theme of THEMES) {
          await useTheme(page, theme);
          await expect.poll(() => clippedText(page, '.agent-bar, .agent-bar *')).toEqual([]);
          await expect.poll(() => clippedText(page, '.board, .board *')).toEqual([]);
          // No sideways scrolling of the page, and the board inside the window.
          const sideways = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(sideways).toBeLessThanOrEqual(1);
          // In each queue's picture the four bars start at one edge and end at one edge.
          const edges = await board.locator('.queue-picture').evaluateAll((pictures) =>
            pictures.map((p) =>
              Array.from(p.querySelectorAll('.qp-track')).map((t) => {
                const r = t.getBoundingClientRect();
                return `${Math.round(r.left)}-${Math.round(r.right)}`;
              }),
            ),
          );
          expect(edges.length).toBeGreaterThan(0);
          for (const tracks of edges) expect(new Set(tracks).size).toBe(1);
          const box = (await board.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(size.viewport.width + 1);
          if (theme === 'light' || language === 'en') {
            await bar.screenshot({
              path: `test-results/screens/pbx-agent-bar-${size.name}-${theme}-${language}.png`,
            });
            await board.screenshot({
              path: `test-results/screens/pbx-board-${size.name}-${theme}-${language}.png`,
            });
          }
        }
        await context.close();
      });
    }
  });
}
