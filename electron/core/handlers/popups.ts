// popup.list and popup.dismiss: which cards are open, and the agent closing one.
import { callKey, type CallRecord } from '../../../shared/call-tracker';
import type { CallView, PushArgs } from '../../../shared/ipc';
import type { CallRouter } from '../call-router';
import type { Handlers } from './types';

export interface PopupHandlerDeps {
  router: CallRouter;
  view(call: CallRecord): CallView;
  push(...args: PushArgs): void;
}

export function popupHandlers(
  deps: PopupHandlerDeps,
): Pick<Handlers, 'popup.list' | 'popup.dismiss'> {
  const { router, view, push } = deps;
  return {
    'popup.list': () =>
      router
        .cards()
        .map((k) => router.get(k))
        .filter((c): c is CallRecord => c !== undefined)
        .map(view),
    'popup.dismiss': ({ callId }) => {
      const key = callKey(callId);
      router.dismiss(key);
      push('popup.hide', { callId: router.get(key)?.id ?? callId });
      return null;
    },
  };
}
