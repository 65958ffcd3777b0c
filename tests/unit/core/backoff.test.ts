import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BACKOFF_MAX_MS,
  BACKOFF_MIN_MS,
  RETRY_AFTER_MAX_MS,
  backoffCeiling,
  backoffDelay,
  parseRetryAfter,
} from '../../../electron/core/backoff';

describe('backoff', () => {
  it('doubles the ceiling from 1 s up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 9, 10].map((n) => backoffCeiling(n))).toEqual([
      1000,
      2000,
      4000,
      8000,
      16000,
      256000,
      BACKOFF_MAX_MS,
    ]);
    expect(backoffCeiling(1000)).toBe(BACKOFF_MAX_MS);
    expect(backoffCeiling(0)).toBe(BACKOFF_MIN_MS);
  });

  it('draws the whole range: 1 s at random 0, the ceiling at random 1', () => {
    expect(backoffDelay(6, () => 0)).toBe(1000);
    expect(backoffDelay(6, () => 0.999999)).toBe(32000);
    expect(backoffDelay(6, () => 0.5)).toBe(16500);
  });

  it('always stays within [1 s, min(ceiling, 5 min)] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, r) => {
          const d = backoffDelay(n, () => r);
          return (
            Number.isInteger(d) &&
            d >= BACKOFF_MIN_MS &&
            d <= backoffCeiling(n) &&
            d <= BACKOFF_MAX_MS
          );
        },
      ),
    );
  });

  it('jitters: many draws spread over the range', () => {
    const draws = Array.from({ length: 500 }, () => backoffDelay(8));
    expect(Math.min(...draws)).toBeLessThan(30_000);
    expect(Math.max(...draws)).toBeGreaterThan(100_000);
    expect(new Set(draws).size).toBeGreaterThan(100);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 15, 9, 30, 0);
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5000],
    ['1.5', 1500],
    ['Wed, 15 Jan 2025 09:30:30 GMT', 30_000],
    ['Wed, 15 Jan 2025 09:00:00 GMT', 0], // in the past: now
    ['999999', RETRY_AFTER_MAX_MS],
  ])('%j → %d ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([null, undefined, '', 'soon', '-5', '12abc', 'Wed, 99 Foo 2025'])(
    '%j is not a Retry-After',
    (value) => {
      expect(parseRetryAfter(value as string | null | undefined, now)).toBeNull();
    },
  );
});
