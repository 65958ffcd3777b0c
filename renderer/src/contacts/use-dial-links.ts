// A tel:/callto:/sip: link handed to CallPop waits for the agent (dialer.confirmLinks): in
// browser mode this page asks; the desktop app asks in its own message box.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context';
import { logTo } from '../logging';

export function useDialLinks(enabled: boolean): void {
  const api = useApi();
  const { t } = useTranslation();
  useEffect(() => {
    if (!enabled) return;
    return api.onDialConfirm(({ number }) => {
      if (!window.confirm(t('dial.confirm', { number }))) return;
      void api.dial(number).then((r) => {
        if (!r.ok) {
          logTo(api, 'warn', `dial link ${number} failed: ${r.error.message}`);
          window.alert(t('dial.failed', { who: number, error: r.error.message }));
        }
      });
    });
  }, [api, enabled, t]);
}
