// Call control on the card, through the HTTP API: Answer, Hang up, Transfer (a number, an
// extension or a contact's number), Attended transfer (a consult call to the destination,
// then Complete transfer joins the two calls), Park / Unpark, Record start / stop / pause /
// resume. Each button is enabled only when the call's state allows it; the PBX's
// refusal is shown with its answer. The set is one row of icon buttons (named by their label,
// which is also their tooltip) so the card keeps the caller and the wrap-up in its window
// whatever the language: ten labelled buttons took four rows in German and Russian.
import { useState, type ReactNode } from 'react';
import {
  Circle,
  Pause,
  Phone,
  PhoneForwarded,
  PhoneOff,
  Play,
  Square,
  SquareParking,
  SquareParkingOff,
  Users,
} from 'lucide-react';
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
  const button = (
    label: string,
    icon: ReactNode,
    action: CardAction,
    enabled: boolean,
    extra = '',
  ) => (
    <IconButton
      label={label}
      icon={icon}
      className={extra}
      disabled={!enabled || busy}
      onClick={() => act.mutate(action)}
    />
  );

  return (
    <div className="call-controls" role="group" aria-label={t('pbx.call.controls')}>
      <div className="cc-row">
        <span className="cc-group">
          {button(t('pbx.call.answer'), <Phone />, { kind: 'answer' }, allowed.answer, 'cc-answer')}
          {button(t('pbx.call.drop'), <PhoneOff />, { kind: 'drop' }, allowed.drop, 'cc-drop')}
        </span>
        <span className="cc-group">
          <IconButton
            label={t('pbx.call.transfer')}
            icon={<PhoneForwarded />}
            expanded={picking === 'transfer'}
            disabled={!allowed.transfer || consulting !== null || busy}
            onClick={() => setPicking((p) => (p === 'transfer' ? null : 'transfer'))}
          />
          {consulting === null ? (
            <IconButton
              label={t('pbx.call.attendedTransfer')}
              icon={<Users />}
              expanded={picking === 'attended'}
              disabled={!allowed.transfer || busy}
              onClick={() => setPicking((p) => (p === 'attended' ? null : 'attended'))}
            />
          ) : null}
        </span>
        <span className="cc-group">
          {button(t('pbx.call.park'), <SquareParking />, { kind: 'park' }, allowed.park)}
          {button(t('pbx.call.unpark'), <SquareParkingOff />, { kind: 'unpark' }, allowed.unpark)}
        </span>
        <span className="cc-group">
          {button(
            t('pbx.call.recordStart'),
            <Circle />,
            { kind: 'record', action: 'start' },
            allowed.start,
            'cc-record',
          )}
          {button(
            t('pbx.call.recordPause'),
            <Pause />,
            { kind: 'record', action: 'pause' },
            allowed.pause,
          )}
          {button(
            t('pbx.call.recordResume'),
            <Play />,
            { kind: 'record', action: 'resume' },
            allowed.resume,
          )}
          {button(
            t('pbx.call.recordStop'),
            <Square />,
            { kind: 'record', action: 'stop' },
            allowed.stop,
          )}
        </span>
        {consulting !== null ? (
          // The one step that finishes what the agent started: in words, not an icon.
          <button
            type="button"
            className="primary cc-complete"
            disabled={!allowed.transfer || busy}
            onClick={() => act.mutate({ kind: 'attendedTransfer' })}
          >
            {t('pbx.pick.complete')}
          </button>
        ) : null}
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

/**
 * A square button showing only its icon; its label is its accessible name (hidden text, so
 * the name is computed as for any button) and its tooltip.
 */
function IconButton({
  label,
  icon,
  className = '',
  disabled,
  expanded,
  onClick,
}: {
  label: string;
  icon: ReactNode;
  className?: string;
  disabled: boolean;
  expanded?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`cc-button ${className}`}
      title={label}
      aria-expanded={expanded}
      disabled={disabled}
      onClick={onClick}
    >
      <span className="cc-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}
