import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { logTo } from '../logging';

/** `Call back` on a history row: dials the call's number the same way as everywhere else. */
export function CallBackButton({
  call,
  onResult,
}: {
  call: CallView;
  onResult?: (error: string | null) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  if (!call.number) return null;
  const who = call.caller?.name || call.phone?.display || call.number;
  const dial = async () => {
    const r = await api.dial(call.number!);
    if (!r.ok) {
      const error =
        typeof r.error === 'string' ? r.error : (r.error as { message: string }).message;
      logTo(api, 'warn', `call back ${call.id} failed: ${error}`);
      onResult?.(t('dial.failed', { who, error }));
    } else onResult?.(null);
  };
  return (
    <button
      type="button"
      className="call-back"
      aria-label={t('dial.callBackWho', { who })}
      onClick={() => void dial()}
    >
      {t('dial.callBack')}
    </button>
  );
}
