// @vitest-environment node
// Test connection reads whatever a DBN server or the host at the Egards address answers:
// any body, any status, the token echoed anywhere in it (in a field, at every cut). What it
// shows never holds the token and it never throws; a typed test number that is not digits is
// refused before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dbnTestLookup, DBN_TEST_ANSWER_CHARS } from '../../../../electron/core/clients/dbn';
import { egardsProbe } from '../../../../electron/core/clients/egards';
import { testNumber } from '../../../../electron/core/handlers/crm-tests';
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
let status = 200;
beforeAll(async () => {
  server = await startRecordingServer(() => ({ status, body }));
});
afterAll(() => server.close());

const deps = () => ({ fetch: globalThis.fetch, clock: new FakeClock() });

function leaked(text: string, secret: string): string | null {
  for (let k = secret.length; k >= MIN_SECRET_PREFIX_CHARS; k--)
    if (text.includes(secret.slice(0, k))) return secret.slice(0, k);
  return null;
}

describe('DBN test lookup', () => {
  // Around the answer's cut, a field value's cut (200) and a field name's cut (60).
  const OFFSETS = [
    0,
    30,
    50,
    55,
    150,
    190,
    195,
    DBN_TEST_ANSWER_CHARS - 20,
    DBN_TEST_ANSWER_CHARS - 5,
  ];
  it.each(OFFSETS)('never shows the token echoed at %i, in the answer or a field', async (at) => {
    status = 200;
    const pad = 'p'.repeat(at);
    body = JSON.stringify({
      success: false,
      message: `${pad}${DBN_TOKEN}`,
      [`${pad}${DBN_TOKEN}`]: 1,
    });
    const r = await dbnTestLookup(deps(), crmSettings({ dbnUrl: server.url }).dbn, '0612345678');
    expect(r.ok).toBe(true);
    expect(leaked(JSON.stringify(r), DBN_TOKEN)).toBeNull();
  });

  it('reads any answer without throwing or showing the token', async () => {
    const cfg = crmSettings({ dbnUrl: server.url }).dbn;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 600 }),
        fc.nat({ max: 600 }),
        fc.constantFrom(200, 201, 204, 400, 401, 404, 500, 503),
        async (text, at, code) => {
          status = code;
          body = `${text.slice(0, at)}${DBN_TOKEN}${text.slice(at)}`;
          const r = await dbnTestLookup(deps(), cfg, '0612345678');
          expect(r.status).toBe(code);
          // Only a 2xx that reads as DBN's answer counts as working.
          if (r.ok) expect(code >= 200 && code < 300).toBe(true);
          expect(leaked(JSON.stringify(r), DBN_TOKEN)).toBeNull();
          if (r.answer !== null)
            expect(r.answer.length).toBeLessThanOrEqual(DBN_TEST_ANSWER_CHARS + 1);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe('Egards probe', () => {
  it('counts any HTTP answer as the host answering, and sends no key', async () => {
    const before = server.requests.length;
    for (const code of [200, 301, 404, 405, 500]) {
      status = code;
      const r = await egardsProbe(deps(), crmSettings({ egardsUrl: server.url }));
      expect(r).toMatchObject({ answered: true, status: code, error: null });
    }
    const sent = server.requests.slice(before);
    expect(sent.map((q) => q.method)).toEqual(['HEAD', 'HEAD', 'HEAD', 'HEAD', 'HEAD']);
    expect(sent.some((q) => 'x-api-key' in q.headers || q.headers.authorization)).toBe(false);
    expect(JSON.stringify(sent)).not.toContain(EGARDS_KEY);
  });
});

describe('the test number', () => {
  it('keeps digits and a leading +, drops formatting, refuses the rest', () => {
    expect(testNumber(undefined)).toBe('0000000000');
    expect(testNumber('  ')).toBe('0000000000');
    expect(testNumber('+31 (0)20-123.45/67')).toBe('+310201234567');
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (typed) => {
        let cid: string;
        try {
          cid = testNumber(typed);
        } catch (e) {
          expect((e as Error).message).toBe('A test number has digits only (a leading + is fine)');
          return;
        }
        expect(cid).toMatch(/^\+?\d{1,20}$/);
      }),
    );
  });
});
