// The PBX end to end in browser mode: CallPop's settings point the HTTP API and the REST API
// at the fixture servers. A supervisor logs agent 102 out of queue 800 (the server's state and
// the board show it), a refused toggle rolls back with the answer, an agent sets Away, and a
// card parks and unparks its call. Screenshots of the agent bar and the board go to
// test-results/.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from './fixtures';
import { CONTACT_FILES, importContacts } from './screens-fixture';
import { translator } from './i18n';
import { startHttpApiServer, type HttpApiServer } from '../fixtures/pbx-http-api-server';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';

const KEY = 'e2e-rest-key-93c1d7';

const test = base.extend<{ pbx: { http: HttpApiServer; rest: RestApiServer } }>({
  // eslint-disable-next-line no-empty-pattern
  pbx: async ({}, use) => {
    const http = await startHttpApiServer();
    const rest = await startRestApiServer(KEY);
    try {
      await use({ http, rest });
    } finally {
      expect(http.stopRequests()).toEqual([]);
      await http.close();
      await rest.close();
    }
  },
  settings: async ({ pbx }, use) => {
    await use({
      agent: { extension: '102', email: 'agent@example.com', agentId: '7', defaultCountry: 'NL' },
      pbx: {
        httpApi: { enabled: true, baseUrl: pbx.http.url, phoneType: 'Soft' },
        restApi: { enabled: true, baseUrl: `${pbx.rest.url}/webapi`, key: KEY },
      },
      supervisor: { enabled: true, extensions: [] },
    });
  },
});

test('a supervisor logs agent 102 out of queue 800: the server and the board show it', async ({
  page,
  callpop,
  pbx,
}) => {
  await page.goto(callpop.url);
  const board = page.getByRole('region', { name: 'Supervisor board' });
  const sales = board.getByRole('region', { name: 'Sales (800)' });
  await expect(sales).toBeVisible();
  await expect(sales.getByRole('img', { name: /3 logged in, 2 free, 1 talking/ })).toBeVisible();
  const toggle = sales.getByRole('switch', { name: '102 in queue 800' });
  await expect(toggle).toBeChecked();
  await page.screenshot({ path: 'test-results/pbx-board.png', fullPage: true });

  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(
    board.getByRole('status').filter({ hasText: '102 in queue 800: Off' }),
  ).toBeVisible();
  expect(pbx.rest.isLoggedIn('102', '800')).toBe(false);
  expect(pbx.rest.commands()).toContain('/webapi/<key>/ext.queue.set?num=102&queue=800&log=off');
  // The agent's own bar shows it too, and so does a fresh page: the state is the PBX's.
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Sales (800)' }).getByRole('switch', {
      name: '102 in queue 800',
    }),
  ).not.toBeChecked();
  await expect(
    page.getByRole('region', { name: 'Sales (800)' }).getByRole('img', { name: /2 logged in/ }),
  ).toBeVisible();
  await page
    .getByRole('region', { name: 'Supervisor board' })
    .screenshot({ path: 'test-results/pbx-board-after.png' });
});

test('a refused toggle rolls back and shows the PBX answer', async ({ page, callpop, pbx }) => {
  pbx.rest.refusals.set('ext.queue.set', '{"result": false}');
  await page.goto(callpop.url);
  const toggle = page.getByRole('switch', { name: '101 in queue 800' });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(page.getByRole('alert')).toContainText('{"result": false}');
  await expect(toggle).toBeChecked();
  expect(pbx.rest.isLoggedIn('101', '800')).toBe(true);
});

test('an agent sets Away', async ({ page, callpop, pbx }) => {
  await page.goto(callpop.url);
  const bar = page.getByRole('region', { name: 'Agent status' });
  const status = bar.getByRole('combobox', { name: 'Status' });
  await expect(status).toHaveText(/Available/);
  await expect(bar.getByRole('switch', { name: 'Ready' })).toBeChecked();
  await expect(bar.getByRole('switch', { name: 'Logged in to queues' })).toBeChecked();
  await status.click();
  await page.getByRole('option', { name: 'Away' }).click();
  await expect(status).toHaveText(/Away/);
  // The bar shows Away at once (optimistic); the PBX hears of it a moment later.
  await expect.poll(() => pbx.http.extensions.get('102')!.presence).toBe('away');
  expect(pbx.http.paths()).toContain('/setstatus/102/away');
  // Away is not ready (the HTTP API's Ready means Available and in the queues).
  await expect(bar.getByRole('switch', { name: 'Ready' })).not.toBeChecked();
  await bar.screenshot({ path: 'test-results/pbx-agent-bar.png' });
});

test('Park then Unpark on a card', async ({ page, callpop, pbx }) => {
  await page.goto(callpop.url);
  pbx.http.addCall({ dn: '102', state: 'Connected', endpoint: '+31201234567' });
  await callpop.fire(['/N:S', '/C:0201234567', '/T:I', '/I:E2E-Park-1']);
  await callpop.fire(['/N:C', '/C:0201234567', '/T:I', '/I:E2E-Park-1']);
  const card = page.getByRole('dialog', { name: /123 ?4567/ });
  const controls = card.getByRole('group', { name: 'Call control' });
  await expect(controls).toBeVisible();
  await expect(controls.getByRole('button', { name: 'Answer' })).toBeDisabled();
  await expect(controls.getByRole('button', { name: 'Unpark' })).toBeDisabled();
  await controls.getByRole('button', { name: 'Park', exact: true }).click();
  await expect(controls.getByText('Parked')).toBeVisible();
  expect(pbx.http.calls[0]!.state).toBe('Parked');
  await expect(controls.getByRole('button', { name: 'Park', exact: true })).toBeDisabled();
  // Keyboard: focus Unpark and press Enter.
  await controls.getByRole('button', { name: 'Unpark' }).focus();
  await page.keyboard.press('Enter');
  await expect(controls.getByText('Parked')).toHaveCount(0);
  expect(pbx.http.calls[0]!.state).toBe('Connected');
  expect(pbx.http.paths().filter((p) => /park/.test(p))).toEqual(['/park/102', '/unpark/102']);
  await card.screenshot({ path: 'test-results/pbx-card-controls.png' });
  // Transfer to a colleague's extension; the card's Escape closes only the form.
  await controls.getByRole('button', { name: 'Transfer', exact: true }).click();
  const to = controls.getByLabel('Transfer to');
  await expect(to).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(to).toHaveCount(0);
  await expect(card).toBeVisible();
  await controls.getByRole('button', { name: 'Transfer', exact: true }).click();
  await to.fill('103');
  await controls.getByRole('button', { name: 'Transfer now' }).click();
  await expect(to).toHaveCount(0);
  expect(pbx.http.paths()).toContain('/transfer/102/103');
  expect(pbx.http.calls[0]!.dn).toBe('103');
});

