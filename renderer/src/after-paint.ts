// Work that must not stand between a push and the card it shows: the history list and the
// call-detail caches are brought up to date once the frame with the card has been painted and
// the page is idle (background work: whatever else is queued, an agent's key press included,
// goes first). Updates for one call that pile up meanwhile are folded into the latest.

type Job = () => void;

/** Longest wait for a frame: a hidden window paints none, and the work must still happen. */
const MAX_WAIT_MS = 100;

const pending = new Map<string, Job>();
let scheduled = false;

function flush(): void {
  scheduled = false;
  const jobs = [...pending.values()];
  pending.clear();
  for (const job of jobs) job();
}

/** Runs `job` after the next painted frame; a later job with the same key replaces it. */
export function afterPaint(key: string, job: Job): void {
  pending.set(key, job);
  if (scheduled) return;
  scheduled = true;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    flush();
  };
  const fallback = setTimeout(run, MAX_WAIT_MS);
  if (typeof requestAnimationFrame === 'function') {
    // requestAnimationFrame runs just before the frame; an idle callback asked for from it runs
    // after that frame, once the tasks queued meanwhile are done (at the latest by the fallback).
    requestAnimationFrame(() =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(run, { timeout: MAX_WAIT_MS })
        : setTimeout(run, 0),
    );
  }
}
