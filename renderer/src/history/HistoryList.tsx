import { useCallback, useEffect, useMemo, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView, HistoryKind } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { downloadText } from '../download-text';
import { historyQuery } from './history-queries';
import { VirtualRows } from './HistoryRows';

/** A typed number or name waits this long for the next keystroke before main is asked. */
const TYPING_MS = 200;

/**
 * The agent's calls, newest first, over the whole journal: filters (all, missed, today, a
 * number or name) run in main, rows load a page at a time, Export CSV writes the whole
 * selection. The selected call's detail opens right under its row.
 */
export function HistoryList({
  selectedKey,
  onSelect,
  kind,
  onKindChange,
}: {
  selectedKey: string | null;
  onSelect: (call: CallView | null) => void;
  kind: HistoryKind;
  onKindChange: (kind: HistoryKind) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  const [dialError, setDialError] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked(text), TYPING_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const filter = useMemo(() => ({ kind, text: asked }), [kind, asked]);
  const history = useInfiniteQuery(historyQuery(api, filter));
  const calls = useMemo(() => history.data?.pages.flatMap((p) => p.calls) ?? [], [history.data]);
  const total = history.data?.pages[0]?.total ?? calls.length;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = history;
  const needMore = useCallback(() => {
    // cancelRefetch: false: a second ask while a page is on its way waits for it.
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage({ cancelRefetch: false });
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const exportCsv = async () => {
    const r = await api.exportCalls(filter);
    if (r.ok) {
      setExportError(null);
      downloadText(r.value, 'calls.csv', 'text/csv');
    } else setExportError(t('history.loadFailed', { error: r.error.message }));
  };
  const filtered = kind !== 'all' || asked.trim() !== '';

  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <div className="history-filters" role="group" aria-label={t('historyFilter.label')}>
        {(['all', 'missed', 'today'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => onKindChange(k)}>
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
        <button type="button" onClick={() => void exportCsv()}>
          {t('historyFilter.export')}
        </button>
      </div>
      {dialError || exportError ? (
        <p role="alert" className="error">
          {dialError ?? exportError}
        </p>
      ) : null}
      {history.isPending ? <p className="muted">{t('app.loading')}</p> : null}
      {history.isError ? (
        <p role="alert" className="error">
          {t('history.loadFailed', { error: history.error.message })}
        </p>
      ) : null}
      {history.data && calls.length === 0 ? (
        <p className="muted">{filtered ? t('historyFilter.none') : t('history.empty')}</p>
      ) : null}
      {calls.length > 0 ? (
        <VirtualRows
          calls={calls}
          total={total}
          selectedKey={selectedKey}
          onSelect={onSelect}
          onDialResult={setDialError}
          onNeedMore={needMore}
        />
      ) : null}
    </section>
  );
}
