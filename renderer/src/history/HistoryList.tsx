import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { callListQuery } from '../queries';
import {
  formatDuration,
  formatWhen,
  numberText,
  stateText,
  statusLabel,
  talkTime,
} from '../format';

/** The agent's calls, newest first. Missed calls say so in words, not only in colour. */
export function HistoryList({
  selectedKey,
  onSelect,
}: {
  selectedKey: string | null;
  onSelect: (call: CallView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const calls = useQuery(callListQuery(api));

  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      {calls.isPending ? <p className="muted">{t('app.loading')}</p> : null}
      {calls.isError ? (
        <p role="alert" className="error">
          {t('history.loadFailed', { error: calls.error.message })}
        </p>
      ) : null}
      {calls.data && calls.data.length === 0 ? <p className="muted">{t('history.empty')}</p> : null}
      {calls.data && calls.data.length > 0 ? (
        <ul className="history-list">
          {[...calls.data]
            .sort((a, b) => b.startedAt - a.startedAt)
            .map((call) => (
              <li key={call.key}>
                <HistoryRow call={call} selected={call.key === selectedKey} onSelect={onSelect} />
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}

function HistoryRow({
  call,
  selected,
  onSelect,
}: {
  call: CallView;
  selected: boolean;
  onSelect: (call: CallView) => void;
}) {
  const { t, i18n } = useTranslation();
  const missed = call.outcome === 'missed';
  const talk = talkTime(call);
  return (
    <button
      type="button"
      className={`history-row${missed ? ' missed' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(call)}
    >
      <span className="col-time">{formatWhen(call.startedAt, i18n.language)}</span>
      <span className="col-direction">{t(`call.direction.${call.direction}`)}</span>
      <span className="col-number">{numberText(t, call)}</span>
      <span className={`col-outcome state-${call.outcome ?? call.state}`}>
        {missed ? <span aria-hidden="true">⚠ </span> : null}
        {stateText(t, call)}
      </span>
      <span className="col-duration">
        {talk === null ? t('call.noDuration') : formatDuration(talk)}
      </span>
      <span className="col-wrapup">
        {call.wrapUp ? statusLabel(t, call.wrapUp.status) : t('wrapUp.none')}
      </span>
    </button>
  );
}
