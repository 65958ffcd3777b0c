// The main window is as high as the window and never scrolls as a whole: the top bar and the
// agent bar stay put, and each pane (the history with its detail, contacts, settings, first
// run) scrolls by itself with its own action row (Save, Finish, Skip) in view. Checked at
// 1280×800 and on that screen at 200 % (640×400 CSS px at device scale 2), in four languages
// and both themes, with the 3CX APIs and the supervisor board on. Screenshots of settings and
// first run go to test-results/screens/ for a human to look at.
import type { Locator, Page } from '@playwright/test';
import { test, expect, importContacts, CONTACT_FILES } from './screens-fixture';
import { LANGUAGES } from './i18n';
import { seedCalls, THEMES, useTheme } from './screens';

const SIZES = [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, scale: 1 },
  { name: '200pct', viewport: { width: 640, height: 400 }, scale: 2 },
] as const;

/** The page does not scroll, and the top bar is where it always is. */
async function expectPageStill(page: Page, what: string) {
  const page_ = await page.evaluate(() => ({
    overflow: document.scrollingElement!.scrollHeight - window.innerHeight,
    scrolled: window.scrollY,
    topbar: document.querySelector('.topbar')!.getBoundingClientRect().top,
  }));
  expect(page_, `${what}: the page itself does not scroll`).toEqual({
    overflow: 0,
    scrolled: 0,
    topbar: 0,
  });
}

/** Entirely inside the window. */
async function expectInWindow(page: Page, el: Locator, what: string) {
  const box = await el.boundingBox();
  const view = page.viewportSize()!;
  expect(box, `${what} is shown`).not.toBeNull();
  expect(box!.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what} bottom`).toBeLessThanOrEqual(view.height);
  expect(box!.x, `${what} left`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} right`).toBeLessThanOrEqual(view.width);
}

/** In both themes: the page still, and each of `actions` inside the window as it is. */
async function expectActionsInView(
  page: Page,
  what: string,
  actions: Locator[],
  shot: string | null,
) {
  for (const theme of THEMES) {
    await useTheme(page, theme);
    await expectPageStill(page, `${what} (${theme})`);
    for (const action of actions) await expectInWindow(page, action, `${what} (${theme})`);
    if (shot) await page.screenshot({ path: `test-results/screens/${shot}-${theme}.png` });
  }
}

