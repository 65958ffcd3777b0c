// One call through each PBX event source, in a real browser against a real `callpop serve`:
// the REST API's live calls (polled) and 3CX V20 Call Control (WebSocket). No 3CX Assistant is
// involved: the card pops, the call is answered and ends, and the history shows it answered.
import { test as base, expect } from './fixtures';
import {
  ext,
  external,
  startCallsInfoServer,
  type CallsInfoServer,
} from '../fixtures/pbx-callsinfo-server';
import { startCallControlServer, type CallControlServer } from '../fixtures/call-control-server';

const AGENT = { extension: '1001', email: 'agent@example.com', defaultCountry: 'NL' };

const rest = base.extend<{ pbx: CallsInfoServer }>({
  // Playwright requires the object pattern even when the fixture needs nothing.
  // eslint-disable-next-line no-empty-pattern
  pbx: async ({}, use) => {
    const s = await startCallsInfoServer();
    await use(s);
    await s.close();
  },
  settings: async ({ pbx }, use) => {
    await use({
      agent: AGENT,
      events: { source: 'rest-poll', restPollMs: 250 },
      pbx: { restApi: { enabled: true, baseUrl: pbx.baseUrl, key: pbx.key } },
    });
  },
});

const cc = base.extend<{ pbx: CallControlServer }>({
  // Playwright requires the object pattern even when the fixture needs nothing.
  // eslint-disable-next-line no-empty-pattern
  pbx: async ({}, use) => {
    const s = await startCallControlServer({ monitored: ['1001'] });
    await use(s);
    await s.close();
  },
  settings: async ({ pbx }, use) => {
    await use({
      agent: AGENT,
      events: { source: 'call-control' },
      pbx: {
        callControl: {
          enabled: true,
          baseUrl: pbx.url,
          clientId: pbx.clientId,
          clientSecret: pbx.clientSecret,
        },
      },
    });
  },
});

rest(
  'a call from the REST live calls pops, is answered and ends',
  async ({ page, callpop, pbx }) => {
    await page.goto(callpop.url);
    await expect(page.getByRole('heading', { name: 'CallPop', level: 1 })).toBeVisible();
    const ringing = {
      callID: 81,
      state: 'Routing',
      startedAt: '2026-12-01T09:00:00Z',
      answeredAt: null,
      owner: external('0612345678'),
      talkTo: [],
      routingTo: [ext('1001')],
    };
    pbx.calls = [ringing];
    const card = page.getByRole('dialog', { name: /06 12345678/ });
    await expect(card).toBeVisible();
    pbx.calls = [
      { ...ringing, state: 'Talking', answeredAt: 'x', talkTo: [ext('1001')], routingTo: [] },
    ];
    await expect(card).toContainText('In call');
    pbx.calls = [];
    await expect(card).toContainText('Ended');
    expect(callpop.output()).not.toContain(pbx.key);
  },
);

cc('a call from 3CX Call Control pops, is answered and ends', async ({ page, callpop, pbx }) => {
  await page.goto(callpop.url);
  await expect(page.getByRole('heading', { name: 'CallPop', level: 1 })).toBeVisible();
  await expect.poll(() => pbx.sockets()).toBe(1);
  const leg = {
    id: 1,
    status: 'Ringing' as const,
    dn: '1001',
    party_caller_id: '+4930123456',
    party_dn: '10000',
    party_dn_type: 'Wexternalline',
    callid: 82,
    legid: 1,
  };
  pbx.upsert(leg);
  const card = page.getByRole('dialog', { name: /\+49 30 123456/ });
  await expect(card).toBeVisible();
  pbx.upsert({ ...leg, status: 'Connected' });
  await expect(card).toContainText('In call');
  pbx.remove('1001', 1);
  await expect(card).toContainText('Ended');
  expect(callpop.output()).not.toContain(pbx.clientSecret);
});
