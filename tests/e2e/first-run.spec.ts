// A brand-new agent, keyboard only: an empty data directory, the first-run setup opens by
// itself, the agent fills in extension, e-mail and country with Tab and typing, turns on no
// integration, finishes with Enter, and the first call pops a card. The settings file holds
// what was typed, and the setup does not come back on reload.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';

test('first run from an empty data directory to the first popped card, keyboard only', async ({
  page,
  callpop,
}) => {
  expect(readdirSync(callpop.dataDir)).not.toContain('settings.json');
  await page.goto(callpop.url);
  const setup = page.getByRole('region', { name: 'Set up CallPop' });
  await expect(setup).toBeVisible();
  // Focus starts on the setup's heading: the next Tab is its first field.
  await expect(setup.getByRole('heading', { name: 'Set up CallPop' })).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(setup.getByRole('textbox', { name: 'Extension' })).toBeFocused();
  await page.keyboard.type('1001');
  await page.keyboard.press('Tab');
  await expect(setup.getByRole('textbox', { name: 'E-mail' })).toBeFocused();
  await page.keyboard.type('agent@example.com');
  await page.keyboard.press('Tab');
  const country = setup.getByRole('combobox', { name: 'Default country' });
  await expect(country).toBeFocused();
  // A native select follows typed letters: "G" picks Germany (DE) in the English list.
  await page.keyboard.type('G');
  await expect(country).toHaveValue('DE');

  // The first integration switch: Space turns it on, and its fields appear; off again.
  await page.keyboard.press('Tab');
  const dbn = setup.getByRole('switch', { name: /DBN CRM/ });
  await expect(dbn).toBeFocused();
  await page.keyboard.press('Space');
  await expect(dbn).toHaveAttribute('aria-checked', 'true');
  await expect(setup.getByRole('textbox', { name: 'Base URL' })).toBeVisible();
  await expect(setup.getByText('Needs an address')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(setup.getByRole('textbox', { name: 'Base URL' })).toHaveCount(0);

  // Tab on to Finish setup and press Enter.
  const finish = setup.getByRole('button', { name: 'Finish setup' });
  for (let i = 0; i < 20 && !(await finish.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(finish).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(setup).toBeHidden();

  const saved = JSON.parse(readFileSync(join(callpop.dataDir, 'settings.json'), 'utf8'));
  expect(saved.agent).toMatchObject({
    extension: '1001',
    email: 'agent@example.com',
    defaultCountry: 'DE',
  });
  expect(saved.app.firstRunDone).toBe(true);

  // The first call: the card pops, the number read as a German one.
  await callpop.fire(['/N:S', '/C:030123456', '/T:I', '/I:first-1']);
  const card = page.getByRole('dialog', { name: 'Call from 030 123456' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Germany');
  await page.screenshot({ path: 'test-results/screens/first-card-after-setup.png' });

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Call history' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Set up CallPop' })).toHaveCount(0);
});
