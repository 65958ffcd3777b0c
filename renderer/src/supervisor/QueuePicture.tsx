// A queue at a glance, readable from across the room: four thick bars (logged in, free,
// talking, waiting) with large numbers, scaled to the queue's size. Waiting turns red when
// calls wait and nobody is free. One accessible image with the numbers spelled out.
import { useTranslation } from 'react-i18next';
import type { BoardQueue } from '../../../shared/pbx-views';

const ROWS = ['loggedIn', 'free', 'talking', 'waiting'] as const;

export function QueuePicture({ title, counts }: { title: string; counts: BoardQueue['counts'] }) {
  const { t } = useTranslation();
  const scale = Math.max(1, counts.members, counts.waiting);
  const alarm = counts.waiting > 0 && counts.free === 0;
  return (
    <div
      className={`queue-picture${alarm ? ' alarm' : ''}`}
      role="img"
      aria-label={t('pbx.board.picture', { queue: title, ...counts })}
    >
      {ROWS.map((row) => (
        <div key={row} className={`qp-row qp-${row}`} aria-hidden="true">
          <span className="qp-label">{t(`pbx.board.${row}`)}</span>
          <span className="qp-track">
            <span
              className="qp-bar"
              style={{ width: `${Math.round((counts[row] / scale) * 100)}%` }}
            />
          </span>
          <span className="qp-value">{counts[row]}</span>
        </div>
      ))}
    </div>
  );
}
