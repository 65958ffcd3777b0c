// Missed calls the agent has not looked at yet, counted in the window (and browser tab)
// title: `(2 missed) CallPop`. The count and the "looked" mark are main's, so the tray, the
// desktop window and every browser tab show one number. Having the window in front (visible
// and focused) for a moment is looking: the renderer tells main, and the count goes to 0.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context';
import { missedQuery, queryKeys } from '../queries';
import { logTo } from '../logging';

/** How long the window must stay in front before its missed calls count as seen. */
export const LOOK_MS = 2000;

export function useMissedTitle(): number {
  const api = useApi();
  const client = useQueryClient();
  const { t } = useTranslation();
  const missed = useQuery(missedQuery(api));
  const count = missed.data?.count ?? 0;

  useEffect(() => {
    let timer: number | undefined;
    const inFront = () => document.visibilityState === 'visible' && document.hasFocus();
    const look = () => {
      window.clearTimeout(timer);
      if (!inFront()) return;
      // Seen once the agent has had the window in front for a moment, not on a stray flash.
      timer = window.setTimeout(() => {
        if (!inFront() || count === 0) return;
        void api.markMissedSeen().then((r) => {
          if (r.ok) client.setQueryData(queryKeys.missed, r.value);
          else logTo(api, 'warn', `missed.seen failed: ${r.error.message}`);
        });
      }, LOOK_MS);
    };
    look();
    window.addEventListener('focus', look);
    document.addEventListener('visibilitychange', look);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('focus', look);
      document.removeEventListener('visibilitychange', look);
    };
    // A new missed call while the window is in front is seen after the same moment.
  }, [api, client, count]);

  useEffect(() => {
    document.title = count > 0 ? t('historyFilter.missedTitle', { count }) : t('app.title');
  }, [count, t]);
  return count;
}
