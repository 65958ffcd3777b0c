// 3CX phonebook matches for what the agent types in Search contacts. A separate query from
// the local search, so the local results never wait: they show at once, the 3CX ones are
// appended when main has them. Only a number (3 digits or more) is sent; main keeps answers
// for the day, and the query waits for a pause in typing so the PBX is not asked per key.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api-context';
import { unwrap } from '../queries';

const TYPING_MS = 300;

export function looksLikeNumber(q: string): boolean {
  return /^[+(]?[\d\s\-./()]+$/.test(q.trim()) && (q.match(/\d/g)?.length ?? 0) >= 3;
}

export function usePhonebookSearch(query: string) {
  const api = useApi();
  const [asked, setAsked] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked(query.trim()), TYPING_MS);
    return () => window.clearTimeout(timer);
  }, [query]);
  const current = looksLikeNumber(asked) && asked === query.trim();
  const found = useQuery({
    queryKey: ['contacts', 'phonebook', asked],
    queryFn: () => unwrap(api.searchPhonebook(asked)),
    enabled: looksLikeNumber(asked),
    staleTime: 5 * 60_000,
  });
  // What was found for an earlier query is not shown under a new one.
  return current && found.data ? found.data : null;
}
