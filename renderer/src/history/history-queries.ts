// The history as main's query over the whole journal: one infinite query per filter, a page
// at a time as the agent scrolls. A pushed call goes into the pages that show it; a new call
// is put on top where the filter is simple enough to decide here (all, missed, today), and
// a number or name filter asks main again (main owns the matching rules).
import {
  infiniteQueryOptions,
  keepPreviousData,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import type { CallPopApi, CallView, CallsPage, HistoryFilter } from '../../../shared/ipc';
import { unwrap } from '../queries';

/** Calls per page: a few screens of rows. */
export const HISTORY_PAGE = 200;

export const historyKeys = {
  all: ['calls', 'find'] as const,
  filter: (f: HistoryFilter) => ['calls', 'find', f.kind, f.text.trim()] as const,
};

type Cursor = CallsPage['next'];

export const historyQuery = (api: CallPopApi, filter: HistoryFilter) =>
  infiniteQueryOptions({
    queryKey: historyKeys.filter(filter),
    queryFn: ({ pageParam }) => unwrap(api.findCalls(filter, pageParam, HISTORY_PAGE)),
    initialPageParam: null as Cursor,
    getNextPageParam: (last: CallsPage) => last.next,
    // A new filter keeps the old rows on screen until its first page is there.
    placeholderData: keepPreviousData,
  });

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** Whether a new call belongs on top of this filter's list; null: only main can say. */
function fitsOnTop(key: readonly unknown[], call: CallView, now: number): boolean | null {
  const [, , kind, text] = key;
  if (typeof text === 'string' && text !== '') return null;
  if (kind === 'missed') return call.outcome === 'missed';
  if (kind === 'today') return sameDay(call.startedAt, now);
  return true;
}

/** Writes one pushed call into every cached history page list. */
export function applyCallToHistory(client: QueryClient, call: CallView, now = Date.now()): void {
  for (const [key, data] of client.getQueriesData<InfiniteData<CallsPage, Cursor>>({
    queryKey: historyKeys.all,
  })) {
    if (!data) continue;
    const where = data.pages.findIndex((p) => p.calls.some((c) => c.key === call.key));
    if (where >= 0) {
      const pages = data.pages.map((p, i) =>
        i === where ? { ...p, calls: p.calls.map((c) => (c.key === call.key ? call : c)) } : p,
      );
      client.setQueryData(key, { ...data, pages });
      continue;
    }
    const fits = fitsOnTop(key, call, now);
    if (fits === null) void client.invalidateQueries({ queryKey: key, exact: true });
    else if (fits) {
      const [first, ...rest] = data.pages;
      if (!first) continue;
      const top = {
        ...first,
        calls: [call, ...first.calls],
        total: first.total === null ? null : first.total + 1,
      };
      client.setQueryData(key, { ...data, pages: [top, ...rest] });
    }
  }
}
