// Retry timing for the outbox: exponential backoff with full jitter between 1 s and a ceiling
// that doubles per consecutive failure up to 5 minutes; a server's Retry-After wins.

export const BACKOFF_MIN_MS = 1000;
export const BACKOFF_MAX_MS = 5 * 60 * 1000;
/** A Retry-After beyond this is not believed (a misconfigured server must not park us for days). */
export const RETRY_AFTER_MAX_MS = 60 * 60 * 1000;

/** The upper bound of the wait after `failures` consecutive failures (1 → 1 s, 2 → 2 s, ...). */
export function backoffCeiling(
  failures: number,
  min = BACKOFF_MIN_MS,
  max = BACKOFF_MAX_MS,
): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^30 s is far beyond max: stop doubling before the number overflows.
  return Math.min(max, min * 2 ** Math.min(n - 1, 30));
}

/** A wait drawn uniformly from [min, ceiling(failures)]; random() in [0, 1). */
export function backoffDelay(
  failures: number,
  random: () => number = Math.random,
  min = BACKOFF_MIN_MS,
  max = BACKOFF_MAX_MS,
): number {
  const ceiling = backoffCeiling(failures, min, max);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(min + r * (ceiling - min));
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. null when absent or
 * unreadable; never negative; capped at RETRY_AFTER_MAX_MS.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v === '') return null;
  let ms: number;
  if (/^\d+$/.test(v)) {
    ms = Number(v) * 1000;
  } else if (/^\d+\.\d+$/.test(v)) {
    ms = Math.ceil(Number(v) * 1000);
  } else {
    // HTTP-date (IMF-fixdate, and the obsolete forms Date.parse understands). A bare number
    // with a sign or junk is not a date, even though Date.parse might accept it.
    if (!/[a-z]/i.test(v)) return null;
    const at = Date.parse(v);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(0, ms), RETRY_AFTER_MAX_MS);
}
