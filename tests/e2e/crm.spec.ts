// CRM end to end in browser mode: CallPop's settings point DBN and Egards at strict test
// servers; a call arrives as 3CX Assistant processes, the card's badge shows the test DBN's
// lookup answer, the wrap-up is saved with the mouse, and the servers receive the write-back
// and both Egards events. The export shows every delivery as delivered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect } from './fixtures';
import { startDbnServer, type DbnServer } from '../fixtures/dbn-server';
import { startEgardsServer, type EgardsServer } from '../fixtures/egards-server';

const TOKEN = 'e2e-dbn-token-5b1f0c2e';
const API_KEY = 'e2e-egards-key-77d3a9';
const KNOWN = { raw: '0612345678', e164: '+31612345678', shown: '06 12345678', id: 'E2E-Crm-1' };
const STRANGER = { raw: '0201234567', id: 'E2E-Crm-2' };

const test = base.extend<{ crm: { dbn: DbnServer; egards: EgardsServer } }>({
  // eslint-disable-next-line no-empty-pattern
  crm: async ({}, use) => {
    const dbn = await startDbnServer(TOKEN);
    const egards = await startEgardsServer(API_KEY);
    try {
      await use({ dbn, egards });
    } finally {
      await dbn.close();
      await egards.close();
    }
  },
  // The settings.json the fixture writes before CallPop starts, aimed at this test's servers.
  settings: async ({ crm }, use) => {
    await use({
      agent: {
        extension: '1001',
        email: 'agent@example.com',
        agentId: '12345',
        defaultCountry: 'NL',
      },
      dbn: { enabled: true, baseUrl: crm.dbn.url, token: TOKEN, method: 'GET', timeoutMs: 3000 },
      egards: {
        enabled: true,
        environment: 'custom',
        baseUrl: crm.egards.url,
        apiKey: API_KEY,
        connectOn: 'answer',
      },
    });
  },
});

test('lookup badge, wrap-up write-back and both Egards events reach the servers', async ({
  page,
  callpop,
  crm,
}) => {
  crm.dbn.known.add(KNOWN.raw);
  await page.goto(callpop.url);

  await callpop.fire(['/N:S', `/C:${KNOWN.raw}`, '/T:I', `/I:${KNOWN.id}`]);
  const card = page.getByRole('dialog', { name: new RegExp(KNOWN.shown) });
  await expect(card).toBeVisible();
  await expect(card.getByText('Known customer')).toBeVisible();

  await callpop.fire(['/N:S', `/C:${STRANGER.raw}`, '/T:I', `/I:${STRANGER.id}`]);
  const strangerCard = page.getByRole('dialog', { name: /020/ });
  await expect(strangerCard.getByText('Not in CRM')).toBeVisible();

  await callpop.fire(['/N:C', '/T:I', `/I:${KNOWN.id}`]);
  await expect.poll(() => crm.egards.events().map((e) => e.kind)).toEqual(['connect']);

  // The second call's card is on top now; the first folded to one line: open it.
  await card.getByRole('button', { expanded: false }).click();
  await card.getByRole('radio', { name: 'Schedule Later' }).check();
  await card.getByRole('textbox', { name: 'Comments' }).fill('Call back after 5 pm, invoice 2');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('status').filter({ hasText: /saved/i })).toBeVisible();

  await callpop.fire(['/N:E', '/T:I', `/I:${KNOWN.id}`]);

  // The DBN test server got the lookup and the write-back, exactly as the seed's table says.
  await expect.poll(() => crm.dbn.records.length).toBe(1);
  expect(crm.dbn.records[0]).toEqual({
    cid: KNOWN.raw,
    status: 'Schedule Later',
    comments: 'Call back after 5 pm, invoice 2',
    idempotencyKey: `${KNOWN.id.toLowerCase()}:dbn-writeback:1`,
  });
  expect(crm.dbn.lookups).toEqual([KNOWN.raw, STRANGER.raw]);

  // Egards: connect on answer, disconnect at the end, every compulsory field valid (the test
  // server refuses anything else), with the API key and the idempotency key.
  await expect
    .poll(() => crm.egards.events().map((e) => e.kind))
    .toEqual(['connect', 'disconnect']);
  const [connect, disconnect] = crm.egards.events();
  expect(connect!.body).toMatchObject({
    phoneNumber: KNOWN.e164,
    callId: KNOWN.id,
    email: 'agent@example.com',
    extensionNumber: '1001',
    agentId: '12345',
    type: 'Incoming',
    details: { country: 'Netherlands' },
  });
  expect(typeof connect!.body.callAnsweredAt).toBe('string');
  expect(disconnect!.body).toMatchObject({ callId: KNOWN.id, phoneNumber: KNOWN.e164 });
  expect(typeof disconnect!.body.callEndedAt).toBe('string');
  expect(crm.egards.requests.every((r) => r.headers['x-api-key'] === API_KEY)).toBe(true);
  expect(connect!.idempotencyKey).toBe(`${KNOWN.id.toLowerCase()}:egards-connect:1`);

  // The journal export shows each delivery's state; no secret anywhere in it.
  await expect
    .poll(async () => {
      const r = await callpop.run(['export', '--format', 'json']);
      const rows = JSON.parse(r.stdout) as Array<{
        id: string;
        deliveries: Array<{ status: string }>;
      }>;
      return rows.find((x) => x.id === KNOWN.id)?.deliveries.map((d) => d.status);
    })
    .toEqual(['delivered', 'delivered', 'delivered']);
  const exported = await callpop.run(['export', '--format', 'csv']);
  expect(exported.stdout).not.toContain(TOKEN);
  expect(exported.stdout).not.toContain(API_KEY);
  const log = readFileSync(join(callpop.dataDir, 'logs', 'callpop.log'), 'utf8');
  expect(log).toContain('outbox: delivered dbn-writeback');
  for (const text of [log, callpop.output()]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(API_KEY);
  }
});
