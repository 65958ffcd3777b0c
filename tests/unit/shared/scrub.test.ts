// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MIN_SECRET_PREFIX_CHARS, scrub, scrubExcerpt, shownUrl } from '../../../shared/scrub';

const SECRET = 'd6bcfeee-8eea-65cd-f4d6-166585973ea2';

/** Every 8+ character prefix of the secret, which must never survive. */
function leaksPrefix(text: string, secret: string): boolean {
  for (let k = MIN_SECRET_PREFIX_CHARS; k <= secret.length; k++)
    if (text.includes(secret.slice(0, k))) return true;
  return false;
}

describe('scrub', () => {
  it.each([
    ['GET https://crm/3cx/query?cid=1&token=abc-def', 'GET https://crm/3cx/query?cid=1&token=***'],
    ['headers {"X-Api-Key":"abc123secret"}', 'headers {"X-Api-Key":"***"}'],
    ['{"apiKey": "k-999"}', '{"apiKey": "***"}'],
    ['Authorization: Bearer eyJhbGciOi', 'Authorization: Bearer ***'],
    ['https://pbx/webapi/SECRETKEY/all.queue.get', 'https://pbx/webapi/***/all.queue.get'],
    [
      'running at http://127.0.0.1:5017/#token=abcdef0123',
      'running at http://127.0.0.1:5017/#token=***',
    ],
  ])('%s', (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it('removes a secret as it travels: plain, percent-encoded, form-encoded, JSON-escaped', () => {
    const s = 'a b+c/"d"&e';
    const text = [s, encodeURIComponent(s), 'a+b%2Bc%2F%22d%22%26e', JSON.stringify(s)].join(' | ');
    expect(scrub(text, [s])).toBe('*** | *** | *** | "***"');
  });

  it('treats a text ending in the first 8+ characters of a secret as holding it', () => {
    expect(scrub(`server said: ${SECRET.slice(0, 8)}`, [SECRET])).toBe('server said: ***');
    expect(scrub(`server said: ${SECRET.slice(0, 20)}...`, [SECRET])).toBe('server said: ***...');
    // 7 characters is not yet a secret: ordinary text must stay readable.
    expect(scrub(`id ${SECRET.slice(0, 7)}`, [SECRET])).toBe(`id ${SECRET.slice(0, 7)}`);
  });
});

describe('scrubExcerpt', () => {
  it('scrubs before it shortens: a secret straddling the cut leaves nothing of itself', () => {
    // The old order (cut at 200, then scrub) kept "invalid key d6bcfeee-8eea-65cd" here.
    const body = `${'x'.repeat(180)} invalid key ${SECRET} for this account`;
    const out = scrubExcerpt(body, [SECRET], 200);
    expect(out.length).toBeLessThanOrEqual(201);
    expect(leaksPrefix(out, SECRET)).toBe(false);
  });

  it('never leaks 8+ characters of a secret, wherever it stands and wherever the cut falls', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{12,48}$/),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom<'plain' | 'encoded' | 'json'>('plain', 'encoded', 'json'),
        (before, after, secret, max, form) => {
          const shown =
            form === 'plain'
              ? secret
              : form === 'encoded'
                ? encodeURIComponent(secret)
                : JSON.stringify(secret);
          fc.pre(!leaksPrefix(before + after, secret));
          const out = scrubExcerpt(before + shown + after, [secret], max);
          expect(leaksPrefix(out, secret)).toBe(false);
          expect(out.length).toBeLessThanOrEqual(max + 1);
          expect(out).not.toMatch(/[\n\r\t]/);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('shownUrl', () => {
  it('keeps origin and path, never a query or a fragment, and scrubs the path', () => {
    expect(shownUrl('https://crm.example.com/3cx/query?cid=1&token=abc')).toBe(
      'https://crm.example.com/3cx/query?…',
    );
    expect(shownUrl('http://127.0.0.1:5017/#token=' + 'a'.repeat(64))).toBe(
      'http://127.0.0.1:5017/#…',
    );
    expect(shownUrl('https://pbx/webapi/KEY123/all.queue.get')).toBe(
      'https://pbx/webapi/***/all.queue.get',
    );
    expect(shownUrl(`javascript:alert(1)//${'x'.repeat(500)}`).length).toBeLessThanOrEqual(201);
  });
});
