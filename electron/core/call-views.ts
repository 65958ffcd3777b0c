// A call record as the UI sees it: the journal's record plus the number's country and place,
// the latest wrap-up, and what the CRM outbox knows (lookup badge, delivery states).
import type { CallRecord } from '../../shared/call-tracker';
import type { CallerName, CallView } from '../../shared/ipc';
import { phoneInfo } from '../../shared/phone';
import type { Settings } from '../../shared/settings-schema';
import type { Logger } from './core-types';
import type { Journal } from './journal';

export function createCallViews(deps: {
  journal: Pick<Journal, 'latestWrapUp'>;
  settings: () => Settings;
  logger: Logger;
  /** Adds the CRM badge and delivery states; a failure there still shows the call. */
  decorate(view: CallView): CallView;
  /** Who the number belongs to, from what is known now (never waits for the PBX). */
  caller?(number: string): CallerName | null;
}): (call: CallRecord) => CallView {
  function callerOf(number: string | null): CallerName | null {
    if (!number || !deps.caller) return null;
    try {
      return deps.caller(number);
    } catch (err) {
      deps.logger.error(`caller lookup failed: ${(err as Error).message}`);
      return null;
    }
  }
  return function view(call) {
    const plain: CallView = {
      ...call,
      phone: call.number ? phoneInfo(call.number, deps.settings().agent.defaultCountry) : null,
      caller: callerOf(call.number),
      wrapUp: deps.journal.latestWrapUp(call.key),
      crm: { state: 'off' },
      deliveries: [],
    };
    try {
      return deps.decorate(plain);
    } catch (err) {
      deps.logger.error(`decorate failed: ${(err as Error).message}`);
      return plain;
    }
  };
}
