// The popup window's card with the 3CX call controls shown fits the window (380×460, the only
// size the popup has: it cannot be resized) in every language and both themes, at 100 % and
// at 200 % scaling: the caller's name, the wrap-up status choice and Save are in view without
// scrolling, nothing scrolls, nothing is cut off, and the caller's name is the largest text on
// the card. Checked as the call rings, during it, while it is recorded, and with earlier calls
// from the same number. Screenshots go to test-results/screens/ for a human to look at.
import type { Locator, Page } from '@playwright/test';
import type { TFunction } from 'i18next';
import { test, expect } from './screens-fixture';
import { LANGUAGES } from './i18n';
import { clippedText, popupUrl, THEMES, useTheme } from './screens';

const POPUP = { width: 380, height: 460 };

/** The card's parts an agent needs during the call are inside the window. */
async function expectInWindow(part: Locator, what: string) {
  const box = await part.boundingBox();
  expect(box, `${what} is shown`).not.toBeNull();
  expect(box!.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box!.x, `${what} left`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what} bottom`).toBeLessThanOrEqual(POPUP.height);
  expect(box!.x + box!.width, `${what} right`).toBeLessThanOrEqual(POPUP.width);
}

async function expectFits(page: Page, t: TFunction, state: string, shot: string | null) {
  const card = page.getByRole('dialog');
  for (const theme of THEMES) {
    await useTheme(page, theme);
    await expect.poll(() => clippedText(page), `${state} in ${theme}`).toEqual([]);
    const scroll = await page.evaluate(() => {
      const win = document.querySelector('.popup-window')!;
      const doc = document.scrollingElement!;
      return {
        window: win.scrollHeight - win.clientHeight,
        document: doc.scrollHeight - window.innerHeight,
      };
    });
    expect(scroll, `nothing scrolls (${state}, ${theme})`).toEqual({ window: 0, document: 0 });
    await expectInWindow(card.locator('.caller-name'), "the caller's name");
    await expectInWindow(card.getByRole('group', { name: t('wrapUp.legend') }), 'the status');
    for (const radio of await card.getByRole('radio').all())
      await expectInWindow(radio, 'a status');
    await expectInWindow(card.getByRole('button', { name: t('wrapUp.save'), exact: true }), 'Save');
    await expectInWindow(card.getByRole('group', { name: t('pbx.call.controls') }), 'controls');
    // During a call the caller's name is the largest thing on the card.
    const sizes = await card.evaluate((el) => {
      const size = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
      const name = el.querySelector('.caller-name')!;
      const ownText = (e: Element) =>
        Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
      let largest = 0;
      for (const e of Array.from(el.querySelectorAll('*')))
        if (!name.contains(e) && ownText(e)) largest = Math.max(largest, size(e));
      return { name: size(name), others: largest };
    });
    expect(sizes.name).toBeGreaterThan(sizes.others);
    if (shot)
      await page.screenshot({ path: `test-results/screens/popup-controls-${shot}-${theme}.png` });
  }
}

for (const language of LANGUAGES) {
  test.describe(`the popup card with call controls in ${language}`, () => {
    test.use({ language });
    for (const scale of [1, 2]) {
      test(`fits 380×460 at ${scale * 100} %`, async ({ browser, callpop, pbx, t }) => {
        test.setTimeout(120_000);
        const context = await browser.newContext({
          viewport: POPUP,
          deviceScaleFactor: scale,
        });
        const page = await context.newPage();
        const keep = scale === 1 && language !== 'nl';
        await page.goto(popupUrl(callpop));
        // An earlier call from the same number: its saved wrap-up closes its card.
        await callpop.fire(['/N:S', '/C:+31201234567', '/T:I', '/I:fit-0']);
        await callpop.fire(['/N:C', '/T:I', '/I:fit-0']);
        await callpop.fire(['/N:E', '/T:I', '/I:fit-0']);
        const card = page.getByRole('dialog');
        await card.getByRole('radio').nth(3).check();
        await card.getByRole('button', { name: t('wrapUp.save'), exact: true }).click();
        await expect(card).toHaveCount(0);

        pbx.http.addCall({ dn: '102', state: 'Ringing', endpoint: '+31201234567' });
        await callpop.fire(['/N:S', '/C:+31201234567', '/T:I', '/I:fit-1']);
        await expect(card.locator('.caller-name')).toHaveText('Petra Visser');
        const controls = card.getByRole('group', { name: t('pbx.call.controls') });
        await expect(
          controls.getByRole('button', { name: t('pbx.call.answer'), exact: true }),
        ).toBeEnabled();
        await expect(card.locator('.earlier')).toContainText(t('card.earlierCalls', { count: 1 }));
        await expectFits(page, t, 'ringing', keep ? `ringing-${language}` : null);

        pbx.http.calls[0]!.state = 'Connected';
        await callpop.fire(['/N:C', '/T:I', '/I:fit-1']);
        await expect(card.locator('.state')).toHaveText(t('call.state.connected'));
        await expect(
          controls.getByRole('button', { name: t('pbx.call.park'), exact: true }),
        ).toBeEnabled();
        await expectFits(page, t, 'in call', keep ? `in-call-${language}` : null);

        await controls
          .getByRole('button', { name: t('pbx.call.recordStart'), exact: true })
          .click();
        await expect(controls.getByText(t('pbx.call.recording'), { exact: true })).toBeVisible();
        await expectFits(page, t, 'recording', keep ? `recording-${language}` : null);
        await context.close();
      });
    }
  });
}
