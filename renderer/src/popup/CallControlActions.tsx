import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { unwrap } from '../queries';

type Action = 'answer' | 'drop' | 'transferto';

/**
 * Answer, hang up and transfer from the card, through 3CX Call Control (CallControls.tsx
 * shows it only while that source follows the call).
 */
export function CallControlActions({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const api = useApi();
  const [destination, setDestination] = useState('');
  const act = useMutation({
    mutationFn: ({ action, to }: { action: Action; to?: string }) =>
      unwrap(api.controlCall(call.id, action, to)),
  });

  const transfer = (e: FormEvent) => {
    e.preventDefault();
    const to = destination.replace(/[\s\-.()]/g, '');
    if (to) act.mutate({ action: 'transferto', to });
  };

  return (
    <div className="call-controls">
      {call.state === 'ringing' && call.direction !== 'outbound' ? (
        <button type="button" onClick={() => act.mutate({ action: 'answer' })}>
          {t('card.control.answer')}
        </button>
      ) : null}
      <button type="button" onClick={() => act.mutate({ action: 'drop' })}>
        {t('card.control.hangUp')}
      </button>
      {call.state === 'connected' ? (
        <form onSubmit={transfer} className="transfer">
          <input
            type="text"
            inputMode="tel"
            aria-label={t('card.control.transferTo')}
            value={destination}
            onChange={(e) => setDestination(e.target.value)}
          />
          <button type="submit">{t('card.control.transfer')}</button>
        </form>
      ) : null}
      {act.isError ? (
        <p role="alert" className="error">
          {t('card.control.failed', { error: act.error.message })}
        </p>
      ) : null}
    </div>
  );
}
