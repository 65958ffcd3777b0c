// The supervisor board (when `supervisor.enabled`): each queue with a picture of logged in /
// free / talking / waiting, and its members with their state and login switches
// (`<extension> in queue <queue>`, `<extension> in all queues`). A toggle shows its result; a
// refused one shows the PBX's state again with its answer. While the PBX is unreachable the
// last board stays, marked stale with the time of the last update.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type {
  BoardChange,
  BoardMember,
  BoardQueue,
  BoardQueueMember,
  BoardState,
} from '../../../shared/pbx-views';
import { useApi } from '../api-context';
import { settingsQuery, unwrap } from '../queries';
import { boardQuery, pbxKeys } from '../pbx/pbx-queries';
import { clockTime, freshnessText, pbxErrorText } from '../pbx/pbx-text';
import { PbxSwitch } from '../pbx/PbxSwitch';
import { MemberRows } from './MemberRows';
import { QueuePicture } from './QueuePicture';

function expected(s: BoardState, c: BoardChange): BoardState {
  const queues = s.queues.map((q) => ({
    ...q,
    members: q.members.map((m) => {
      if (m.num !== c.extension) return m;
      if (c.kind === 'queue') return q.num === c.queue ? { ...m, loggedIn: c.loggedIn } : m;
      return { ...m, queuesGlobal: c.loggedIn };
    }),
  }));
  const members = s.members.map((m) =>
    m.num === c.extension && c.kind === 'queues' ? { ...m, queuesGlobal: c.loggedIn } : m,
  );
  return { ...s, queues, members };
}

export function SupervisorBoard() {
  const api = useApi();
  const settings = useQuery(settingsQuery(api));
  if (!settings.data?.settings.supervisor.enabled) return null;
  return <Board />;
}

type Outcome = { ok: boolean; text: string } | null;

function Board() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const query = useQuery(boardQuery(api));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const change = useMutation({
    mutationFn: (c: BoardChange) => unwrap(api.changeBoard(c)),
    onMutate: async (c) => {
      setOutcome(null);
      await client.cancelQueries({ queryKey: pbxKeys.board });
      const prev = client.getQueryData<BoardState>(pbxKeys.board);
      if (prev) client.setQueryData(pbxKeys.board, expected(prev, c));
      return { prev };
    },
    onSuccess: (result, c) => {
      client.setQueryData(pbxKeys.board, result.state);
      const what = changeName(t, c);
      setOutcome(
        result.ok || !result.error
          ? { ok: true, text: `${what}: ${c.loggedIn ? t('pbx.on') : t('pbx.off')}` }
          : {
              ok: false,
              text: t('pbx.refusedWith', {
                what,
                reason: pbxErrorText(t, result.error, c.extension),
              }),
            },
      );
    },
    onError: (err, _c, ctx) => {
      if (ctx?.prev) client.setQueryData(pbxKeys.board, ctx.prev);
      setOutcome({ ok: false, text: (err as Error).message });
    },
  });
  const s = query.data;
  const fresh = s ? freshnessText(t, i18n.language, s) : null;
  const toggle = (c: BoardChange) => change.mutate(c);

  return (
    <section className={`board${s?.stale ? ' stale' : ''}`} aria-label={t('pbx.board.heading')}>
      <header className="board-head">
        <h2>{t('pbx.board.title')}</h2>
        {s && s.mode === 'rest' ? (
          <span className="board-waiting">{t('pbx.board.waitingTotal', { count: s.waiting })}</span>
        ) : null}
        {s?.fetchedAt ? (
          <span className="muted small">
            {t('pbx.board.updated', { time: clockTime(s.fetchedAt, i18n.language) })}
          </span>
        ) : null}
      </header>
      {fresh ? (
        <p role="status" className="pbx-stale">
          {fresh}
        </p>
      ) : null}
      {outcome ? (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'pbx-done' : 'pbx-refusal'}
        >
          {outcome.text}
        </p>
      ) : null}
      {query.isError ? (
        <p role="alert" className="error">
          {query.error.message}
        </p>
      ) : null}
      {s && !s.stale && s.error && s.mode === 'off' ? (
        <p className="muted">{pbxErrorText(t, s.error)}</p>
      ) : null}
      {s?.mode === 'rest' && s.queues.length === 0 && s.fetchedAt ? (
        <p className="muted">{t('pbx.board.empty')}</p>
      ) : null}
      {s?.mode === 'rest' ? (
        <div className="board-queues">
          {s.queues.map((q) => (
            <QueueSection key={q.num} queue={q} busy={change.isPending} onToggle={toggle} />
          ))}
        </div>
      ) : null}
      {s?.mode === 'http' ? (
        <>
          <p className="muted">{t('pbx.board.httpOnly')}</p>
          <ExtensionTable members={s.members} busy={change.isPending} onToggle={toggle} />
        </>
      ) : null}
    </section>
  );
}

function changeName(t: TFunction, c: BoardChange): string {
  return c.kind === 'queue'
    ? t('pbx.board.memberInQueue', { extension: c.extension, queue: c.queue })
    : t('pbx.board.memberAllQueues', { extension: c.extension });
}

function queueTitle(t: TFunction, q: { num: string; name: string | null }): string {
  return q.name
    ? t('pbx.board.queueNamed', { name: q.name, num: q.num })
    : t('pbx.board.queue', { num: q.num });
}

function QueueSection(props: { queue: BoardQueue; busy: boolean; onToggle(c: BoardChange): void }) {
  const { t } = useTranslation();
  const q = props.queue;
  const title = queueTitle(t, q);
  return (
    <section className="board-queue" aria-label={title}>
      <h3>{title}</h3>
      <QueuePicture title={title} counts={q.counts} />
      <MemberRows
        members={q.members}
        busy={props.busy}
        onToggle={props.onToggle}
        column={{
          heading: t('pbx.board.inQueue'),
          cell: (m: BoardQueueMember) => (
            <PbxSwitch
              compact
              label={t('pbx.board.memberInQueue', { extension: m.num, queue: q.num })}
              checked={m.loggedIn}
              disabled={props.busy}
              onChange={(loggedIn) =>
                props.onToggle({ kind: 'queue', extension: m.num, queue: q.num, loggedIn })
              }
            />
          ),
        }}
      />
    </section>
  );
}

/** With only the HTTP API: `supervisor.extensions`, their presence instead of a queue login. */
function ExtensionTable(props: {
  members: BoardMember[];
  busy: boolean;
  onToggle(c: BoardChange): void;
}) {
  const { t } = useTranslation();
  return (
    <MemberRows
      members={props.members}
      busy={props.busy}
      onToggle={props.onToggle}
      column={{
        heading: t('pbx.status'),
        cell: (m) => (m.presence ? t(`pbx.presence.${m.presence}`) : t('pbx.unknown')),
      }}
    />
  );
}
