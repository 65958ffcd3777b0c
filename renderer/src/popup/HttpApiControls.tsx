// Call control on the card, through the HTTP API: Answer, Hang up, Transfer (a number, an
// extension or a contact's number), Attended transfer, Park / Unpark, Record start / stop /
// pause / resume. Each button is enabled only when the call's state allows it; the PBX's
// refusal is shown with its answer.
import { useId, useState, type KeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import type { BoardState, CallControlState, CardAction } from '../../../shared/pbx-views';
import { useApi } from '../api-context';
import { unwrap } from '../queries';
import { callControlQuery, pbxKeys } from '../pbx/pbx-queries';
import { pbxErrorText } from '../pbx/pbx-text';

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
  const [transferOpen, setTransferOpen] = useState(false);
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
      } else setTransferOpen(false);
    },
    onError: (err) => setMessage((err as Error).message),
  });
  const c = control.data;
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
          aria-expanded={transferOpen}
          disabled={!allowed.transfer || busy}
          onClick={() => setTransferOpen((o) => !o)}
        >
          {t('pbx.call.transfer')}
        </button>
        {button(t('pbx.call.attendedTransfer'), { kind: 'attendedTransfer' }, allowed.transfer)}
        {button(t('pbx.call.park'), { kind: 'park' }, allowed.park)}
        {button(t('pbx.call.unpark'), { kind: 'unpark' }, allowed.unpark)}
      </div>
      <div className="cc-row">
        {button(t('pbx.call.recordStart'), { kind: 'record', action: 'start' }, allowed.start)}
        {button(t('pbx.call.recordPause'), { kind: 'record', action: 'pause' }, allowed.pause)}
        {button(t('pbx.call.recordResume'), { kind: 'record', action: 'resume' }, allowed.resume)}
        {button(t('pbx.call.recordStop'), { kind: 'record', action: 'stop' }, allowed.stop)}
      </div>
      {transferOpen ? (
        <TransferForm
          busy={busy}
          onCancel={() => setTransferOpen(false)}
          onTransfer={(destination) => act.mutate({ kind: 'transfer', destination })}
        />
      ) : null}
      <p className="cc-state" role="status">
        {c?.parked ? <span className="badge cc-parked">{t('pbx.call.parked')}</span> : null}
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

function TransferForm(props: {
  busy: boolean;
  onCancel(): void;
  onTransfer(destination: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState('');
  const client = useQueryClient();
  // Colleagues the board knows (supervisors), offered as they type.
  const board = client.getQueryData<BoardState>(pbxKeys.board);
  const colleagues = new Map<string, string | null>();
  for (const q of board?.queues ?? []) for (const m of q.members) colleagues.set(m.num, m.name);
  for (const m of board?.members ?? []) if (!colleagues.has(m.num)) colleagues.set(m.num, m.name);
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    // Escape closes this form, not the whole card.
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      props.onCancel();
    }
  };
  return (
    <form
      className="cc-transfer"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) props.onTransfer(value.trim());
      }}
    >
      <label htmlFor={id}>{t('pbx.call.transferTo')}</label>
      <input
        id={id}
        type="tel"
        autoFocus
        value={value}
        placeholder={t('pbx.call.transferHint')}
        list={colleagues.size ? `${id}-list` : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      {colleagues.size ? (
        <datalist id={`${id}-list`}>
          {[...colleagues].map(([num, name]) => (
            <option key={num} value={num} label={name ?? num} />
          ))}
        </datalist>
      ) : null}
      <button type="submit" className="primary" disabled={!value.trim() || props.busy}>
        {t('pbx.call.transferGo')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('pbx.call.cancel')}
      </button>
    </form>
  );
}
