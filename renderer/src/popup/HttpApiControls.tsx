// Call control on the card, through the HTTP API: Answer, Hang up, Transfer (a number, an
// extension or a contact's number), Attended transfer (a consult call to the destination,
// then Complete transfer joins the two calls), Park / Unpark, Record start / stop / pause /
// resume. Each button is enabled only when the call's state allows it; the PBX's
// refusal is shown with its answer.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import type { CallControlState, CardAction } from '../../../shared/pbx-views';
import { useApi } from '../api-context';
import { unwrap } from '../queries';
import { callControlQuery, pbxKeys } from '../pbx/pbx-queries';
import { pbxErrorText } from '../pbx/pbx-text';
import { TransferPicker } from './TransferPicker';

type Allowed = Record<
  'answer' | 'drop' | 'transfer' | 'park' | 'unpark' | 'start' | 'stop' | 'pause' | 'resume',
  boolean
>;

/** What the call's state allows. */
export function allowedActions(call: CallView, c: CallControlState | undefined): Allowed {
  const talking = call.state === 'connected';
  const parked = c?.parked ?? false;
  const rec = c?.recording ?? 'off';
  return {
    answer: call.state === 'ringing' && call.direction !== 'outbound',
    drop: call.state !== 'ended' && !parked,
    transfer: talking && !parked,
    park: talking && !parked,
    unpark: talking && parked,
    start: talking && !parked && rec === 'off',
    stop: talking && rec !== 'off',
    pause: talking && rec === 'on',
    resume: talking && rec === 'paused',
  };
}

/** The HTTP API's controls for one live call; `extension` names the agent in refusals. */
export function HttpApiControls({ call, extension }: { call: CallView; extension: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const control = useQuery(callControlQuery(api, call.id));
  const [message, setMessage] = useState<string | null>(null);
  const [picking, setPicking] = useState<'transfer' | 'attended' | null>(null);
  const act = useMutation({
    mutationFn: (action: CardAction) => unwrap(api.callAction(call.id, action)),
    onMutate: () => setMessage(null),
    onSuccess: (result) => {
      client.setQueryData(pbxKeys.call(call.id), result.state);
      if (!result.ok && result.error) {
        setMessage(
          t('pbx.refusedWith', {
            what: t('pbx.change.action'),
            reason: pbxErrorText(t, result.error, extension),
          }),
        );
      } else setPicking(null);
    },
    onError: (err) => setMessage((err as Error).message),
  });
  const c = control.data;
  const consulting = c?.consulting ?? null;
  const allowed = allowedActions(call, c);
  const busy = act.isPending;
  const button = (label: string, action: CardAction, enabled: boolean, extra = '') => (
    <button
      type="button"
      className={`cc-button ${extra}`}
      disabled={!enabled || busy}
      onClick={() => act.mutate(action)}
    >
      {label}
    </button>
  );

  return (
    <div className="call-controls" role="group" aria-label={t('pbx.call.controls')}>
      <div className="cc-row">
        {button(t('pbx.call.answer'), { kind: 'answer' }, allowed.answer, 'cc-answer')}
        {button(t('pbx.call.drop'), { kind: 'drop' }, allowed.drop, 'cc-drop')}
        <button
          type="button"
          className="cc-button"
          aria-expanded={picking === 'transfer'}
          disabled={!allowed.transfer || consulting !== null || busy}
          onClick={() => setPicking((p) => (p === 'transfer' ? null : 'transfer'))}
        >
          {t('pbx.call.transfer')}
        </button>
        {consulting === null ? (
          <button
            type="button"
            className="cc-button"
            aria-expanded={picking === 'attended'}
            disabled={!allowed.transfer || busy}
            onClick={() => setPicking((p) => (p === 'attended' ? null : 'attended'))}
          >
            {t('pbx.call.attendedTransfer')}
          </button>
        ) : (
          button(t('pbx.pick.complete'), { kind: 'attendedTransfer' }, allowed.transfer, 'primary')
        )}
        {button(t('pbx.call.park'), { kind: 'park' }, allowed.park)}
        {button(t('pbx.call.unpark'), { kind: 'unpark' }, allowed.unpark)}
      </div>
      <div className="cc-row">
        {button(t('pbx.call.recordStart'), { kind: 'record', action: 'start' }, allowed.start)}
        {button(t('pbx.call.recordPause'), { kind: 'record', action: 'pause' }, allowed.pause)}
        {button(t('pbx.call.recordResume'), { kind: 'record', action: 'resume' }, allowed.resume)}
        {button(t('pbx.call.recordStop'), { kind: 'record', action: 'stop' }, allowed.stop)}
      </div>
      {picking ? (
        <TransferPicker
          key={picking}
          autoFocus
          label={picking === 'transfer' ? t('pbx.call.transferTo') : t('pbx.pick.consultTo')}
          go={picking === 'transfer' ? t('pbx.call.transferGo') : t('pbx.pick.consultGo')}
          busy={busy}
          onCancel={() => setPicking(null)}
          onPick={(destination) =>
            act.mutate(
              picking === 'transfer'
                ? { kind: 'transfer', destination }
                : { kind: 'attendedTransfer', destination },
            )
          }
        />
      ) : null}
      <p className="cc-state" role="status">
        {c?.parked ? <span className="badge cc-parked">{t('pbx.call.parked')}</span> : null}
        {consulting !== null ? (
          <span className="badge">{t('pbx.pick.consulting', { number: consulting })}</span>
        ) : null}
        {c?.recording === 'on' ? (
          <span className="badge cc-recording">{t('pbx.call.recording')}</span>
        ) : null}
        {c?.recording === 'paused' ? (
          <span className="badge">{t('pbx.call.recordingPaused')}</span>
        ) : null}
      </p>
      {message ? (
        <p role="alert" className="pbx-refusal">
          {message}
        </p>
      ) : null}
    </div>
  );
}
