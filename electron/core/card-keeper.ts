// Closes the cards that need nothing more, as each call changes: the card-lifecycle rules
// applied by the one owner of open cards (the router). Closing here pushes popup.hide to every
// window; the call stays in the journal, the history and the missed count.
import { cardFate } from '../../shared/card-lifecycle';
import type { CallView, PushArgs } from '../../shared/ipc';
import type { Settings } from '../../shared/settings-schema';
import type { CallRouter } from './call-router';
import type { Logger } from './core-types';

export interface CardKeeper {
  /** After a call changed (its view as just pushed): close its card if the rules say so. */
  check(call: CallView): void;
}

export function createCardKeeper(deps: {
  router: Pick<CallRouter, 'cards' | 'dismiss'>;
  settings: () => Settings;
  now: () => number;
  push(...args: PushArgs): void;
  logger: Logger;
}): CardKeeper {
  return {
    check(call) {
      if (!deps.router.cards().includes(call.key)) return;
      const fate = cardFate(call, deps.settings().popup, deps.now());
      if (fate.kind !== 'close') return;
      if (!deps.router.dismiss(call.key)) return;
      deps.logger.info(`card of call ${call.id} closed by itself (${fate.reason})`);
      deps.push('popup.hide', { callId: call.id });
    },
  };
}
