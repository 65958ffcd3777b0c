import { useTranslation } from 'react-i18next';
import type { Delivery } from '../../../shared/ipc';

/** Where the wrap-up and call reports went: the newest delivery of each kind. */
export function DeliveryList({ deliveries }: { deliveries: Delivery[] }) {
  const { t } = useTranslation();
  if (deliveries.length === 0) return null;
  const latest = new Map<string, Delivery>();
  for (const d of deliveries) {
    const seen = latest.get(d.kind);
    if (!seen || d.revision > seen.revision || (d.revision === seen.revision && d.id > seen.id)) {
      latest.set(d.kind, d);
    }
  }
  return (
    <ul className="deliveries" aria-label={t('delivery.heading')}>
      {[...latest.values()].map((d) => (
        <li key={d.id} className={`delivery delivery-${d.status}`}>
          {t('delivery.line', {
            kind: t(`delivery.kind.${d.kind}`),
            status: t(`delivery.status.${d.status}`),
          })}
          {d.status === 'failed' && d.lastError ? (
            <span className="delivery-error"> — {d.lastError}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
