// Missed calls the agent has not looked at yet, counted in the window (and browser tab)
// title: `(2 missed) CallPop`. Looking at the window (visible and focused) counts as seen.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context';
import { callListQuery } from '../queries';
import { unseenMissed } from './history-filter';

const SEEN_KEY = 'callpop.missedSeenAt';

function readSeen(): number {
  const v = Number(window.localStorage.getItem(SEEN_KEY) ?? '0');
  return Number.isFinite(v) ? v : 0;
}

export function useMissedTitle(): number {
  const api = useApi();
  const { t } = useTranslation();
  const calls = useQuery(callListQuery(api));
  const [seenAt, setSeenAt] = useState(readSeen);
  const count = unseenMissed(calls.data ?? [], seenAt);

  useEffect(() => {
    const look = () => {
      if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
      const now = Date.now();
      window.localStorage.setItem(SEEN_KEY, String(now));
      setSeenAt(now);
    };
    // Seen once the agent has had the window in front for a moment, not on a stray flash.
    const timer = window.setInterval(look, 3000);
    window.addEventListener('focus', look);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', look);
    };
  }, []);

  useEffect(() => {
    document.title = count > 0 ? t('historyFilter.missedTitle', { count }) : t('app.title');
  }, [count, t]);
  return count;
}
