import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from '../api-context';

/** Browser mode only: says so while the WebSocket to CallPop is down. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  if (status === 'reconnecting') {
    return (
      <div className="banner banner-error" role="alert">
        {t('connection.lost')}
      </div>
    );
  }
  if (status === 'bad-token') {
    return (
      <div className="banner banner-error" role="alert">
        {t('connection.badToken')}
      </div>
    );
  }
  if (status === 'no-token') {
    return (
      <div className="banner banner-error" role="alert">
        {t('connection.noToken')}
      </div>
    );
  }
  return null;
}
