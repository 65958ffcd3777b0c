import { useCallback, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { logTo } from '../logging';

/** Who a call back is for, as its button names it: the caller's name, else the number. */
export function callBackWho(call: CallView): string {
  return call.caller?.name || call.phone?.display || call.number || '';
}

/** Dials a history call back the same way as everywhere else; reports a failure in words. */
export function useCallBack(onResult?: (error: string | null) => void) {
  const { t } = useTranslation();
  const api = useApi();
  return useCallback(
    async (call: CallView) => {
      if (!call.number) return;
      const who = callBackWho(call);
      const r = await api.dial(call.number);
      if (!r.ok) {
        const error =
          typeof r.error === 'string' ? r.error : (r.error as { message: string }).message;
        logTo(api, 'warn', `call back ${call.id} failed: ${error}`);
        onResult?.(t('dial.failed', { who, error }));
      } else onResult?.(null);
    },
    [api, t, onResult],
  );
}

/**
 * `Call back` on a history row. Not a Tab stop of its own (the list is one): the row's `C` key
 * dials, and → from the row reaches this button (← goes back).
 */
export function CallBackButton({
  call,
  onResult,
  onKeyDown,
}: {
  call: CallView;
  onResult?: (error: string | null) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLButtonElement>) => void;
}) {
  const { t } = useTranslation();
  const callBack = useCallBack(onResult);
  if (!call.number) return null;
  return (
    <button
      type="button"
      className="call-back"
      tabIndex={-1}
      data-call-back={call.key}
      aria-keyshortcuts="C"
      aria-label={t('dial.callBackWho', { who: callBackWho(call) })}
      onClick={() => void callBack(call)}
      onKeyDown={onKeyDown}
    >
      {t('dial.callBack')}
    </button>
  );
}
