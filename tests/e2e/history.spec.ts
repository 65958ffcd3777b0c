/// <reference lib="dom" />
// The history and the contacts in a real browser: Add contact on an unknown caller's card goes
// through main (main.show) to the contacts form and the card then names the caller; the
// history is one Tab stop where C calls back; and over a seeded journal of 450 calls the list
// pages to the very last call and Export CSV holds the whole filtered selection.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, startServer, stopServer } from './fixtures';
import { standInAssistant } from './stand-in-assistant';
import { openDatabase } from '../../electron/core/db';
import { createJournal } from '../../electron/core/journal';

const assistant = standInAssistant('history');

test.use({
  settings: {
    dialer: { via: 'assistant', assistantPath: assistant.path },
    agent: { defaultCountry: 'NL' },
    app: { firstRunDone: true },
  },
});

test.beforeAll(() => assistant.install());

const dialed = assistant.dialed;

test('Add contact on a card opens the pre-filled form; the card then names the caller', async ({
  page,
  callpop,
}) => {
  await page.goto(callpop.url);
  await callpop.fire(['/N:S', '/C:0201234567', '/T:I', '/I:ADD-1']);
  const card = page.getByRole('dialog', { name: /020/ });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('heading', { name: 'New contact' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Number 1' })).toHaveValue('0201234567');
  await page.getByRole('textbox', { name: 'Name' }).fill('Wim de Wit');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await expect(card.getByRole('heading', { name: 'Wim de Wit' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Add contact' })).toHaveCount(0);
});

test('the history is one Tab stop; C calls the focused call back', async ({ page, callpop }) => {
  await page.goto(callpop.url);
  for (const [id, n] of [
    ['K-1', '0201111111'],
    ['K-2', '0202222222'],
  ]) {
    await callpop.fire(['/N:S', `/C:${n}`, '/T:I', `/I:${id}`]);
    await callpop.fire(['/N:E', '/T:I', `/I:${id}`]);
  }
  const rows = page.locator('.history-row');
  await expect(rows).toHaveCount(2);
  await page.keyboard.press('Alt+1');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('c');
  await expect.poll(dialed).toContainEqual(['-cmd', 'makecall:0201111111']);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.history-list .call-back:focus')).toHaveCount(1);
  // Tab leaves the list: no row and no Call back button is a second stop.
  await page.keyboard.press('Tab');
  await expect(page.locator('.history-list :focus')).toHaveCount(0);
});

test('pages through a 450-call journal and exports the whole missed selection', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'callpop-e2e-history-'));
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({ app: { firstRunDone: true }, agent: { defaultCountry: 'NL' } }),
  );
  const db = openDatabase(dataDir);
  const journal = createJournal(db, () => ({ defaultCountry: 'NL', suffixDigits: 9 }));
  const t0 = Date.now() - 450 * 60_000;
  db.transaction(() => {
    for (let i = 0; i < 450; i++) {
      const missed = i % 3 === 0;
      const startedAt = t0 + i * 60_000;
      journal.upsert({
        key: `seed-${i}`,
        id: `Seed-${i}`,
        direction: 'inbound',
        number: `+3120${String(1000000 + i)}`,
        withheld: false,
        state: 'ended',
        outcome: missed ? 'missed' : 'answered',
        startedAt,
        answeredAt: missed ? null : startedAt + 5_000,
        endedAt: startedAt + 30_000,
        seen: { S: true, C: !missed, E: true },
      });
    }
  })();
  db.close();
  const server = await startServer(dataDir);
  try {
    await page.goto(server.url);
    await expect(page.locator('.history-row').first()).toBeVisible();
    await page.keyboard.press('Alt+1');
    // End goes to the last loaded call; further pages load as the list reaches them.
    await expect
      .poll(async () => {
        await page.keyboard.press('End');
        return page.evaluate(() =>
          document.activeElement?.closest('li')?.getAttribute('aria-posinset'),
        );
      })
      .toBe('450');

    await page.getByRole('button', { name: 'Missed', exact: true }).click();
    await expect(page.locator('.history-list li').first()).toHaveAttribute('aria-setsize', '150');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(151);
    expect(lines.slice(1).every((l) => l.includes(',missed,'))).toBe(true);
  } finally {
    await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
