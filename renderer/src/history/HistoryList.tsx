import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
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
import { CallDetail } from './CallDetail';
import { CallBackButton } from './CallBackButton';
import { callsToCsv, filterCalls, type HistoryKind } from './history-filter';
import { downloadText } from '../download-text';

/**
 * The agent's calls, newest first, virtualised (histories run to hundreds of rows). The
 * selected call's detail opens right under its row. The list is one Tab stop: arrow keys,
 * Home and End move between rows, Enter or Space opens one.
 */
export function HistoryList({
  selectedKey,
  onSelect,
}: {
  selectedKey: string | null;
  onSelect: (call: CallView | null) => void;
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
      {shown.length > 0 ? (
        <VirtualRows
          calls={shown}
          selectedKey={selectedKey}
          onSelect={onSelect}
          onDialResult={setDialError}
        />
      ) : null}
    </section>
  );
}

const FALLBACK_RECT = { width: 1000, height: 800 };

function VirtualRows({
  calls,
  selectedKey,
  onSelect,
  onDialResult,
}: {
  calls: CallView[];
  selectedKey: string | null;
  onSelect: (call: CallView | null) => void;
  onDialResult: (error: string | null) => void;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const selectedIndex = calls.findIndex((c) => c.key === selectedKey);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, calls.length - 1);
  const wantFocus = useRef<number | null>(null);

  // No React Compiler in this build; the virtualizer re-renders the list itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: calls.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 44,
    overscan: 10,
    getItemKey: (i) => calls[i]!.key,
    // Before the first layout, and where there is no layout at all (a zero-height box, a test
    // DOM), assume a window-sized list rather than rendering no rows.
    initialRect: FALLBACK_RECT,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
  });

  // A call chosen elsewhere (an earlier call in a detail) scrolls into view.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  // Moving with the keyboard scrolls the row into view, then focuses it once it is rendered.
  useEffect(() => {
    const i = wantFocus.current;
    if (i === null) return;
    const el = listRef.current?.querySelector<HTMLButtonElement>(`[data-row-index="${i}"]`);
    if (el) {
      wantFocus.current = null;
      el.focus();
    }
  });

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(calls.length - 1, i));
    setActive(next);
    wantFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: calls.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    if (!(e.key in step)) return;
    e.preventDefault();
    moveTo(step[e.key]!);
  };

  return (
    <>
      <div className="history-columns" aria-hidden="true">
        <span>{t('history.column.time')}</span>
        <span>{t('history.direction')}</span>
        <span>{t('history.column.number')}</span>
        <span>{t('history.column.result')}</span>
        <span>{t('history.column.duration')}</span>
        <span>{t('wrapUp.legend')}</span>
      </div>
      <div className="history-scroll" ref={scrollRef}>
        <ul
          className="history-list"
          ref={listRef}
          style={{ height: virtualizer.getTotalSize() }}
          aria-labelledby="history-heading"
        >
          {virtualizer.getVirtualItems().map((item) => {
            const call = calls[item.index]!;
            const selected = item.index === selectedIndex;
            const detailId = `call-detail-${item.index}`;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-setsize={calls.length}
                aria-posinset={item.index + 1}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <div className="history-item">
                  <HistoryRow
                    call={call}
                    index={item.index}
                    selected={selected}
                    tabbable={item.index === (selectedIndex >= 0 ? selectedIndex : activeIndex)}
                    detailId={detailId}
                    onSelect={() => {
                      setActive(item.index);
                      onSelect(selected ? null : call);
                    }}
                    onKeyDown={(e) => onKeyDown(e, item.index)}
                  />
                  <CallBackButton call={call} onResult={onDialResult} />
                </div>
                {selected ? (
                  <div className="history-detail" id={detailId}>
                    <CallDetail callId={call.id} onSelect={onSelect} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </>
  );
}

function HistoryRow({
  call,
  index,
  selected,
  tabbable,
  detailId,
  onSelect,
  onKeyDown,
}: {
  call: CallView;
  index: number;
  selected: boolean;
  tabbable: boolean;
  detailId: string;
  onSelect: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => void;
}) {
  const { t, i18n } = useTranslation();
  const missed = call.outcome === 'missed';
  const talk = talkTime(call);
  return (
    <button
      type="button"
      className={`history-row${missed ? ' missed' : ''}`}
      data-row-index={index}
      tabIndex={tabbable ? 0 : -1}
      aria-expanded={selected}
      aria-controls={selected ? detailId : undefined}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
      onKeyDown={onKeyDown}
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
