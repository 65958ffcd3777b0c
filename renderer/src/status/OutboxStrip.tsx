import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Delivery, OutboxSummary, Result } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { outboxQuery, queryKeys } from '../queries';

/** "2 deliveries pending, 1 failed", and the failed items with Retry and Discard. */
export function OutboxStrip() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const outbox = useQuery(outboxQuery(api));
  const summary = outbox.data;
  if (!summary) return null;

  const parts = [
    summary.pending > 0 ? t('outbox.pending', { count: summary.pending }) : null,
    summary.failed > 0 ? t('outbox.failed', { count: summary.failed }) : null,
    summary.waitingSettings > 0 ? t('outbox.waiting', { count: summary.waitingSettings }) : null,
  ].filter((p): p is string => p !== null);
  const text =
    parts.length === 0
      ? t('outbox.allSent')
      : new Intl.ListFormat(i18n.language, { style: 'long', type: 'unit' }).format(parts);

  return (
    <div className="outbox">
      <p className={`outbox-summary${summary.failed > 0 ? ' has-failed' : ''}`} role="status">
        {text}
      </p>
      {summary.failedItems.length > 0 ? <FailedList items={summary.failedItems} /> : null}
    </div>
  );
}

function FailedList({ items }: { items: Delivery[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  const act = async (pending: Promise<Result<OutboxSummary>>) => {
    try {
      const result = await pending;
      if (result.ok) {
        setError(null);
        client.setQueryData(queryKeys.outbox, result.value);
      } else {
        setError(result.error.message);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="failed" aria-labelledby="failed-heading">
      <h2 id="failed-heading">{t('outbox.failedHeading')}</h2>
      {error ? (
        <p role="alert" className="error">
          {t('outbox.actionFailed', { error })}
        </p>
      ) : null}
      <ul>
        {items.map((d) => {
          const label = t('outbox.itemLabel', {
            kind: t(`delivery.kind.${d.kind}`),
            callId: d.callId,
          });
          return (
            <li key={d.id} aria-label={label}>
              <span className="failed-what">{label}</span>
              <span className="failed-answer">
                {d.lastError
                  ? t('outbox.serverAnswer', { answer: d.lastError })
                  : t('outbox.noAnswer')}
              </span>
              <span className="failed-actions">
                <button type="button" onClick={() => void act(api.retryDelivery(d.id))}>
                  {t('outbox.retry')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm(t('outbox.confirmDiscard')))
                      void act(api.discardDelivery(d.id));
                  }}
                >
                  {t('outbox.discard')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
