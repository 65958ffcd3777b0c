import { memo, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { countryName } from '../../../shared/phone';
import { useApi, useAppStoreApi } from '../api-context';
import { callDetailQuery } from '../queries';
import { callTitle, formatWhen, numberText, stateText, statusLabel } from '../format';
import { logTo } from '../logging';
import { CallControls } from './CallControls';
import { CallTimer } from './CallTimer';
import { CrmBadge } from './CrmBadge';
import { WrapUpForm } from './WrapUpForm';
import { AddCallerButton, CallerName } from './CallerName';
import { useWrapUp } from './use-wrap-up';
import { usePaintReport } from './use-paint-report';
import { useNextFrame } from '../use-next-frame';

/**
 * One call's screen pop: who is calling, what we know, and the wrap-up form. Folded, it is one
 * line (caller, state, timer); focusing it or its line opens it again.
 */
export const CallCard = memo(function CallCard({
  call,
  folded = false,
  openedByAgent = false,
  onExpand,
}: {
  call: CallView;
  folded?: boolean;
  /** The agent opened this card from its folded line (not the stack making room). */
  openedByAgent?: boolean;
  /** Stable across renders (the stack passes one function for every card). */
  onExpand?: (key: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const store = useAppStoreApi();
  const draft = useWrapUp(call);
  const title = callTitle(t, call);
  const sectionRef = useRef<HTMLElement>(null);
  const wasFolded = useRef(folded);
  // Opening a folded card removes the line the agent clicked: keep the focus on the card.
  // A card the stack unfolds by itself (another was hidden) never takes the focus.
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (wasFolded.current && !folded && openedByAgent && (!active || active === document.body))
      sectionRef.current?.focus();
    wasFolded.current = folded;
  }, [folded, openedByAgent]);
  // The latency budget's last marks; reported after the paint, never in its way.
  usePaintReport(call.id, (id, renderedAt, paintedAt) => {
    api.reportPaint(id, renderedAt, paintedAt).catch(() => {});
  });

  const dismiss = () => {
    store.getState().hideCard(call.id);
    api
      .dismissPopup(call.id)
      .then((r) => {
        if (!r.ok) logTo(api, 'warn', `popup.dismiss ${call.id} failed: ${r.error.message}`);
      })
      .catch(() => {});
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      dismiss();
      return;
    }
    draft.handleKey(e);
  };

  const stateClass = `card card-${call.state} ${call.outcome === 'missed' ? 'card-missed' : ''}`;
  const hide = (
    <button type="button" className="icon-button" aria-label={t('card.hide')} onClick={dismiss}>
      <span aria-hidden="true">×</span>
    </button>
  );

  if (folded) {
    return (
      <section
        role="dialog"
        aria-label={title}
        data-call-id={call.id}
        data-call-number={call.number ?? undefined}
        tabIndex={0}
        ref={sectionRef}
        className={`${stateClass} card-folded`}
        onKeyDown={onKeyDown}
        // The agent went to this card (Tab, a click on its line): it opens and stays open.
        onFocus={() => onExpand?.(call.key)}
      >
        <div className="card-fold-row">
          <button
            type="button"
            className="card-unfold"
            // Named by what it shows (caller and state); "collapsed" says it opens.
            aria-expanded={false}
            onClick={() => onExpand?.(call.key)}
          >
            <span className="caller-line">{numberText(t, call)}</span>
            <span className={`state state-${call.outcome ?? call.state}`}>
              {stateText(t, call)}
            </span>
          </button>
          <CallTimer call={call} />
          {hide}
        </div>
        <PhoneFacts call={call} />
        <CrmBadge crm={call.crm} />
      </section>
    );
  }

  return (
    <section
      role="dialog"
      aria-label={title}
      data-call-id={call.id}
      data-call-number={call.number ?? undefined}
      tabIndex={0}
      ref={sectionRef}
      className={stateClass}
      onKeyDown={onKeyDown}
    >
      <header className="card-head">
        <span className="direction">{t(`call.direction.${call.direction}`)}</span>
        <span className={`state state-${call.outcome ?? call.state}`}>
          {call.state === 'ended' && call.outcome
            ? `${t('call.state.ended')} · ${stateText(t, call)}`
            : stateText(t, call)}
        </span>
        <CallTimer call={call} />
        {hide}
      </header>
      <CallerName call={call} />
      <p className={call.caller ? 'number' : 'caller number'}>{numberText(t, call)}</p>
      {/* Where the number is from and what the CRM knows share a line when they fit. */}
      <div className="card-facts">
        <PhoneFacts call={call} />
        <CrmBadge crm={call.crm} />
      </div>
      <AddCallerButton call={call} />
      <CallControls call={call} />
      <EarlierCalls call={call} />
      <WrapUpForm call={call} draft={draft} keyHint />
    </section>
  );
});

/** Country, city and line type, in the UI language. */
export function PhoneFacts({ call }: { call: CallView }) {
  const { t, i18n } = useTranslation();
  const phone = call.phone;
  if (!phone) return null;
  const parts = [
    countryName(phone.country, i18n.language),
    phone.city,
    t(`call.lineType.${phone.lineType}`),
  ].filter((p): p is string => !!p);
  return <p className="facts">{parts.join(' · ')}</p>;
}

/**
 * How often this number called before and the last wrap-up it got, in one line; the calls
 * themselves open under it (the card must fit the popup window with the wrap-up in view).
 */
function EarlierCalls({ call }: { call: CallView }) {
  // Asked for from the next frame on: the request, its cache entry and the render of its
  // answer never stand between a new call and the frame that shows its card.
  const asked = useNextFrame(call.key);
  return asked && call.number !== null ? <EarlierCallsLine call={call} /> : null;
}

function EarlierCallsLine({ call }: { call: CallView }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const detail = useQuery(callDetailQuery(api, call.id));
  const history = detail.data?.history ?? [];
  if (call.number === null || !detail.data) return null;
  if (history.length === 0) return <p className="earlier">{t('card.firstCall')}</p>;
  const lastWrapped = history.find((c) => c.wrapUp !== null);
  return (
    <details className="earlier">
      <summary>
        <span>{t('card.earlierCalls', { count: history.length })}</span>
        {lastWrapped?.wrapUp ? (
          <>
            {' · '}
            <span className="last-wrapup">
              {t('card.lastWrapUp', { status: statusLabel(t, lastWrapped.wrapUp.status) })}
            </span>
          </>
        ) : null}
      </summary>
      <ul>
        {history.slice(0, 3).map((c) => (
          <li key={c.key}>
            {formatWhen(c.startedAt, i18n.language)} · {stateText(t, c)}
            {c.wrapUp ? ` · ${statusLabel(t, c.wrapUp.status)}` : ''}
            {c.wrapUp?.comments ? <q>{c.wrapUp.comments}</q> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
