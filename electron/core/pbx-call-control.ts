// Call control from the card through the HTTP API (it acts on the agent's extension's current
// call). The API cannot be asked whether a call is parked or recorded, so this keeps what the
// agent did through CallPop per call: the park state and the parked time (which Egards counts
// as hold time, through the CRM effects' parkedMs hook), the recording state and the consult
// call of an attended transfer. A destination is cleaned by the rule dialing uses (outside-line
// prefix included) and refused before anything is sent when it is not a number.
import { callKey } from '../../shared/call-tracker';
import { cleanDialNumber } from '../../shared/dial-number';
import type { PbxError, PbxResult } from '../../shared/pbx';
import type { CallControlResult, CallControlState, CardAction } from '../../shared/pbx-views';
import type { Clock, Logger } from './core-types';
import type { HttpApiClient } from './clients/pbx-http-api';

export interface CallControlDeps {
  http: HttpApiClient;
  httpOn(): boolean;
  extension(): string;
  /** dialer.outsideLinePrefix: a transfer to a public number needs it as a dial does. */
  outsideLinePrefix?(): string;
  clock: Clock;
  logger: Logger;
}

export interface CallControl {
  state(callId: string): CallControlState;
  act(callId: string, action: CardAction): Promise<CallControlResult>;
  /** Parked time of a call so far, the current park included. */
  parkedMs(key: string): number;
  /** Forget a call (ended and reported). */
  forget(key: string): void;
}

interface Tracked {
  parkedSince: number | null;
  parkedMs: number;
  recording: CallControlState['recording'];
  consulting: string | null;
}

const RECORDING_AFTER = {
  start: 'on',
  stop: 'off',
  pause: 'paused',
  resume: 'on',
} as const;

export function createCallControl(deps: CallControlDeps): CallControl {
  const calls = new Map<string, Tracked>();
  const get = (key: string): Tracked =>
    calls.get(key) ?? { parkedSince: null, parkedMs: 0, recording: 'off', consulting: null };

  function state(callId: string): CallControlState {
    const t = get(callKey(callId));
    return {
      callId,
      available: deps.httpOn(),
      parked: t.parkedSince !== null,
      parkedSince: t.parkedSince,
      parkedMs: t.parkedMs,
      recording: t.recording,
      consulting: t.consulting,
    };
  }

  /** The number 3CX is asked to call, or why there is none. */
  function destination(raw: string): { ok: true; dial: string } | { ok: false; error: PbxError } {
    const clean = cleanDialNumber(raw, deps.outsideLinePrefix?.() ?? '');
    return clean.ok
      ? { ok: true, dial: clean.dial }
      : { ok: false, error: { kind: 'invalid-input', message: clean.reason } };
  }

  async function send(action: CardAction): Promise<PbxResult<true>> {
    const ext = deps.extension();
    switch (action.kind) {
      case 'answer':
      case 'drop':
      case 'park':
      case 'unpark':
        return deps.http.callControl(ext, action.kind);
      case 'attendedTransfer': {
        if (action.destination === undefined) return deps.http.callControl(ext, action.kind);
        // The consult call: 3CX holds the caller while the agent's phone calls the colleague.
        const d = destination(action.destination);
        if (!d.ok) return d;
        const r = await deps.http.makeCall(ext, d.dial);
        return r.ok ? { ok: true, value: true, raw: r.raw } : r;
      }
      case 'transfer': {
        const d = destination(action.destination);
        if (!d.ok) return d;
        return deps.http.callControl(ext, 'transfer', d.dial);
      }
      case 'record':
        return deps.http.record(ext, action.action);
    }
  }

  return {
    state,
    async act(callId, action) {
      const key = callKey(callId);
      const r = await send(action);
      if (!r.ok) {
        deps.logger.warn(`call ${callId}: ${action.kind} refused: ${r.error.message}`);
        return { ok: false, error: r.error, state: state(callId) };
      }
      const t = { ...get(key) };
      const now = deps.clock.now();
      if (action.kind === 'park' && t.parkedSince === null) t.parkedSince = now;
      if (action.kind === 'unpark' && t.parkedSince !== null) {
        t.parkedMs += Math.max(0, now - t.parkedSince);
        t.parkedSince = null;
      }
      if (action.kind === 'record') t.recording = RECORDING_AFTER[action.action];
      const consult = action.kind === 'attendedTransfer' && action.destination !== undefined;
      const joined = action.kind === 'attendedTransfer' && !consult;
      if (consult) {
        const clean = cleanDialNumber(action.destination ?? '');
        t.consulting = clean.ok ? clean.number : null;
      } else if (action.kind === 'drop' && t.consulting !== null) {
        // Hanging up during a consult ends the consult call; the caller still waits on hold.
        t.consulting = null;
      } else if (action.kind === 'drop' || action.kind === 'transfer' || joined) {
        // The call left this extension: a park still open ends now.
        t.consulting = null;
        if (t.parkedSince !== null) t.parkedMs += Math.max(0, now - t.parkedSince);
        t.parkedSince = null;
        t.recording = 'off';
      }
      calls.set(key, t);
      deps.logger.info(`call ${callId}: ${action.kind} done`);
      return { ok: true, error: null, state: state(callId) };
    },
    parkedMs(key) {
      const t = calls.get(callKey(key));
      if (!t) return 0;
      return (
        t.parkedMs + (t.parkedSince !== null ? Math.max(0, deps.clock.now() - t.parkedSince) : 0)
      );
    },
    forget(key) {
      calls.delete(callKey(key));
    },
  };
}