for (const language of LANGUAGES) {
  test.describe(`the main window's panes in ${language}`, () => {
    test.use({ language });
    for (const size of SIZES) {
      const keep =
        size.scale === 1 && (language === 'en' || language === 'de' || language === 'ru');

      test(`history, detail, contacts and settings at ${size.name}`, async ({
        browser,
        callpop,
        t,
      }) => {
        test.setTimeout(120_000);
        const context = await browser.newContext({
          viewport: size.viewport,
          deviceScaleFactor: size.scale,
        });
        const page = await context.newPage();
        await page.goto(callpop.url);
        await seedCalls(callpop);
        const rows = page.locator('.history-row');
        await expect(rows).toHaveCount(5);
        await expectPageStill(page, 'with cards');
        while ((await page.getByRole('dialog').count()) > 0) {
          await page.getByRole('dialog').first().focus();
          await page.keyboard.press('Escape');
        }

        // The history scrolls its rows itself; the detail's Save sticks to what it shows.
        await expect(page.locator('.history-scroll')).toHaveCSS('overflow-y', 'auto');
        await rows.nth(2).click();
        const detail = page.locator('.history-detail');
        await expect(detail).toBeVisible();
        const save = detail.getByRole('button', { name: t('wrapUp.save'), exact: true });
        await detail.scrollIntoViewIfNeeded();
        await expectActionsInView(page, 'the call detail', [save], null);

        // Contacts: the pane's own buttons and the search are in view, and so is the form's Save.
        await importContacts(page, t, CONTACT_FILES.outlook);
        await page.getByRole('button', { name: t('contacts.close'), exact: true }).click();
        const contacts = page.locator('.contacts');
        await expect(contacts.locator('.contact-row').first()).toBeVisible();
        await expectActionsInView(
          page,
          'contacts',
          [
            contacts.getByRole('button', { name: t('contacts.new'), exact: true }),
            contacts.getByRole('combobox', { name: t('contacts.search') }),
          ],
          null,
        );
        await contacts.getByRole('button', { name: t('contacts.new'), exact: true }).click();
        const form = page.locator('.contact-form');
        await expect(form).toBeVisible();
        await expectActionsInView(
          page,
          'the contact form',
          [form.getByRole('button', { name: t('contacts.save'), exact: true })],
          null,
        );
        await form.getByRole('button', { name: t('contacts.cancel'), exact: true }).click();

        // Settings: Save is in view as the pane opens, and still when the agent scrolls
        // through the groups (the pane scrolls, not the page).
        await page.keyboard.press('Control+Comma');
        const settings = page.locator('.settings-form');
        await expect(settings).toBeVisible();
        const saveSettings = settings.getByRole('button', {
          name: t('settings.save'),
          exact: true,
        });
        await expectActionsInView(
          page,
          'settings',
          [saveSettings],
          keep ? `main-fit-settings-${language}` : null,
        );
        // Keyboard: Tab through the groups from the first field; each field the focus moves
        // to is scrolled into view above the sticky action row, with its focus ring showing.
        await settings.locator('input, select').first().focus();
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('Tab');
          const field = await page.evaluate(() => {
            const el = document.activeElement!;
            const row = document.querySelector('.settings-form .settings-actions')!;
            return {
              ring: el.matches(':focus-visible'),
              inRow: row.contains(el),
              bottom: Math.round(el.getBoundingClientRect().bottom),
              row: Math.round(row.getBoundingClientRect().top),
            };
          });
          if (field.inRow) break;
          expect(field.ring, 'the focus ring shows').toBe(true);
          expect(
            field.bottom,
            `Tab ${i + 1}: the field is above the action row`,
          ).toBeLessThanOrEqual(field.row);
        }
        await expectPageStill(page, 'settings, keyboard');
        const pane = page.locator('.side-pane');
        const scrolled = await pane.evaluate((el) => {
          el.scrollTop = el.scrollHeight / 2;
          return el.scrollTop;
        });
        expect(scrolled, 'the settings pane scrolls by itself').toBeGreaterThan(0);
        await expectActionsInView(page, 'settings, scrolled', [saveSettings], null);
        await context.close();
      });

      test.describe(() => {
        test.use({ firstRunDone: false });
        test(`first run at ${size.name}`, async ({ browser, callpop, t }) => {
          const context = await browser.newContext({
            viewport: size.viewport,
            deviceScaleFactor: size.scale,
          });
          const page = await context.newPage();
          await page.goto(callpop.url);
          const setup = page.locator('.first-run');
          await expect(setup).toBeVisible();
          // With two integrations on the steps are long: Finish and Skip stay in view.
          await setup.getByRole('switch').first().click();
          await setup.getByRole('switch').nth(1).click();
          await expectActionsInView(
            page,
            'first run',
            [
              setup.getByRole('button', { name: t('firstRun.finish'), exact: true }),
              setup.getByRole('button', { name: t('firstRun.skip'), exact: true }),
            ],
            keep ? `main-fit-first-run-${language}` : null,
          );
          await context.close();
        });
      });
    }

    test('a floating card starts below the top bar, however high the bar wraps', async ({
      browser,
      callpop,
      t,
    }) => {
      // 640×400: no room for the card column, so the card floats over the page.
      const context = await browser.newContext({
        viewport: { width: 640, height: 400 },
        deviceScaleFactor: 2,
      });
      const page = await context.newPage();
      await page.goto(callpop.url);
      await callpop.fire(['/N:S', '/C:0612345678', '/T:I', '/I:fit-float']);
      const card = page.locator('[data-call-id="fit-float"]');
      await expect(card).toBeVisible();
      const placed = await page.evaluate(() => {
        const bar = document.querySelector('.topbar')!.getBoundingClientRect();
        const stack = document.querySelector('.card-stack.overlay')!.getBoundingClientRect();
        return { barBottom: bar.bottom, stackTop: stack.top };
      });
      expect(placed.stackTop).toBeGreaterThanOrEqual(placed.barBottom - 1);
      await page.screenshot({
        path: `test-results/screens/main-fit-floating-card-${language}.png`,
      });
      // The card's own Hide button is the thing under the pointer there, not the bar.
      const hide = card.getByRole('button', { name: t('card.hide'), exact: true });
      await hide.click({ trial: true });
      await hide.click();
      await expect(card).toHaveCount(0);
      await context.close();
    });
  });
}