test('Transfer to an imported contact: picked by keyboard, sent as transfer/<ext>/<number>', async ({
  page,
  callpop,
  pbx,
}) => {
  await page.goto(callpop.url);
  await importContacts(page, translator('en'), CONTACT_FILES.outlook);
  await expect(page.getByText(/4 added/)).toBeVisible();

  pbx.http.addCall({ dn: '102', state: 'Connected', endpoint: '+31201234567' });
  await callpop.fire(['/N:S', '/C:0201234567', '/T:I', '/I:E2E-Xfer-1']);
  await callpop.fire(['/N:C', '/C:0201234567', '/T:I', '/I:E2E-Xfer-1']);
  const card = page.getByRole('dialog', { name: /123 ?4567/ });
  const controls = card.getByRole('group', { name: 'Call control' });
  await controls.getByRole('button', { name: 'Transfer', exact: true }).click();
  const to = controls.getByRole('combobox', { name: 'Transfer to' });
  await expect(to).toBeFocused();
  await page.keyboard.type('jans');
  const list = controls.getByRole('listbox', { name: 'Contacts and colleagues' });
  await expect(list).toBeVisible();
  const options = list.getByRole('option');
  await expect(options.filter({ hasText: '555 0100' })).toHaveCount(1);
  const names = await options.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const work = names.findIndex((n) => /^Jan Jansen, .*\+31 \(0\)20 555 0100$/.test(n ?? ''));
  expect(work).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= work; i++) await page.keyboard.press('ArrowDown');
  await expect(to).toHaveAttribute(
    'aria-activedescendant',
    (await options.nth(work).getAttribute('id'))!,
  );
  await card.screenshot({ path: 'test-results/pbx-transfer-picker.png' });
  await page.keyboard.press('Enter');
  await expect(to).toHaveCount(0);
  // The contact's number, cleaned as a dial is: "+31 (0)20 555 0100" is +31205550100.
  const transfers = pbx.http.paths().filter((p) => p.startsWith('/transfer/'));
  expect(transfers).toEqual(['/transfer/102/%2B31205550100']);
  expect(`${pbx.http.url}${transfers[0]}`).toBe(`${pbx.http.url}/transfer/102/%2B31205550100`);
  expect(pbx.http.calls[0]!.dn).toBe('+31205550100');
});

test('Settings: Test connection shows the real answer, never the key', async ({
  page,
  callpop,
}) => {
  await page.goto(callpop.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Test connection (HTTP API)' }).click();
  await expect(page.getByText('The PBX answered.')).toBeVisible();
  const http = page.getByRole('group', { name: '3CX HTTP API' }).locator('.connection-test-result');
  await expect(http.locator('code').first()).toHaveText(/\/showstatus\/102$/);
  await page.getByRole('button', { name: 'Test connection (REST API)' }).click();
  const rest = page.getByRole('group', { name: '3CX REST API' }).locator('.connection-test-result');
  await expect(rest).toContainText('"qGlobalStatus":true');
  await expect(rest).toContainText('/webapi/***/ext.state.get?num=102');
  expect(await page.content()).not.toContain(KEY);
  await rest.screenshot({ path: 'test-results/pbx-test-connection.png' });
});

test.describe('accessibility', () => {
  // CallPop's CSP forbids the inline script axe is injected as.
  test.use({ bypassCSP: true });
  test('the agent bar, the board and the call controls pass axe', async ({
    page,
    callpop,
    pbx,
  }) => {
    await page.goto(callpop.url);
    pbx.http.addCall({ dn: '102', state: 'Connected' });
    await callpop.fire(['/N:S', '/C:0201234567', '/T:I', '/I:E2E-Axe-1']);
    await callpop.fire(['/N:C', '/C:0201234567', '/T:I', '/I:E2E-Axe-1']);
    await expect(page.getByRole('switch', { name: '102 in queue 800' })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Call control' })).toBeVisible();
    const results = await new AxeBuilder({ page })
      .include('.agent-bar')
      .include('.board')
      .include('.call-controls')
      .analyze();
    expect(results.passes.length).toBeGreaterThan(0);
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    ).toEqual([]);
    // The transfer picker with its suggestions open (colleagues from the board) and one
    // highlighted.
    const controls = page.getByRole('group', { name: 'Call control' });
    await controls.getByRole('button', { name: 'Transfer', exact: true }).click();
    await page.keyboard.type('10');
    await expect(controls.getByRole('listbox')).toBeVisible();
    await page.keyboard.press('ArrowDown');
    const picker = await new AxeBuilder({ page }).include('.cc-transfer').analyze();
    expect(picker.passes.length).toBeGreaterThan(0);
    expect(
      picker.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    ).toEqual([]);
  });
});
