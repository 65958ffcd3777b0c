import type { KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { countryName } from '../../../shared/phone';
import { useApi } from '../api-context';
import { callDetailQuery } from '../queries';
import {
  callTitle,
  formatDuration,
  formatWhen,
  numberText,
  stateText,
  statusLabel,
  talkTime,
} from '../format';
import { CrmBadge } from '../popup/CrmBadge';
import { CallTimer } from '../popup/CallTimer';
import { DeliveryList } from '../popup/DeliveryList';
import { WrapUpForm } from '../popup/WrapUpForm';
import { useWrapUp } from '../popup/use-wrap-up';

/** One call from the history: its facts, its wrap-up (editable) and earlier calls. */
export function CallDetail({
  callId,
  onSelect,
}: {
  callId: string;
  onSelect: (call: CallView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const detail = useQuery(callDetailQuery(api, callId));

  if (detail.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (detail.isError) {
    return (
      <p role="alert" className="error">
        {detail.error.message}
      </p>
    );
  }
  return (
    <DetailBody
      key={detail.data.call.key}
      call={detail.data.call}
      history={detail.data.history}
      onSelect={onSelect}
    />
  );
}

function DetailBody({
  call,
  history,
  onSelect,
}: {
  call: CallView;
  history: CallView[];
  onSelect: (call: CallView) => void;
}) {
  const { t, i18n } = useTranslation();
  const draft = useWrapUp(call);
  const talk = talkTime(call);
  const phone = call.phone;
  const country = countryName(phone?.country ?? null, i18n.language);

  return (
    <article
      className="detail"
      aria-label={callTitle(t, call)}
      onKeyDown={(e: KeyboardEvent) => draft.handleKey(e)}
    >
      <h2>{numberText(t, call)}</h2>
      <dl className="facts-grid">
        <dt>{t('history.direction')}</dt>
        <dd>{t(`call.direction.${call.direction}`)}</dd>
        <dt>{t('call.started')}</dt>
        <dd>{formatWhen(call.startedAt, i18n.language)}</dd>
        <dt>{t('history.state')}</dt>
        <dd className={`state-${call.outcome ?? call.state}`}>{stateText(t, call)}</dd>
        <dt>{t('call.talkTime')}</dt>
        <dd>
          {call.state === 'connected' ? (
            <CallTimer call={call} />
          ) : talk === null ? (
            t('call.noDuration')
          ) : (
            formatDuration(talk)
          )}
        </dd>
        {country ? (
          <>
            <dt>{t('history.country')}</dt>
            <dd>{country}</dd>
          </>
        ) : null}
        {phone?.city ? (
          <>
            <dt>{t('history.city')}</dt>
            <dd>{phone.city}</dd>
          </>
        ) : null}
        {phone ? (
          <>
            <dt>{t('history.lineType')}</dt>
            <dd>{t(`call.lineType.${phone.lineType}`)}</dd>
          </>
        ) : null}
      </dl>
      <CrmBadge crm={call.crm} />
      <WrapUpForm call={call} draft={draft} />
      {draft.saveState.kind !== 'saved' && call.deliveries.length > 0 ? (
        <DeliveryList deliveries={call.deliveries} />
      ) : null}
      <section aria-labelledby="earlier-heading" className="earlier-calls">
        <h3 id="earlier-heading">{t('history.earlierHeading')}</h3>
        {history.length === 0 ? (
          <p className="muted">{t('history.noEarlier')}</p>
        ) : (
          <ul>
            {history.map((c) => (
              <li key={c.key}>
                <button type="button" className="link" onClick={() => onSelect(c)}>
                  {formatWhen(c.startedAt, i18n.language)} · {stateText(t, c)} ·{' '}
                  {c.wrapUp ? statusLabel(t, c.wrapUp.status) : t('wrapUp.none')}
                </button>
                {c.wrapUp?.comments ? <q className="muted"> {c.wrapUp.comments}</q> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
