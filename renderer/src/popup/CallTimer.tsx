import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useNow } from '../use-now';
import { formatDuration } from '../format';

/** Talk time from answeredAt: ticks while connected, frozen at endedAt. */
export function CallTimer({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const live = call.state === 'connected' && call.answeredAt !== null;
  const now = useNow(live);
  // Not answered, or ended without a known end time: there is no talk time to show.
  if (call.answeredAt === null || (call.state === 'ended' && call.endedAt === null)) return null;
  const until = call.endedAt ?? now;
  return (
    <span className="timer" title={t('call.talkTime')}>
      <span className="visually-hidden">{t('call.talkTime')} </span>
      <time dateTime={`PT${Math.max(0, Math.floor((until - call.answeredAt) / 1000))}S`}>
        {formatDuration(until - call.answeredAt)}
      </time>
    </span>
  );
}
