import { useMemo, useState } from 'react';
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
import { CallBackButton } from './CallBackButton';
import { callsToCsv, filterCalls, type HistoryKind } from './history-filter';
import { downloadText } from '../download-text';

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
  const [kind, setKind] = useState<HistoryKind>('all');
  const [text, setText] = useState('');
  const [dialError, setDialError] = useState<string | null>(null);
  const shown = useMemo(
    () => filterCalls(calls.data ?? [], { kind, text }).sort((a, b) => b.startedAt - a.startedAt),
    [calls.data, kind, text],
  );

  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <div className="history-filters" role="group" aria-label={t('historyFilter.label')}>
        {(['all', 'missed', 'today'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {t(`historyFilter.${k}`)}
          </button>
        ))}
        <input
          type="search"
          aria-label={t('historyFilter.search')}
          placeholder={t('historyFilter.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          onClick={() => downloadText(callsToCsv(shown), 'calls.csv', 'text/csv')}
        >
          {t('historyFilter.export')}
        </button>
      </div>
      {dialError ? (
        <p role="alert" className="error">
          {dialError}
        </p>
      ) : null}
      {calls.isPending ? <p className="muted">{t('app.loading')}</p> : null}
      {calls.isError ? (
        <p role="alert" className="error">
          {t('history.loadFailed', { error: calls.error.message })}
        </p>
      ) : null}
      {calls.data && calls.data.length === 0 ? <p className="muted">{t('history.empty')}</p> : null}
      {calls.data && calls.data.length > 0 ? (
        <ul className="history-list">
          {shown.map((call) => (
            <li key={call.key} className="history-item">
              <HistoryRow call={call} selected={call.key === selectedKey} onSelect={onSelect} />
              <CallBackButton call={call} onResult={setDialError} />
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
      <span className="col-number">
        {call.caller ? (
          <span className="col-name">{call.caller.name || call.caller.company} </span>
        ) : null}
        {numberText(t, call)}
      </span>
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
