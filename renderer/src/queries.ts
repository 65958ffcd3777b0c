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

export const HISTORY_LIMIT = 500;

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
  callList: ['calls', 'list'] as const,
  callDetails: ['calls', 'detail'] as const,
  callDetail: (callId: string) => ['calls', 'detail', callKey(callId)] as const,
  outbox: ['outbox'] as const,
  settings: ['settings'] as const,
};

export const callListQuery = (api: CallPopApi) =>
  queryOptions({
    queryKey: queryKeys.callList,
    queryFn: () => unwrap(api.listCalls(HISTORY_LIMIT)),
  });

export const callDetailQuery = (api: CallPopApi, callId: string) =>
  queryOptions({
    queryKey: queryKeys.callDetail(callId),
    queryFn: () => unwrap(api.getCall(callId)),
  });

export const outboxQuery = (api: CallPopApi) =>
  queryOptions({ queryKey: queryKeys.outbox, queryFn: () => unwrap(api.outboxSummary()) });

export const settingsQuery = (api: CallPopApi) =>
  queryOptions({ queryKey: queryKeys.settings, queryFn: () => unwrap(api.getSettings()) });

/** Puts a changed call into every cached place it appears, then refetches the details. */
export function applyCallToCache(client: QueryClient, call: CallView): void {
  client.setQueryData(queryKeys.callList, (list: CallView[] | undefined) => {
    if (!list) return list;
    const i = list.findIndex((c) => c.key === call.key);
    if (i < 0) return [call, ...list].sort((a, b) => b.startedAt - a.startedAt);
    const next = list.slice();
    next[i] = call;
    return next;
  });
  client.setQueryData(queryKeys.callDetail(call.id), (d: CallDetail | undefined) =>
    d ? { ...d, call } : d,
  );
  // Earlier-call lists of other calls with this number may show it too.
  void client.invalidateQueries({ queryKey: queryKeys.callDetails });
}
