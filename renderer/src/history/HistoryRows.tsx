// The history's rows, virtualised (a journal runs to thousands of calls), loaded a page at a
// time as the agent scrolls. The list is one Tab stop: ↑ ↓ Home End PageUp PageDown move
// between rows, Enter or Space opens the detail under the row, C calls the row back, → reaches
// the row's Call back button (← returns).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import {
  formatDuration,
  formatWhen,
  numberText,
  stateText,
  statusLabel,
  talkTime,
} from '../format';
import { CallDetail } from './CallDetail';
import { CallBackButton, useCallBack } from './CallBackButton';

/** Rows from the end of what is loaded at which the next page is asked for. */
const LOAD_AHEAD = 40;

const FALLBACK_RECT = { width: 1000, height: 800 };

export function VirtualRows({
  calls,
  total,
  selectedKey,
  onSelect,
  onDialResult,
  onNeedMore,
}: {
  calls: CallView[];
  /** How many calls the filter selects in all (more than are loaded while paging). */
  total: number;
  selectedKey: string | null;
  onSelect: (call: CallView | null) => void;
  onDialResult: (error: string | null) => void;
  /** The agent is near the end of the loaded rows: load the next page, if there is one. */
  onNeedMore: () => void;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const selectedIndex = calls.findIndex((c) => c.key === selectedKey);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, calls.length - 1);
  const wantFocus = useRef<number | null>(null);
  const callBack = useCallBack(onDialResult);

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

  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (lastShown >= calls.length - LOAD_AHEAD) onNeedMore();
  }, [lastShown, calls.length, onNeedMore]);

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

  const focusRow = (i: number) =>
    listRef.current?.querySelector<HTMLButtonElement>(`[data-row-index="${i}"]`)?.focus();

  /** The list's own keys; true when the key was one of them. */
  const navigate = (e: KeyboardEvent<HTMLButtonElement>, index: number): boolean => {
    const step: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: calls.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    if (!(e.key in step) || e.altKey || e.ctrlKey || e.metaKey) return false;
    e.preventDefault();
    moveTo(step[e.key]!);
    return true;
  };

  const onRowKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (navigate(e, index)) return;
    const call = calls[index];
    if (!call || e.altKey || e.ctrlKey || e.metaKey) return;
    // The C key in any layout (on a Russian keyboard it types С).
    if (e.code === 'KeyC' || /^[cCсС]$/.test(e.key)) {
      e.preventDefault();
      void callBack(call);
    } else if (e.key === 'ArrowRight') {
      const button = e.currentTarget.parentElement?.querySelector<HTMLButtonElement>('.call-back');
      if (button) {
        e.preventDefault();
        button.focus();
      }
    }
  };

  const onCallBackKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (navigate(e, index)) return;
    if (e.key === 'ArrowLeft') {
      e.preventDefault();
      focusRow(index);
    }
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
          {items.map((item) => {
            const call = calls[item.index]!;
            const selected = item.index === selectedIndex;
            const detailId = `call-detail-${item.index}`;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-setsize={Math.max(total, calls.length)}
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
                    onKeyDown={(e) => onRowKeyDown(e, item.index)}
                  />
                  <CallBackButton
                    call={call}
                    onResult={onDialResult}
                    onKeyDown={(e) => onCallBackKeyDown(e, item.index)}
                  />
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
