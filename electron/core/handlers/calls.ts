// calls.list, calls.get and wrapup.save: the journal's calls as views, and the agent's outcome.
import { callKey } from '../../../shared/call-tracker';
import { IpcFailure, type CallView, type PushArgs, type WrapUp } from '../../../shared/ipc';
import type { CallRecord } from '../../../shared/call-tracker';
import type { CallRouter } from '../call-router';
import type { Clock, Logger } from '../core-types';
import type { Journal } from '../journal';
import type { Handlers } from './types';

/** Earlier calls with the same number shown under a call's detail. */
export const HISTORY_LIMIT = 10;

export interface CallHandlerDeps {
  journal: Journal;
  router: CallRouter;
  clock: Clock;
  logger: Logger;
  view(call: CallRecord): CallView;
  push(...args: PushArgs): void;
  /** The CRM outbox hears about every saved wrap-up. */
  wrapUpSaved(call: CallRecord, wrapUp: WrapUp): void;
}

export function noSuchCall(callId: string): IpcFailure {
  return new IpcFailure({ code: 'not-found', message: `no call with id ${callId}` });
}

export function callHandlers(
  deps: CallHandlerDeps,
): Pick<Handlers, 'calls.list' | 'calls.get' | 'wrapup.save'> {
  const { journal, router, view, push } = deps;
  return {
    'calls.list': ({ limit }) => journal.list(limit ?? 200).map(view),
    'calls.get': ({ callId }) => {
      const call = router.get(callKey(callId));
      if (!call) throw noSuchCall(callId);
      return {
        call: view(call),
        // Only calls that started before this one: a card never lists a later call as earlier.
        history: call.number
          ? journal.history(call.number, call.key, HISTORY_LIMIT, call.startedAt).map(view)
          : [],
      };
    },
    'wrapup.save': ({ callId, status, comments }) => {
      const key = callKey(callId);
      const call = router.get(key);
      if (!call) throw noSuchCall(callId);
      const wrap = journal.saveWrapUp(key, status, comments, deps.clock.now());
      deps.logger.info(
        `wrap-up saved for call ${call.id}: ${wrap.status} (revision ${wrap.revision})`,
      );
      deps.wrapUpSaved(call, wrap);
      const v = view(call);
      push('call.updated', v);
      // Outcome recorded after the call: the card has done its job (two keystrokes, gone).
      if (call.state === 'ended' && router.dismiss(key)) push('popup.hide', { callId: call.id });
      return v;
    },
  };
}
