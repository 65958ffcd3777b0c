// TanStack Query factories for the PBX views. The agent bar and the board poll every 10 s
// while the window is visible (TanStack pauses interval refetches while the document is
// hidden); a poll is a background read, which main skips during its backoff after the PBX
// stopped answering.
import { queryOptions } from '@tanstack/react-query';
import type { CallPopApi } from '../../../shared/ipc';
import { callKey } from '../../../shared/call-tracker';
import { unwrap } from '../queries';

export const PBX_POLL_MS = 10_000;

export const pbxKeys = {
  agent: ['pbx', 'agent'] as const,
  board: ['pbx', 'board'] as const,
  call: (callId: string) => ['pbx', 'call', callKey(callId)] as const,
};

export const agentQuery = (api: CallPopApi) =>
  queryOptions({
    queryKey: pbxKeys.agent,
    queryFn: () => unwrap(api.pbxAgent(true)),
    refetchInterval: PBX_POLL_MS,
    refetchIntervalInBackground: false,
  });

export const boardQuery = (api: CallPopApi) =>
  queryOptions({
    queryKey: pbxKeys.board,
    queryFn: () => unwrap(api.pbxBoard(true)),
    refetchInterval: PBX_POLL_MS,
    refetchIntervalInBackground: false,
  });

export const callControlQuery = (api: CallPopApi, callId: string) =>
  queryOptions({
    queryKey: pbxKeys.call(callId),
    queryFn: () => unwrap(api.callControl(callId)),
  });
