// One member table for both board modes: a row per member with their state and the
// all-queues switch. The third column is the caller's: the per-queue login switch on a REST
// queue, the presence on the HTTP API's list of extensions.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BoardChange, BoardMember } from '../../../shared/pbx-views';
import { PbxSwitch } from '../pbx/PbxSwitch';

export interface MemberColumn<M extends BoardMember> {
  heading: string;
  cell(member: M): ReactNode;
}

export function memberState(t: TFunction, m: BoardMember): string {
  if (m.registered === false) return t('pbx.board.notRegistered');
  if (m.busy === true) return t('pbx.board.busy');
  if (m.busy === false) return t('pbx.board.free');
  return m.registered ? t('pbx.board.registered') : t('pbx.unknown');
}

function memberClass(m: BoardMember): string {
  if (m.registered === false) return 'member-offline';
  if (m.busy) return 'member-busy';
  if (m.busy === false) return 'member-free';
  return 'member-unknown';
}

export function MemberRows<M extends BoardMember>(props: {
  members: M[];
  column: MemberColumn<M>;
  busy: boolean;
  onToggle(c: BoardChange): void;
}) {
  const { t } = useTranslation();
  return (
    <table className="board-members">
      <thead>
        <tr>
          <th scope="col">{t('pbx.board.member')}</th>
          <th scope="col">{t('pbx.board.state')}</th>
          <th scope="col">{props.column.heading}</th>
          <th scope="col">{t('pbx.board.allQueues')}</th>
        </tr>
      </thead>
      <tbody>
        {props.members.map((m) => (
          <tr key={m.num} className={memberClass(m)}>
            <th scope="row">
              <span className="member-num">{m.num}</span>
              {m.name ? (
                <>
                  {' '}
                  <span className="member-name">{m.name}</span>
                </>
              ) : null}
            </th>
            <td>
              <span className="member-dot" aria-hidden="true" /> {memberState(t, m)}
            </td>
            <td>{props.column.cell(m)}</td>
            <td>
              <PbxSwitch
                compact
                label={t('pbx.board.memberAllQueues', { extension: m.num })}
                checked={m.queuesGlobal}
                disabled={props.busy}
                onChange={(loggedIn) =>
                  props.onToggle({ kind: 'queues', extension: m.num, loggedIn })
                }
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
