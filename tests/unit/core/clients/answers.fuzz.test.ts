// @vitest-environment node
// Property tests of what the DBN CRM and Egards answer: any status, any headers, any body.
// The readers never throw, every failure is a sentence naming the system, and nothing of the
// secret the request carried survives in it, however the body quotes it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dbnMessage, parseDbnAnswer } from '../../../../shared/dbn-protocol';
import { classifyFailure, type HttpOutcome } from '../../../../electron/core/clients/http';
import { MIN_SECRET_PREFIX_CHARS } from '../../../../shared/scrub';

const TOKEN = 'd6bcfeee-8eea-65cd-f4d6-166585973ea2';
const KEY = 'egards-test-key-8f3a91-77c0';

const leaks = (text: string, secret: string) => {
  for (let k = MIN_SECRET_PREFIX_CHARS; k <= secret.length; k++)
    if (text.includes(secret.slice(0, k))) return true;
  return false;
};

/** Bodies a CRM might send: JSON-ish with success in many spellings, HTML, junk, echoes. */
function bodies(secret: string): fc.Arbitrary<string> {
  const success = fc.constantFrom(
    'true',
    'false',
    '1',
    '0',
    '"yes"',
    '"no"',
    '"maybe"',
    'null',
    '[]',
    '{}',
  );
  const echo = fc.constantFrom(
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    `token=${secret}`,
  );
  const filler = fc.string({ unit: 'binary', maxLength: 250 });
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom('success', 'Success', 'SUCCESS', 'ok'),
        success,
        fc.constantFrom('', ',', ',\n'),
      )
      .map(([k, v, t]) => `{"${k}": ${v}${t}}`),
    fc.tuple(success, filler, echo).map(([v, f, e]) => `{"success": ${v}, "message": "${f}${e}"}`),
    fc.tuple(filler, echo, filler).map(([a, e, b]) => a + e + b),
    fc.tuple(filler, echo).map(([a, e]) => `<html><title>${a}${e}</title></html>`),
    fc.tuple(fc.integer({ min: 0, max: 400 }), echo).map(([n, e]) => `${'x'.repeat(n)}${e}`),
    fc.json({ maxDepth: 3 }),
    filler,
  );
}

describe('DBN answers (property)', () => {
  it('parseDbnAnswer reads any body: a verdict or a sentence, never the token', () => {
    fc.assert(
      fc.property(bodies(TOKEN), (body) => {
        const a = parseDbnAnswer(body, [TOKEN]);
        if (a.ok) {
          expect(typeof a.success).toBe('boolean');
          const said = dbnMessage(a.raw, [TOKEN]);
          if (said !== null) expect(leaks(said, TOKEN)).toBe(false);
        } else {
          expect(a.error).toMatch(/^the CRM('s)? /);
          expect(a.error.length).toBeLessThan(300);
          expect(leaks(a.error, TOKEN)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Egards and CRM failures (property)', () => {
  it('classifyFailure reads any status, headers and body as a clear outcome without the key', () => {
    const outcome: fc.Arbitrary<HttpOutcome> = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 100, max: 599 }),
          bodies(KEY),
          fc.option(
            fc.oneof(
              fc.constantFrom('5', '0', '-1', 'soon', 'Wed, 21 Oct 2037 07:28:00 GMT'),
              fc.string({ maxLength: 30 }),
            ),
          ),
          fc.option(fc.oneof(fc.constant(`https://x/?key=${KEY}`), fc.string({ maxLength: 60 }))),
        )
        .map(([status, body, retryAfter, location]) => {
          const headers = new Headers();
          try {
            if (retryAfter !== null) headers.set('retry-after', retryAfter);
            if (location !== null) headers.set('location', location);
          } catch {
            // not a valid header value: a server cannot send it either
          }
          return { kind: 'response' as const, status, headers, body };
        }),
      fc.integer({ min: 1, max: 60_000 }).map((ms) => ({ kind: 'timeout' as const, ms })),
      fc
        .tuple(fc.string({ maxLength: 80 }), fc.constantFrom('', KEY))
        .map(([m, k]) => ({ kind: 'network' as const, message: m + k })),
    );
    fc.assert(
      fc.property(outcome, (o) => {
        const r = classifyFailure(o, 'Egards', 1_764_000_000_000, [KEY]);
        expect(['retry', 'failed']).toContain(r.kind);
        if (r.kind === 'retry' || r.kind === 'failed') {
          expect(r.error).toMatch(/Egards/);
          expect(r.error.length).toBeLessThan(600);
          expect(leaks(r.error, KEY)).toBe(false);
        }
        if (r.kind === 'retry' && r.retryAfterMs != null)
          expect(r.retryAfterMs).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 5000 },
    );
  });
});
