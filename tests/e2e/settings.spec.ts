// Settings end to end in browser mode: a freshly installed CallPop with Egards configured but
// no agent e-mail or extension. The call's Egards reports wait (and the agent is told); the
// agent fills in Settings; the reports go out. And an IT admin's locked key is read-only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect } from './fixtures';
import { startEgardsServer, type EgardsServer } from '../fixtures/egards-server';
import { startDbnServer, type DbnServer } from '../fixtures/dbn-server';

const API_KEY = 'e2e-settings-key-4f2a91';

const test = base.extend<{ egards: EgardsServer }>({
  // eslint-disable-next-line no-empty-pattern
  egards: async ({}, use) => {
    const egards = await startEgardsServer(API_KEY);
    try {
      await use(egards);
    } finally {
      await egards.close();
    }
  },
  settings: async ({ egards }, use) => {
    await use({
      agent: { defaultCountry: 'NL' },
      egards: {
        enabled: true,
        environment: 'custom',
        baseUrl: egards.url,
        apiKey: API_KEY,
        connectOn: 'answer',
      },
    });
  },
  // eslint-disable-next-line no-empty-pattern
  machineConfig: async ({}, use) => {
    await use({ popup: { corner: 'top-right' }, locked: ['popup.corner'] });
  },
});

test('Egards reports wait for the agent e-mail and go out once Settings has it', async ({
  page,
  callpop,
  egards,
}) => {
  await page.goto(callpop.url);
  await callpop.fire(['/N:S', '/C:0612345678', '/T:I', '/I:Set-1']);
  await callpop.fire(['/N:C', '/T:I', '/I:Set-1']);
  await callpop.fire(['/N:E', '/T:I', '/I:Set-1']);

  // Nothing half-filled was sent; the agent is told what is missing.
  await expect(
    page.getByText(/Set your agent e-mail and extension in Settings/).first(),
  ).toBeVisible();
  await expect(page.getByText(/waiting for settings/).first()).toBeVisible();
  expect(egards.requests).toHaveLength(0);

  await page.getByRole('button', { name: 'Settings' }).click();
  const agent = page.getByRole('group', { name: 'You' });
  await agent.getByLabel('E-mail').fill('agent@example.com');
  await agent.getByLabel('Extension').fill('1001');
  // The API key came from the file: the UI shows that one is saved, never the key itself.
  const apiKey = page.getByRole('group', { name: 'Call reports (Egards)' }).getByLabel('API key');
  await expect(apiKey).toHaveValue('');
  await expect(apiKey).toHaveAttribute('placeholder', 'Saved — type to replace');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();

  await expect.poll(() => egards.events().map((e) => e.kind)).toEqual(['connect', 'disconnect']);
  expect(egards.events()[0]!.body).toMatchObject({
    callId: 'Set-1',
    phoneNumber: '+31612345678',
    email: 'agent@example.com',
    extensionNumber: '1001',
  });
  const onDisk = JSON.parse(readFileSync(join(callpop.dataDir, 'settings.json'), 'utf8'));
  expect(onDisk.agent).toMatchObject({ email: 'agent@example.com', extension: '1001' });
  expect(onDisk.egards.apiKey).toBe(API_KEY); // unchanged: '***' from the UI never overwrites it
});

