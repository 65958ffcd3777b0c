import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { unwrap } from '../queries';
import { TransferPicker } from './TransferPicker';

type Action = 'answer' | 'drop' | 'transferto';

/**
 * Answer, hang up and transfer (to a number, an extension or a contact) from the card, through
 * 3CX Call Control (control-set.ts says when this set is the card's).
 */
export function CallControlActions({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const api = useApi();
  const act = useMutation({
    mutationFn: ({ action, to }: { action: Action; to?: string }) =>
      unwrap(api.controlCall(call.id, action, to)),
  });

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
        <TransferPicker
          label={t('card.control.transferTo')}
          go={t('card.control.transfer')}
          busy={act.isPending}
          onPick={(to) => act.mutate({ action: 'transferto', to })}
        />
      ) : null}
      {act.isError ? (
        <p role="alert" className="error">
          {t('card.control.failed', { error: act.error.message })}
        </p>
      ) : null}
    </div>
  );
}
