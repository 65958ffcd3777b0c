/// <reference lib="dom" />
// The whole pipeline in a real browser: three calls arrive as separate `callpop` processes (as
// the 3CX Assistant starts them), their cards pop with formatted numbers, a wrap-up is saved
// with the keyboard only, and the history shows every call with its outcome.
import type { Locator, Page } from '@playwright/test';
import { test, expect, runCli } from './fixtures';

const MOBILE = { raw: '0612345678', shown: '06 12345678', id: 'E2E-Mobile-1' };
const BERLIN = { raw: '+4930123456', shown: '+49 30 123456', id: 'E2E-Berlin-2' };
const MISSED = { raw: '0201234567', id: 'E2E-Missed-3' };

/** Presses Tab until `target` has focus: proof that the keyboard alone gets there. */
async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('three calls pop as cards; keyboard-only wrap-up; history with outcomes', async ({
  page,
  callpop,
}) => {
  await page.goto(callpop.url);
  await expect(page.getByRole('heading', { name: 'CallPop', level: 1 })).toBeVisible();

  // Inbound, national format; the Assistant's usual order.
  await callpop.fire(['/N:S', `/C:${MOBILE.raw}`, '/T:I', `/I:${MOBILE.id}`]);
  // Inbound, international format, flags reordered and lower-cased plus Chromium's own switches
  // (what `second-instance` delivers on Windows).
  await callpop.fire([
    '--allow-file-access-from-files',
    `/i:${BERLIN.id.toLowerCase()}`,
    '/t:i',
    `/c:${BERLIN.raw}`,
    '/n:s',
  ]);
  await callpop.fire(['/N:S', `/C:${MISSED.raw}`, '/T:I', `/I:${MISSED.id}`]);

  const mobileCard = page.getByRole('dialog', { name: new RegExp(MOBILE.shown) });
  const berlinCard = page.getByRole('dialog', {
    name: new RegExp(BERLIN.shown.replace('+', '\\+')),
  });
  const missedCard = page.getByRole('dialog', { name: /020/ });
  await expect(mobileCard).toBeVisible();
  await expect(mobileCard).toHaveAccessibleName(`Call from ${MOBILE.shown}`);
  await expect(berlinCard).toBeVisible();
  await expect(berlinCard).toHaveAccessibleName(`Call from ${BERLIN.shown}`);
  await expect(missedCard).toBeVisible();
  await expect(mobileCard).toContainText('Netherlands');
  await expect(berlinCard).toContainText('Germany');

  // The mobile and Berlin calls are answered; the third caller hangs up unanswered.
  await callpop.fire(['/N:C', '/T:I', `/I:${MOBILE.id}`]);
  await callpop.fire(['/N:C', '/T:I', `/I:${BERLIN.id}`]);
  await callpop.fire(['/N:E', '/T:I', `/I:${MISSED.id}`]);
  await expect(missedCard).toContainText('Missed');
  await page.screenshot({ path: 'test-results/popup.png', fullPage: true });

  // Wrap-up with the keyboard only: Tab to the card, 4 = Completed, Tab to Comments, type,
  // Ctrl+Enter saves.
  await tabTo(page, mobileCard);
  await page.keyboard.press('4');
  await expect(mobileCard.getByRole('radio', { name: 'Completed' })).toBeChecked();
  await tabTo(page, mobileCard.getByRole('textbox', { name: 'Comments' }));
  // Digits typed into the comment are text, not status keys.
  await page.keyboard.type('Wants a callback on invoice 2 next week');
  await expect(mobileCard.getByRole('radio', { name: 'Completed' })).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(mobileCard.getByRole('status')).toContainText(/saved/i);

  // Both answered calls end.
  await callpop.fire(['/N:E', '/T:I', `/I:${MOBILE.id}`]);
  await callpop.fire(['/N:E', '/T:I', `/I:${BERLIN.id}`]);

  const history = page.getByRole('region', { name: 'Call history' });
  const items = history.getByRole('listitem');
  await expect(items).toHaveCount(3);
  const row = (text: string | RegExp): Locator => items.filter({ hasText: text });
  await expect(row(MOBILE.shown)).toContainText('Answered');
  await expect(row(MOBILE.shown)).toContainText('Completed');
  await expect(row(BERLIN.shown)).toContainText('Answered');
  await expect(row(/020/)).toContainText('Missed');
  await expect(row(/020/)).not.toContainText('Answered');

  // Esc hides a card (focus is still in its Comments box); the call stays in history.
  await page.keyboard.press('Escape');
  await expect(mobileCard).toBeHidden();
  await expect(items).toHaveCount(3);
  await page.screenshot({ path: 'test-results/history.png', fullPage: true });

  // The journal agrees.
  const exported = await runCli(callpop.dataDir, ['export', '--format', 'json']);
  expect(exported.code).toBe(0);
  const records = JSON.parse(exported.stdout) as Array<Record<string, unknown>>;
  expect(records.map((r) => [r.id, r.number, r.outcome, r.wrapUpStatus])).toEqual([
    [MOBILE.id, MOBILE.raw, 'answered', 'Completed'],
    [BERLIN.id, BERLIN.raw, 'answered', null],
    [MISSED.id, MISSED.raw, 'missed', null],
  ]);
  expect(records[0]!.wrapUpComments).toBe('Wants a callback on invoice 2 next week');
});
