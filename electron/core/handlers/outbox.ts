// outbox.summary, outbox.retry and outbox.discard: the CRM deliveries the agent can see.
import type { OutboxSummary } from '../../../shared/ipc';
import type { Handlers } from './types';

export function outboxHandlers(deps: {
  summary(): OutboxSummary;
  retry(id: number): OutboxSummary;
  discard(id: number): OutboxSummary;
}): Pick<Handlers, 'outbox.summary' | 'outbox.retry' | 'outbox.discard'> {
  return {
    'outbox.summary': () => deps.summary(),
    'outbox.retry': ({ id }) => deps.retry(id),
    'outbox.discard': ({ id }) => deps.discard(id),
  };
}
