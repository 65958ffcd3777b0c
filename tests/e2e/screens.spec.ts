// Every screen in both themes and two languages, saved under test-results/screens/ for a human
// to look at; and the layout promises checked on the same pages: nothing cut off at 1280×800
// or at 200 % scaling, and the popup card inside its 380×460 window.
import { test, expect } from './fixtures';
import { clippedText, popupUrl, seedCalls, THEMES, useTheme } from './screens';

for (const language of ['en', 'de', 'ru', 'nl'] as const) {
  test.describe(`screens in ${language}`, () => {
    test.use({
      settings: { language, agent: { defaultCountry: 'NL' }, app: { firstRunDone: true } },
    });
    for (const scale of [1, 2]) {
      test(`main window, cards, detail and settings at ${scale}x`, async ({ browser, callpop }) => {
        const context = await browser.newContext({
          viewport: { width: 1280, height: 800 },
          deviceScaleFactor: scale,
        });
        const page = await context.newPage();
        await page.goto(callpop.url);
        await seedCalls(callpop);
        const rows = page.locator('.history-row');
        await expect(rows).toHaveCount(5);
        const shot = (name: string) =>
          scale === 1 && (language === 'en' || language === 'de')
            ? page.screenshot({ path: `test-results/screens/${name}-${language}.png` })
            : Promise.resolve();
        for (const theme of THEMES) {
          await useTheme(page, theme);
          await expect.poll(() => clippedText(page)).toEqual([]);
          await shot(`main-cards-${theme}`);
        }
        // Hide the cards: the history alone, then one call's detail under its row.
        await page.getByRole('dialog').first().waitFor();
        while ((await page.getByRole('dialog').count()) > 0) {
          await page.getByRole('dialog').first().focus();
          await page.keyboard.press('Escape');
        }
        await rows.nth(2).click();
        await expect(page.getByRole('article')).toBeVisible();
        const rowBox = (await rows.nth(2).boundingBox())!;
        const detailBox = (await page.getByRole('article').boundingBox())!;
        // The detail opens right under its row.
        expect(detailBox.y - (rowBox.y + rowBox.height)).toBeLessThan(24);
        expect(detailBox.y).toBeGreaterThanOrEqual(rowBox.y + rowBox.height - 1);
        for (const theme of THEMES) {
          await useTheme(page, theme);
          await expect.poll(() => clippedText(page)).toEqual([]);
          await shot(`history-detail-${theme}`);
        }
        await page.keyboard.press('Control+Comma');
        await expect(page.locator('.settings-form')).toBeVisible();
        for (const theme of THEMES) {
          await useTheme(page, theme);
          await expect.poll(() => clippedText(page)).toEqual([]);
          await shot(`settings-${theme}`);
        }
        await context.close();
      });

      test(`first run and shortcuts help at ${scale}x`, async ({ browser, callpop }) => {
        const context = await browser.newContext({
          viewport: { width: 1280, height: 800 },
          deviceScaleFactor: scale,
        });
        const page = await context.newPage();
        await page.goto(callpop.url);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.keyboard.press('?');
        await expect(page.locator('.shortcuts-help')).toBeVisible();
        for (const theme of THEMES) {
          await useTheme(page, theme);
          await expect.poll(() => clippedText(page)).toEqual([]);
          if (scale === 1 && (language === 'en' || language === 'de'))
            await page.screenshot({
              path: `test-results/screens/shortcuts-${theme}-${language}.png`,
            });
        }
        await context.close();
      });

      test(`popup window card fits 380×460 at ${scale}x`, async ({ browser, callpop }) => {
        const context = await browser.newContext({
          viewport: { width: 380, height: 460 },
          deviceScaleFactor: scale,
        });
        const page = await context.newPage();
        await callpop.fire(['/N:S', '/C:0612345678', '/T:I', '/I:popup-1']);
        await callpop.fire(['/N:C', '/T:I', '/I:popup-1']);
        await page.goto(popupUrl(callpop));
        const card = page.getByRole('dialog');
        await expect(card).toBeVisible();
        const box = (await card.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(380);
        // What matters during the call is in view without scrolling: caller, state, Save.
        for (const el of [
          card.locator('.caller'),
          card.locator('.state'),
          card.getByRole('button', { name: /./ }).last(),
        ]) {
          const b = (await el.boundingBox())!;
          expect(b.y + b.height).toBeLessThanOrEqual(460);
        }
        for (const theme of THEMES) {
          await useTheme(page, theme);
          await expect.poll(() => clippedText(page)).toEqual([]);
          if (scale === 1 && (language === 'en' || language === 'de'))
            await page.screenshot({ path: `test-results/screens/popup-${theme}-${language}.png` });
        }
        await context.close();
      });
    }
  });
}

for (const language of ['en', 'de', 'ru', 'nl'] as const) {
  test.describe(`first run in ${language}`, () => {
    test.use({ settings: { language } });
    test('fits and is saved as a screenshot', async ({ page, callpop }) => {
      await page.goto(callpop.url);
      const setup = page.locator('.first-run');
      await expect(setup).toBeVisible();
      await setup.getByRole('switch').first().click();
      await setup.getByRole('switch').nth(1).click();
      for (const theme of THEMES) {
        await useTheme(page, theme);
        await expect.poll(() => clippedText(page)).toEqual([]);
        if (language === 'en' || language === 'de')
          await page.screenshot({
            path: `test-results/screens/first-run-${theme}-${language}.png`,
          });
      }
    });
  });
}
