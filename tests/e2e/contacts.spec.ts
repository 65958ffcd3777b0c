/// <reference lib="dom" />
// Click-to-dial from the contact list in a real browser: the agent imports an Outlook export,
// finds a contact by part of the name, clicks `Call <name>`; a stand-in tcx.assistant.client
// (a real script) records what it was asked to dial. Then 3CX reports the outbound call
// (S, C, E as separate processes) and the card shows who was called.
import { join } from 'node:path';
import { test, expect, ROOT } from './fixtures';
import { standInAssistant } from './stand-in-assistant';
import { CONTACT_FILES, chooseContactsFile } from './screens-fixture';
import { translator } from './i18n';

const assistant = standInAssistant('contacts');

test.use({
  settings: {
    dialer: { via: 'assistant', assistantPath: assistant.path },
    agent: { defaultCountry: 'NL' },
  },
});

test.beforeAll(() => assistant.install());

const dialed = assistant.dialed;

test('import, search, click Call <name>, and the outbound card names the contact', async ({
  page,
  callpop,
}) => {
  await page.goto(callpop.url);
  await chooseContactsFile(page, translator('en'), CONTACT_FILES.outlook);
  await expect(page.getByText(/Outlook CSV/)).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('4 added, 0 updated, 2 skipped')).toBeVisible();
  await expect(page.getByText(/line 5: skipped/)).toBeVisible();

  const search = page.getByRole('combobox', { name: 'Search contacts' });
  await search.fill('anse');
  const jan = page.getByRole('button', { name: /^Call Jan Jansen: Mobile / });
  await expect(jan).toBeVisible();
  await expect(page.getByRole('button', { name: /Call Anna/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/contacts-screen.png', fullPage: true });
  await jan.click();
  await expect(page.getByText(/Calling Jan Jansen|Dialed Jan Jansen/)).toBeVisible();
  await expect.poll(dialed).toEqual([['-cmd', 'makecall:+31651112222']]);

  // 3CX reports the outbound call; S carries no number: it is the one just dialed.
  await callpop.fire(['/N:S', '/T:O', '/I:OUT-1']);
  const card = page.getByRole('dialog', { name: /Call to/ });
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Jan Jansen' })).toBeVisible();
  await expect(card).toContainText('Jansen, de Vries & Co');
  await callpop.fire(['/N:C', '/T:O', '/I:OUT-1']);
  await callpop.fire(['/N:E', '/T:O', '/I:OUT-1']);
  await expect(card).toContainText('Ended');
  await page.screenshot({ path: 'test-results/card-with-name.png', fullPage: true });

  // The history row says who was called, and Call back dials the same number again.
  const row = page.getByRole('listitem').filter({ hasText: 'Jan Jansen' }).first();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /Call back/ }).click();
  await expect.poll(() => dialed().length).toBe(2);
});

test('keyboard only: type, arrow down, Enter dials', async ({ page, callpop }) => {
  await page.goto(callpop.url);
  await page.getByRole('button', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'Import contacts' }).click();
  await page
    .getByLabel('Contacts file')
    .setInputFiles(join(ROOT, 'tests', 'fixtures', 'contacts', 'iphone.vcf'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('2 added, 0 updated, 0 skipped')).toBeVisible();
  const search = page.getByRole('combobox', { name: 'Search contacts' });
  await search.fill('ольга');
  await expect(page.getByRole('button', { name: /Call Ольга Иванова/ }).first()).toBeVisible();
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect.poll(dialed).toContainEqual(['-cmd', 'makecall:+74955551235']);
});