test("a key the IT admin locked is read-only and the machine's value applies", async ({
  page,
  callpop,
}) => {
  await page.goto(callpop.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const corner = page.getByRole('group', { name: 'Call cards' }).getByLabel('Corner');
  await expect(corner).toBeDisabled();
  await expect(corner).toHaveValue('top-right');
  await expect(page.getByText('Locked by your administrator').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/settings.png', fullPage: true });

  // The card follows the machine's corner.
  await callpop.fire(['/N:S', '/C:0201234567', '/T:I', '/I:Set-2']);
  const card = page.getByRole('dialog', { name: /020 123 4567/ });
  await expect(card).toBeVisible();
  const box = await card.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.x + box!.width).toBeGreaterThan(viewport.width - 40);
  expect(box!.y).toBeLessThan(viewport.height / 2);
});

const DBN_TOKEN = 'e2e-dbn-token-77c3a0';
const withDbn = test.extend<{ dbn: DbnServer }>({
  // eslint-disable-next-line no-empty-pattern
  dbn: async ({}, use) => {
    const dbn = await startDbnServer(DBN_TOKEN);
    try {
      await use(dbn);
    } finally {
      await dbn.close();
    }
  },
  settings: async ({ egards, dbn }, use) => {
    await use({
      agent: { defaultCountry: 'NL', extension: '1001', email: 'agent@example.com' },
      dbn: { enabled: true, baseUrl: dbn.url, token: DBN_TOKEN, method: 'GET', timeoutMs: 3000 },
      egards: {
        enabled: true,
        environment: 'custom',
        baseUrl: egards.url,
        apiKey: API_KEY,
        connectOn: 'answer',
      },
      app: { firstRunDone: true },
    });
  },
});

withDbn(
  'Test connection: DBN looks a test number up, Egards answers without a report; the export carries the keys only when asked',
  async ({ page, callpop, dbn, egards }) => {
    await page.goto(callpop.url);
    await page.getByRole('button', { name: 'Settings' }).click();

    const dbnGroup = page.getByRole('group', { name: 'Customer lookup (DBN CRM)' });
    await dbnGroup.getByLabel('Test number').fill('020 123 4567');
    await dbnGroup.getByRole('button', { name: 'Test connection' }).click();
    await expect(
      dbnGroup.getByText('DBN answered: 0201234567 is not a known customer.'),
    ).toBeVisible();
    const result = dbnGroup.locator('.connection-test-result');
    await expect(result).toContainText(`${dbn.url}/3cx/query?cid=0201234567&token=***`);
    await expect(result).toContainText('HTTP 200 in');
    expect(dbn.requests.map((r) => r.rawQuery)).toEqual([`cid=0201234567&token=${DBN_TOKEN}`]);
    expect(dbn.records).toEqual([]);

    const egardsGroup = page.getByRole('group', { name: 'Call reports (Egards)' });
    await egardsGroup.getByRole('button', { name: 'Test connection' }).click();
    await expect(egardsGroup.getByText(/^The Egards host answers \(HTTP 404 in/)).toBeVisible();
    await expect(egardsGroup.locator('.connection-test-result')).toContainText('None sent yet');
    expect(egards.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /']);
    expect(await page.content()).not.toContain(DBN_TOKEN);
    await page
      .getByRole('group', { name: 'Call reports (Egards)' })
      .screenshot({ path: 'test-results/settings-test-connection.png' });

    // dialer.via is set in Settings, and says what the chosen way lacks.
    const via = page
      .getByRole('group', { name: 'Phone numbers and dialling' })
      .getByLabel('Dial through');
    await via.selectOption('http-api');
    await expect(page.getByText(/^Dialling through PBX HTTP API still needs:/)).toBeVisible();
    await via.selectOption('assistant');

    const file = page.getByRole('group', { name: 'Settings file' });
    const plain = page.waitForEvent('download');
    await file.getByRole('button', { name: 'Export settings' }).click();
    const plainText = readFileSync((await (await plain).path())!, 'utf8');
    expect(plainText).not.toContain(DBN_TOKEN);
    expect(JSON.parse(plainText).dbn.baseUrl).toBe(dbn.url);

    await file.getByRole('checkbox', { name: 'Include keys and passwords' }).check();
    const withKeys = page.waitForEvent('download');
    await file.getByRole('button', { name: 'Export settings' }).click();
    const keysFile = JSON.parse(readFileSync((await (await withKeys).path())!, 'utf8'));
    expect(keysFile.dbn.token).toBe(DBN_TOKEN);
    expect(keysFile.egards.apiKey).toBe(API_KEY);
    await expect(
      file.getByText('Settings exported with keys and passwords: keep the file safe'),
    ).toBeVisible();
    // Egards never got a report from any of this.
    expect(egards.requests.filter((r) => r.path.startsWith('/3cx/'))).toEqual([]);
  },
);
