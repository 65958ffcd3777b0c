// The agent bar: presence (`Status`), `Ready`, `Logged in to queues` and, with the REST API,
// the login of each of the agent's own queues. It shows what the PBX says (polled), changes
// optimistically, and when the PBX refuses it shows the PBX's state again with its answer.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Select } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { PRESENCE_IDS, type PresenceId } from '../../../shared/pbx';
import type { AgentBarState, AgentChange } from '../../../shared/pbx-views';
import { useApi } from '../api-context';
import { settingsQuery, unwrap } from '../queries';
import { agentQuery, pbxKeys } from '../pbx/pbx-queries';
import { freshnessText, pbxErrorText } from '../pbx/pbx-text';
import { PbxSwitch } from '../pbx/PbxSwitch';

/** The state as it should look once the PBX has done what was asked. */
function expected(s: AgentBarState, c: AgentChange): AgentBarState {
  switch (c.kind) {
    case 'presence':
      return { ...s, presence: c.presence };
    case 'ready':
      return { ...s, ready: c.ready, queuesLoggedIn: c.ready };
    case 'queues':
      return { ...s, queuesLoggedIn: c.loggedIn };
    case 'queue':
      return {
        ...s,
        queues: s.queues.map((q) => (q.queue === c.queue ? { ...q, loggedIn: c.loggedIn } : q)),
      };
  }
}

export function usePbxConfigured(): boolean {
  const api = useApi();
  const settings = useQuery(settingsQuery(api));
  const pbx = settings.data?.settings.pbx;
  return !!pbx && (pbx.httpApi.enabled || pbx.restApi.enabled);
}

export function AgentBar() {
  const configured = usePbxConfigured();
  if (!configured) return null;
  return <AgentBarControls />;
}

function AgentBarControls() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const query = useQuery(agentQuery(api));
  const [refusal, setRefusal] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (c: AgentChange) => unwrap(api.changeAgent(c)),
    onMutate: async (c) => {
      setRefusal(null);
      await client.cancelQueries({ queryKey: pbxKeys.agent });
      const prev = client.getQueryData<AgentBarState>(pbxKeys.agent);
      if (prev) client.setQueryData(pbxKeys.agent, expected(prev, c));
      return { prev };
    },
    onSuccess: (result, c) => {
      // The state read right after the change: on a refusal this is the roll-back.
      client.setQueryData(pbxKeys.agent, result.state);
      if (!result.ok && result.error) {
        setRefusal(
          t('pbx.refusedWith', {
            what: t(`pbx.change.${c.kind}`),
            reason: pbxErrorText(t, result.error, result.state.extension),
          }),
        );
      }
    },
    onError: (err, _c, ctx) => {
      if (ctx?.prev) client.setQueryData(pbxKeys.agent, ctx.prev);
      setRefusal((err as Error).message);
    },
  });

  const s = query.data;
  const busy = change.isPending;
  const fresh = s ? freshnessText(t, i18n.language, s) : null;
  const setupProblem = s && !s.available && s.error ? pbxErrorText(t, s.error) : null;

  return (
    <section className="agent-bar" aria-label={t('pbx.agentBar')}>
      <div className="agent-controls">
        <PresenceSelect
          value={s?.presence ?? null}
          disabled={!s?.available || !s.can.presence || busy}
          onChange={(presence) => change.mutate({ kind: 'presence', presence })}
        />
        <PbxSwitch
          label={t('pbx.ready')}
          checked={s?.ready ?? null}
          disabled={!s?.available || !s.can.ready || busy}
          onChange={(ready) => change.mutate({ kind: 'ready', ready })}
        />
        <PbxSwitch
          label={t('pbx.queuesLogin')}
          checked={s?.queuesLoggedIn ?? null}
          disabled={!s?.available || !s.can.queuesLogin || busy}
          onChange={(loggedIn) => change.mutate({ kind: 'queues', loggedIn })}
        />
        {busy ? (
          <span role="status" className="muted">
            {t('pbx.saving')}
          </span>
        ) : null}
      </div>
      {s && s.can.perQueue && s.queues.length > 0 ? (
        <fieldset className="agent-queues">
          <legend>{t('pbx.myQueues')}</legend>
          {s.queues.map((q) => (
            <PbxSwitch
              key={q.queue}
              label={
                q.name
                  ? t('pbx.queueLoginNamed', { name: q.name, queue: q.queue })
                  : t('pbx.queueLogin', { queue: q.queue })
              }
              checked={q.loggedIn}
              disabled={busy}
              onChange={(loggedIn) => change.mutate({ kind: 'queue', queue: q.queue, loggedIn })}
            />
          ))}
        </fieldset>
      ) : null}
      {refusal ? (
        <p role="alert" className="pbx-refusal">
          {refusal}
        </p>
      ) : null}
      {fresh ? (
        <p role="status" className="pbx-stale">
          {fresh}
        </p>
      ) : null}
      {setupProblem ? <p className="muted">{setupProblem}</p> : null}
      {query.isError ? (
        <p role="alert" className="error">
          {query.error.message}
        </p>
      ) : null}
    </section>
  );
}

function PresenceSelect(props: {
  value: PresenceId | null;
  disabled: boolean;
  onChange(p: PresenceId): void;
}) {
  const { t } = useTranslation();
  return (
    <span className="presence">
      <span id="pbx-status-label" className="field-label">
        {t('pbx.status')}
      </span>
      <Select.Root
        value={props.value ?? undefined}
        disabled={props.disabled}
        onValueChange={(v) => props.onChange(v as PresenceId)}
      >
        <Select.Trigger
          className={`select-trigger presence-${props.value ?? 'unknown'}`}
          aria-labelledby="pbx-status-label"
        >
          <Select.Value placeholder={t('pbx.presenceUnknown')} />
          <Select.Icon className="select-icon" aria-hidden="true">
            ▾
          </Select.Icon>
        </Select.Trigger>
        <Select.Portal>
          <Select.Content className="select-content" position="popper" sideOffset={4}>
            <Select.Viewport>
              {PRESENCE_IDS.map((id) => (
                <Select.Item key={id} value={id} className={`select-item presence-${id}`}>
                  <Select.ItemText>{t(`pbx.presence.${id}`)}</Select.ItemText>
                </Select.Item>
              ))}
            </Select.Viewport>
          </Select.Content>
        </Select.Portal>
      </Select.Root>
    </span>
  );
}
