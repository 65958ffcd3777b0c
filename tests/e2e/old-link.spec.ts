// An agent's bookmark from an earlier CallPop set-up (another token): the page says what to do
// instead of "reconnecting" forever. A right link still connects.
import { test, expect } from './fixtures';

test('an old access link says it is no longer valid; the printed link works', async ({
  page,
  callpop,
}) => {
  await page.goto(`${callpop.origin}/#token=${'0'.repeat(64)}`);
  await expect(page.getByRole('alert').filter({ hasText: /no longer valid/ })).toBeVisible();
  await expect(page.getByText(/reconnecting/)).toHaveCount(0);

  await page.goto('about:blank');
  await page.evaluate(() => sessionStorage.clear()).catch(() => undefined);
  await page.goto(callpop.url);
  await callpop.fire(['/N:S', '/C:0612345678', '/T:I', '/I:Old-1']);
  await expect(page.getByRole('dialog', { name: /06 12345678/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /no longer valid/ })).toHaveCount(0);
});
