// Call control from the card through the HTTP API (it acts on the agent's extension's current
// call). The API cannot be asked whether a call is parked or recorded, so this keeps what the
// agent did through CallPop per call: the park state and the parked time (which Egards counts
// as hold time, through the CRM effects' parkedMs hook) and the recording state.
import { callKey } from '../../shared/call-tracker';
import type { PbxResult } from '../../shared/pbx';
import type { CallControlResult, CallControlState, CardAction } from '../../shared/pbx-views';
import type { Clock, Logger } from './core-types';
import type { HttpApiClient } from './clients/pbx-http-api';

export interface CallControlDeps {
  http: HttpApiClient;
  httpOn(): boolean;
  extension(): string;
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
    calls.get(key) ?? { parkedSince: null, parkedMs: 0, recording: 'off' };

  function state(callId: string): CallControlState {
    const t = get(callKey(callId));
    return {
      callId,
      available: deps.httpOn(),
      parked: t.parkedSince !== null,
      parkedSince: t.parkedSince,
      parkedMs: t.parkedMs,
      recording: t.recording,
    };
  }

  async function send(action: CardAction): Promise<PbxResult<true>> {
    const ext = deps.extension();
    switch (action.kind) {
      case 'answer':
      case 'drop':
      case 'attendedTransfer':
      case 'park':
      case 'unpark':
        return deps.http.callControl(ext, action.kind);
      case 'transfer':
        return deps.http.callControl(ext, 'transfer', action.destination);
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
      if (action.kind === 'drop' || action.kind === 'transfer') {
        // The call left this extension: a park still open ends now.
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
