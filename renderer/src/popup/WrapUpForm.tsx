import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { WRAP_UP_STATUSES, type CallView } from '../../../shared/ipc';
import { statusLabel } from '../format';
import { DeliveryList } from './DeliveryList';
import type { WrapUpDraft } from './use-wrap-up';

/**
 * Status radios, Comments and Save. Keyboard handling sits on the container (card, detail);
 * with `keyHint` the card's keys are shown beside Save.
 */
export function WrapUpForm({
  call,
  draft,
  keyHint = false,
}: {
  call: CallView;
  draft: WrapUpDraft;
  keyHint?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { saveState } = draft;
  return (
    <form
      className="wrapup"
      onSubmit={(e) => {
        e.preventDefault();
        draft.save();
      }}
    >
      <fieldset>
        <legend>{t('wrapUp.legend')}</legend>
        <div className="statuses">
          {WRAP_UP_STATUSES.map((status, i) => (
            <label key={status} className="status-option">
              <input
                type="radio"
                name={`${id}-status`}
                value={status}
                checked={draft.status === status}
                onChange={() => draft.setStatus(status)}
              />
              <span>{statusLabel(t, status)}</span>
              <kbd aria-hidden="true">{i + 1}</kbd>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="comments" htmlFor={`${id}-comments`}>
        {t('wrapUp.comments')}
      </label>
      <textarea
        id={`${id}-comments`}
        rows={3}
        maxLength={10_000}
        value={draft.comments}
        onChange={(e) => draft.setComments(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saveState.kind === 'saving'}>
          {t('wrapUp.save')}
        </button>
        <SaveMessage state={saveState} />
        {keyHint ? <KeyHint /> : null}
      </div>
      {saveState.kind === 'saved' ? <DeliveryList deliveries={call.deliveries} /> : null}
    </form>
  );
}

/** The card's keys, each part kept whole on its line ("Esc hides" never splits). */
function KeyHint() {
  const { t } = useTranslation();
  const parts = [t('card.hint.status'), t('card.hint.save'), t('card.hint.hide')];
  return (
    <p className="hint">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? '\u00a0· ' : null}
          <span>{part}</span>
        </Fragment>
      ))}
    </p>
  );
}

function SaveMessage({ state }: { state: WrapUpDraft['saveState'] }) {
  const { t } = useTranslation();
  switch (state.kind) {
    case 'saving':
      return <span role="status">{t('wrapUp.saving')}</span>;
    case 'saved':
      return (
        <span role="status" className="saved">
          {state.revision > 1
            ? t('wrapUp.savedRevision', { revision: state.revision })
            : t('wrapUp.saved')}
        </span>
      );
    case 'needs-status':
      return (
        <span role="alert" className="error">
          {t('wrapUp.chooseStatus')}
        </span>
      );
    case 'error':
      return (
        <span role="alert" className="error">
          {t('wrapUp.saveFailed', { error: state.error })}
        </span>
      );
    default:
      return <span role="status" />;
  }
}
