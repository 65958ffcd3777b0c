// The fixture's `settings` option: a settings.json written before CallPop starts is what the
// running CallPop uses (the CRM specs point DBN and Egards at their test servers this way).
import { test, expect } from './fixtures';

test.use({ settings: { agent: { defaultCountry: 'DE' } } });

test('a national number is read with the configured default country', async ({ page, callpop }) => {
  await page.goto(callpop.url);
  await callpop.fire(['/N:S', '/C:030123456', '/T:I', '/I:settings-de-1']);
  const card = page.getByRole('dialog', { name: /030/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Germany');
  await expect(card).toContainText('Berlin');
});
