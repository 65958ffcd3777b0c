import { useTranslation } from 'react-i18next';
import type { CrmLookup } from '../../../shared/ipc';

/** What the CRM said about this caller; nothing at all when the lookup is off. */
export function CrmBadge({ crm }: { crm: CrmLookup }) {
  const { t } = useTranslation();
  if (crm.state === 'off') return null;
  const text =
    crm.state === 'error' ? t('crm.error', { message: crm.message }) : t(`crm.${crm.state}`);
  return (
    <span className={`badge crm-${crm.state}`} role="status">
      {text}
    </span>
  );
}
