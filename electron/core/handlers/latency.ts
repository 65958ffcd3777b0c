// latency.painted: a card's render and paint times, the last marks of its event's trace;
// latency.report: the last events' marks and their summary (diagnostics, the benchmark).
import type { LatencyLog } from '../latency';
import type { Handlers } from './types';

export function latencyHandlers(
  log: LatencyLog,
): Pick<Handlers, 'latency.painted' | 'latency.report'> {
  return {
    'latency.painted': ({ callId, renderedAt, paintedAt }) => {
      log.painted(callId, renderedAt, paintedAt);
      return null;
    },
    'latency.report': () => log.report(),
  };
}
