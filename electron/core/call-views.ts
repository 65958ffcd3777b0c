// A call record as the UI sees it: the journal's record plus the number's country and place,
// the latest wrap-up, and what the CRM outbox knows (lookup badge, delivery states).
import type { CallRecord } from '../../shared/call-tracker';
import type { CallerName, CallView } from '../../shared/ipc';
import { phoneInfo, type PhoneInfo } from '../../shared/phone';
import type { Settings } from '../../shared/settings-schema';
import type { Logger } from './core-types';
import type { Journal } from './journal';

const PHONES_KEPT = 64;

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
  // A call's number is parsed for every view of it (a new call has two: its card and its
  // change), and parsing is the costliest part of a view: remember the last few numbers.
  const phones = new Map<string, PhoneInfo>();
  function phoneOf(number: string): PhoneInfo {
    const key = `${deps.settings().agent.defaultCountry}\u0000${number}`;
    let info = phones.get(key);
    if (!info) {
      info = phoneInfo(number, deps.settings().agent.defaultCountry);
      if (phones.size >= PHONES_KEPT) phones.delete(phones.keys().next().value!);
      phones.set(key, info);
    }
    return info;
  }
  return function view(call) {
    const plain: CallView = {
      ...call,
      phone: call.number ? phoneOf(call.number) : null,
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
