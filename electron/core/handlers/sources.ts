// sources.status, callcontrol.test and call.control: what the PBX event sources say about
// themselves, the administrator's Test connection for the 3CX Call Control API, and call
// control from the card (answer, hang up, divert, transfer) while that source follows the call.
import { cleanDialNumber } from '../../../shared/dial-number';
import { IpcFailure } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings-schema';
import type { EventSources } from '../sources/event-sources';
import type { Handlers } from './types';

export function sourceHandlers(deps: {
  sources: Pick<EventSources, 'statuses' | 'callControl' | 'get'>;
  settings: () => Settings;
  /** The id Call Control uses for a call CallPop may know by another source's id. */
  callControlId: (callId: string) => string;
}): Pick<Handlers, 'sources.status' | 'callcontrol.test' | 'call.control'> {
  return {
    'sources.status': () => deps.sources.statuses(),
    async 'callcontrol.test'() {
      const r = await deps.sources.callControl.testConnection(deps.settings().agent.extension);
      return r.ok
        ? { ok: true, kind: 'ok', message: r.message }
        : { ok: false, kind: r.kind, message: r.message };
    },
    async 'call.control'({ callId, action, destination }) {
      const source = deps.sources.get('call-control');
      if (!source?.legsOf)
        throw new IpcFailure({
          code: 'failed',
          message: 'Call control needs events.source call-control (or auto with Call Control on)',
        });
      if ((action === 'divert' || action === 'transferto') && !destination)
        throw new IpcFailure({ code: 'invalid-request', message: `${action} needs a destination` });
      // The destination is cleaned as a dial is (prefix included); a non-number is refused.
      let to = destination;
      if (destination !== undefined) {
        const clean = cleanDialNumber(destination, deps.settings().dialer.outsideLinePrefix);
        if (!clean.ok) throw new IpcFailure({ code: 'invalid-request', message: clean.reason });
        to = clean.dial;
      }
      const legs = source.legsOf(deps.callControlId(callId));
      // Answer the ringing leg; everything else acts on the leg the agent talks on.
      const want = action === 'answer' || action === 'divert' ? 'ringing' : 'connected';
      const leg = legs.find((l) => l.status.toLowerCase() === want) ?? legs[0];
      if (!leg)
        throw new IpcFailure({
          code: 'not-found',
          message: `3CX Call Control does not show call ${callId} on this extension`,
        });
      const r = await deps.sources.callControl.participant(leg.dn, leg.id, action, to);
      if (!r.ok) throw new IpcFailure({ code: 'failed', message: r.message });
      return null;
    },
  };
}
