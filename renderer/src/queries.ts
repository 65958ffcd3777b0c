// TanStack Query over IPC: each factory keeps its key and its function together. Main owns the
// network and already retries, so queries never retry and never wait for "online".
import { QueryClient, queryOptions } from '@tanstack/react-query';
import {
  IpcFailure,
  type CallDetail,
  type CallPopApi,
  type CallView,
  type Result,
} from '../../shared/ipc';
import { callKey } from '../../shared/call-tracker';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, networkMode: 'always', refetchOnWindowFocus: false },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

/** A failed IPC result becomes a query error carrying main's code, message and field messages. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new IpcFailure(result.error);
  return result.value;
}

export const queryKeys = {
  calls: ['calls'] as const,
  callDetails: ['calls', 'detail'] as const,
  callDetail: (callId: string) => ['calls', 'detail', callKey(callId)] as const,
  outbox: ['outbox'] as const,
  settings: ['settings'] as const,
  sources: ['sources'] as const,
  missed: ['missed'] as const,
};

export const callDetailQuery = (api: CallPopApi, callId: string) =>
  queryOptions({
    queryKey: queryKeys.callDetail(callId),
    queryFn: () => unwrap(api.getCall(callId)),
  });

// Main pushes every change of these (and after a reconnect everything is invalidated):
// a component mounting (each new card) must not fetch them again.
const PUSHED = { staleTime: Infinity } as const;

/** Missed calls not looked at yet: main's count (the tray shows the same), kept by its push. */
export const missedQuery = (api: CallPopApi) =>
  queryOptions({ queryKey: queryKeys.missed, queryFn: () => unwrap(api.missedCalls()), ...PUSHED });

export const outboxQuery = (api: CallPopApi) =>
  queryOptions({
    queryKey: queryKeys.outbox,
    queryFn: () => unwrap(api.outboxSummary()),
    ...PUSHED,
  });

export const sourcesQuery = (api: CallPopApi) =>
  queryOptions({
    queryKey: queryKeys.sources,
    queryFn: () => unwrap(api.sourcesStatus()),
    ...PUSHED,
  });

export const settingsQuery = (api: CallPopApi) =>
  queryOptions({
    queryKey: queryKeys.settings,
    queryFn: () => unwrap(api.getSettings()),
    ...PUSHED,
  });

/**
 * Puts a changed call (a push carries its final view) into every cached place it appears, so
 * nothing is fetched again for it. Only a detail whose earlier-calls list may now gain this
 * call (same number, not listed yet) is refetched: main decides what counts as the same number.
 */
export function applyCallToCache(client: QueryClient, call: CallView): void {
  for (const [key, detail] of client.getQueriesData<CallDetail>({
    queryKey: queryKeys.callDetails,
  })) {
    if (!detail) continue;
    if (detail.call.key === call.key) {
      client.setQueryData<CallDetail>(key, { ...detail, call });
    } else if (detail.history.some((c) => c.key === call.key)) {
      const history = detail.history.map((c) => (c.key === call.key ? call : c));
      client.setQueryData<CallDetail>(key, { ...detail, history });
    } else if (sameNumber(detail.call, call)) {
      void client.invalidateQueries({ queryKey: key, exact: true });
    }
  }
}

function sameNumber(a: CallView, b: CallView): boolean {
  if (a.phone?.e164 && b.phone?.e164) return a.phone.e164 === b.phone.e164;
  return a.number !== null && a.number === b.number;
}
