// The working screens beyond the history, in both themes and four languages at 1280×800, at
// 1x and 2x (200 % scaling): the agent bar and the supervisor board, the contacts list, the
// contact form and the import's column mapping; and the card as it rings, during the call,
// ended with a wrap-up being chosen, and folded in a full stack. No translated label may
// overflow its control (clippedText); English and German are saved under test-results/screens/
// for a human to look at.
import type { Page } from '@playwright/test';
import { test, expect, CONTACT_FILES, chooseContactsFile, importContacts } from './screens-fixture';
import { LANGUAGES } from './i18n';
import { clippedText, popupUrl, seedCalls, THEMES, useTheme } from './screens';

/** Checks the layout in both themes; saves the screenshots that a human looks at. */
async function lookAt(page: Page, name: string, save: boolean, fullPage = false) {
  for (const theme of THEMES) {
    await useTheme(page, theme);
    await expect.poll(() => clippedText(page), `${name} in ${theme}`).toEqual([]);
    if (save)
      await page.screenshot({ path: `test-results/screens/${name}-${theme}.png`, fullPage });
  }
}

for (const language of LANGUAGES) {
  test.describe(`working screens in ${language}`, () => {
    test.use({ language });
    for (const scale of [1, 2]) {
      const save = scale === 1 && (language === 'en' || language === 'de');
      const suffix = `-${language}`;

      test(`agent bar, supervisor board and contacts at ${scale}x`, async ({
        browser,
        callpop,
        t,
      }) => {
        test.setTimeout(120_000);
        const context = await browser.newContext({
          viewport: { width: 1280, height: 800 },
          deviceScaleFactor: scale,
        });
        const page = await context.newPage();
        await page.goto(callpop.url);
        await page.locator('.agent-bar .select-trigger').waitFor();
        await page.locator('.board-queue').first().waitFor();
        await lookAt(page, `agent-board${suffix}`, save, true);

        // The import of a CRM's own CSV stops at the column mapping.
        await chooseContactsFile(page, t, CONTACT_FILES.crm);
        await expect(page.locator('.contacts-mapping')).toBeVisible();
        await lookAt(page, `import-mapping${suffix}`, save, true);
        await page.getByRole('button', { name: t('contacts.importRun'), exact: true }).click();
        await page.locator('.import-summary').waitFor();
        await importContacts(page, t, CONTACT_FILES.outlook);
        await page.getByRole('button', { name: t('contacts.close'), exact: true }).click();
        await expect(page.locator('.contact-row').first()).toBeVisible();
        await lookAt(page, `contacts${suffix}`, save, true);
        if (save) {
          // Windows high contrast: the system's colours, every boundary and state still there.
          await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'active' });
          await expect.poll(() => clippedText(page)).toEqual([]);
          await page.screenshot({
            path: `test-results/screens/contacts${suffix}-forced-colors.png`,
            fullPage: true,
          });
          await page.emulateMedia({ forcedColors: 'none' });
        }

        await page.locator('.contact-tools button').first().click();
        await expect(page.locator('.contact-form')).toBeVisible();
        await lookAt(page, `contact-form${suffix}`, save, true);
        await context.close();
      });

      if (scale === 2)
        test('main window on a 1280×800 screen at 200 % (640×400): history, detail, contacts, settings', async ({
          browser,
          callpop,
          t,
        }) => {
          test.setTimeout(120_000);
          const context = await browser.newContext({
            viewport: { width: 640, height: 400 },
            deviceScaleFactor: 2,
          });
          const page = await context.newPage();
          const keep = language === 'en' || language === 'de';
          await page.goto(callpop.url);
          await seedCalls(callpop);
          await expect(page.locator('.history-row')).toHaveCount(5);
          await page.locator('.board-queue').first().waitFor();
          await lookAt(page, `narrow-main${suffix}`, keep, true);
          // The cards float over the page here: hide them to work with what is under them.
          while ((await page.getByRole('dialog').count()) > 0) {
            await page.getByRole('dialog').first().focus();
            await page.keyboard.press('Escape');
          }
          await page.locator('.history-row').nth(2).click();
          await expect(page.locator('.history-detail')).toBeVisible();
          await lookAt(page, `narrow-detail${suffix}`, keep, true);
          await importContacts(page, t, CONTACT_FILES.outlook);
          await page.getByRole('button', { name: t('contacts.close'), exact: true }).click();
          await expect(page.locator('.contact-row').first()).toBeVisible();
          await lookAt(page, `narrow-contacts${suffix}`, keep, true);
          await page.keyboard.press('Control+Comma');
          await expect(page.locator('.settings-form')).toBeVisible();
          await lookAt(page, `narrow-settings${suffix}`, keep, true);
          await context.close();
        });

      test(`the card ringing, in call, ended with a wrap-up, and a folded stack at ${scale}x`, async ({
        browser,
        callpop,
        t,
      }) => {
        test.setTimeout(120_000);
        const context = await browser.newContext({
          viewport: { width: 380, height: 460 },
          deviceScaleFactor: scale,
        });
        const page = await context.newPage();
        await page.goto(popupUrl(callpop));
        await callpop.fire(['/N:S', '/C:+31201234567', '/T:I', '/I:look-1']);
        const card = page.getByRole('dialog');
        await expect(card).toHaveCount(1);
        await expect(card.locator('.state')).toHaveText(t('call.state.ringing'));
        await lookAt(page, `card-ringing${suffix}`, save);
        await callpop.fire(['/N:C', '/T:I', '/I:look-1']);
        await expect(card.locator('.state')).toHaveText(t('call.state.connected'));
        await lookAt(page, `card-in-call${suffix}`, save);
        await callpop.fire(['/N:E', '/T:I', '/I:look-1']);
        await expect(card.locator('.state')).toContainText(t('call.state.ended'));
        await card.getByRole('radio').nth(3).check();
        await card.getByRole('textbox').fill(t('shortcuts.open'));
        await lookAt(page, `card-ended-wrap-up${suffix}`, save);

        // More cards than the window holds: the older ones fold into one line each.
        await callpop.fire(['/N:S', '/C:0612345678', '/T:I', '/I:look-2']);
        await callpop.fire(['/N:S', '/C:+4930123456', '/T:I', '/I:look-3']);
        await callpop.fire(['/N:E', '/T:I', '/I:look-3']);
        await expect(page.getByRole('dialog')).toHaveCount(3);
        await expect(page.locator('.card-folded')).not.toHaveCount(0);
        await lookAt(page, `card-stack-folded${suffix}`, save);
        await context.close();
      });
    }
  });
}
