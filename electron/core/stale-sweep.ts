// Closes calls that never got an end (3CX lost the event, CallPop was not running): once at
// start-up and then every ten minutes.
import type { CallRouter } from './call-router';
import type { Clock, Logger } from './core-types';

export const STALE_SWEEP_MS = 10 * 60 * 1000;

export function startStaleSweep(deps: {
  router: Pick<CallRouter, 'closeStaleCalls'>;
  clock: Clock;
  logger: Logger;
}): { stop(): void } {
  const { router, clock } = deps;
  const closed = router.closeStaleCalls();
  if (closed) deps.logger.info(`closed ${closed} stale call(s) at start-up`);
  let timer = clock.setTimeout(function sweep() {
    router.closeStaleCalls();
    timer = clock.setTimeout(sweep, STALE_SWEEP_MS);
  }, STALE_SWEEP_MS);
  return { stop: () => clock.clearTimeout(timer) };
}
