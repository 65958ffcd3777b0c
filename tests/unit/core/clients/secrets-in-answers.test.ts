// @vitest-environment node
// A CRM or Egards error body that echoes the secret, at every position around the cut: nothing
// of the secret may reach the message that goes to the log, SQLite and the UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbnLookup, dbnSendWriteBack } from '../../../../electron/core/clients/dbn';
import { egardsSend } from '../../../../electron/core/clients/egards';
import type { EgardsCallFacts } from '../../../../shared/egards-payload';
import { MIN_SECRET_PREFIX_CHARS } from '../../../../shared/scrub';
import {
  crmSettings,
  DBN_TOKEN,
  EGARDS_KEY,
  FakeClock,
  startRecordingServer,
  type TestServer,
} from '../../../fixtures/crm-harness';

let server: TestServer;
let body = '';
let status = 500;
beforeAll(async () => {
  server = await startRecordingServer(() => ({
    status,
    body,
    headers: { 'content-type': 'text/plain' },
  }));
});
afterAll(() => server.close());

const deps = () => ({ fetch: globalThis.fetch, clock: new FakeClock() });

function leaked(text: string, secret: string): string | null {
  for (let k = secret.length; k >= MIN_SECRET_PREFIX_CHARS; k--)
    if (text.includes(secret.slice(0, k))) return secret.slice(0, k);
  return null;
}

// Offsets chosen so the secret starts before, straddles and ends at the 120 and 200 cuts.
const OFFSETS = [60, 90, 100, 110, 115, 150, 170, 180, 190, 195];

describe('secrets echoed in answers', () => {
  it.each(OFFSETS)('DBN lookup, non-JSON 2xx, secret at %i', async (at) => {
    status = 200;
    body = `${'e'.repeat(at)}token ${DBN_TOKEN} is not valid here`;
    const s = crmSettings({ dbnUrl: server.url });
    const r = await dbnLookup(deps(), s.dbn, '0612345678');
    expect(r.state).toBe('error');
    expect(leaked(JSON.stringify(r), DBN_TOKEN)).toBeNull();
  });

  it.each(OFFSETS)('DBN write-back, HTTP 500, secret at %i', async (at) => {
    status = 500;
    body = `${'e'.repeat(at)}${DBN_TOKEN} rejected`;
    const s = crmSettings({ dbnUrl: server.url });
    const item = {
      callId: '1',
      cid: '0612345678',
      status: 'Completed' as const,
      comments: '',
      revision: 1,
    };
    const r = await dbnSendWriteBack(deps(), s.dbn, item, 'k');
    expect(r.kind).toBe('retry');
    expect(leaked(JSON.stringify(r), DBN_TOKEN)).toBeNull();
  });

  it.each(OFFSETS)('Egards, HTTP 422, key at %i', async (at) => {
    status = 422;
    body = `${'e'.repeat(at)}${EGARDS_KEY}${EGARDS_KEY.toUpperCase()} unknown`;
    const s = crmSettings({ egardsUrl: server.url });
    const facts: EgardsCallFacts = {
      callId: '7',
      direction: 'inbound',
      phoneNumber: '+31612345678',
      country: 'NL',
      city: null,
      at: 1_700_000_005_000,
      startedAt: 1_700_000_000_000,
      answeredAt: 1_700_000_005_000,
      endedAt: null,
      parkedMs: 0,
    };
    const r = await egardsSend(deps(), s, 'connect', facts, 'k');
    expect(r.kind).toBe('failed');
    expect(leaked(JSON.stringify(r), EGARDS_KEY)).toBeNull();
  });
});
