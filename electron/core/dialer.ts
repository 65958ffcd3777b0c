// Dialing, four ways by dialer.via: the 3CX Assistant client (`tcx.assistant.client.exe -cmd
// makecall:NUMBER`, spawned with an argument array, never a shell), the HTTP API's makecall,
// the REST API's makecall or V20 Call Control's makecall (through the PBX clients, injected).
// The number is cleaned once, the same way for all four; a refused number starts nothing and
// requests nothing. A failed dial says why (client not found, PBX unreachable, PBX said no)
// and is logged.
import type { Logger, SpawnFn } from './core-types';
import type { Settings } from '../../shared/settings-schema';
import { cleanDialNumber } from '../../shared/dial-number';
import { PublicError } from './public-error';
import type { CcResult } from './clients/call-control';

export const DEFAULT_ASSISTANT_CLIENT = 'tcx.assistant.client.exe';

export type DialVia = Settings['dialer']['via'];

export type DialFailure =
  | 'refused-number'
  | 'not-configured'
  | 'client-not-found'
  | 'client-failed'
  | 'pbx-unreachable'
  | 'pbx-refused';

// Its message is written for the agent, so the UI shows it (scrubbed) instead of the generic
// internal-error sentence.
export class DialError extends PublicError {
  constructor(
    readonly failure: DialFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What the PBX clients' makeCall gives back (structurally their PbxResult). */
export type MakeCallResult =
  | { ok: true; value: string | null }
  | { ok: false; error: { kind: string; message: string; raw?: string } };

/** Call Control's makecall answer as the dialer reads every PBX's: the call id when 3CX gives one. */
export function callControlResult(r: CcResult<unknown>): MakeCallResult {
  if (!r.ok) return { ok: false, error: { kind: r.kind, message: r.message } };
  const id = (r.value as { result?: { callid?: unknown } } | null)?.result?.callid;
  return {
    ok: true,
    value: typeof id === 'number' || typeof id === 'string' ? String(id) : null,
  };
}

/** `makeCall(extension, destination)` of the HTTP API, REST API or Call Control client. */
export type MakeCall = (extension: string, destination: string) => Promise<MakeCallResult>;

export interface DialResult {
  via: DialVia;
  /** What 3CX was asked to dial (outside-line prefix included). */
  dialed: string;
  /** The customer's number as cleaned, without the prefix: what the journal keeps. */
  number: string;
  /** The PBX's call id, when it gives one. */
  callId?: string | null;
}

export interface Dialer {
  dial(number: string): Promise<DialResult>;
}

export interface DialerDeps {
  spawn: SpawnFn;
  settings: () => Settings;
  logger: Logger;
  /** The HTTP API client's makeCall; absent when CallPop has none. */
  httpApiMakeCall?: MakeCall;
  restApiMakeCall?: MakeCall;
  /** Call Control's makecall (POST /callcontrol/<ext>/makecall), adapted to MakeCallResult. */
  callControlMakeCall?: MakeCall;
}

/** The digits 3CX should dial (kept for callers of the old name). */
export function dialString(number: string, prefix: string): string {
  const clean = cleanDialNumber(number, prefix);
  if (!clean.ok) throw new DialError('refused-number', clean.reason);
  return clean.dial;
}

const VIA_NAMES: Record<DialVia, string> = {
  assistant: 'the 3CX Assistant client',
  'http-api': 'the 3CX HTTP API',
  'rest-api': 'the 3CX REST API',
  'call-control': 'the 3CX Call Control API',
};

function viaAssistant(deps: DialerDeps, dialed: string): Promise<void> {
  const s = deps.settings().dialer;
  const exe = s.assistantPath || DEFAULT_ASSISTANT_CLIENT;
  // One argument, "makecall:<digits>": the number was checked to be digits, + * # only.
  const args = ['-cmd', `makecall:${dialed}`];
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = deps.spawn(exe, args, {
        shell: false,
        windowsHide: true,
        stdio: 'ignore',
        detached: false,
      });
    } catch (e) {
      reject(
        new DialError(
          'client-failed',
          `Could not start the 3CX Assistant client (${(e as Error).message})`,
        ),
      );
      return;
    }
    child.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT')
        reject(
          new DialError(
            'client-not-found',
            `Could not dial ${dialed}: the 3CX Assistant client was not found at "${exe}"; set dialer.assistantPath in Settings`,
          ),
        );
      else
        reject(
          new DialError(
            'client-failed',
            `Could not dial ${dialed}: the 3CX Assistant client failed (${e.message})`,
          ),
        );
    });
    child.once('spawn', () => resolve());
  });
}

async function viaPbx(
  via: Exclude<DialVia, 'assistant'>,
  makeCall: MakeCall | undefined,
  extension: string,
  dialed: string,
): Promise<string | null> {
  const who = VIA_NAMES[via];
  if (!makeCall)
    throw new DialError(
      'not-configured',
      `Could not dial ${dialed}: ${who} is not available in this CallPop`,
    );
  if (!/^\d{1,8}$/.test(extension))
    throw new DialError(
      'not-configured',
      `Could not dial ${dialed} through ${who}: set your extension (agent.extension) in Settings`,
    );
  const r = await makeCall(extension, dialed);
  if (r.ok) return r.value;
  const { kind, message, raw } = r.error;
  if (kind === 'unreachable')
    throw new DialError(
      'pbx-unreachable',
      `Could not dial ${dialed}: the PBX is unreachable (${message})`,
    );
  if (kind === 'not-configured')
    throw new DialError('not-configured', `Could not dial ${dialed}: ${message}`);
  throw new DialError(
    'pbx-refused',
    `Could not dial ${dialed}: the PBX said no (${raw ? `${message}: ${raw}` : message})`,
  );
}

export function createDialer(deps: DialerDeps): Dialer {
  return {
    async dial(number) {
      const s = deps.settings();
      const via = s.dialer.via;
      const clean = cleanDialNumber(number, s.dialer.outsideLinePrefix);
      if (!clean.ok) {
        deps.logger.warn(`dial refused: ${clean.reason}`);
        throw new DialError('refused-number', `Not dialed: ${clean.reason}`);
      }
      const { dial: dialed } = clean;
      try {
        let callId: string | null | undefined;
        if (via === 'assistant') await viaAssistant(deps, dialed);
        else if (via === 'http-api')
          callId = await viaPbx(via, deps.httpApiMakeCall, s.agent.extension, dialed);
        else if (via === 'rest-api')
          callId = await viaPbx(via, deps.restApiMakeCall, s.agent.extension, dialed);
        else if (via === 'call-control')
          callId = await viaPbx(via, deps.callControlMakeCall, s.agent.extension, dialed);
        else
          throw new DialError(
            'not-configured',
            `Could not dial ${dialed}: "${String(via)}" is not a way CallPop dials; choose another dialer.via in Settings`,
          );
        deps.logger.info(
          `dial ${dialed} via ${VIA_NAMES[via]}${callId ? ` (call ${callId})` : ''}`,
        );
        return { via, dialed, number: clean.number, ...(callId !== undefined ? { callId } : {}) };
      } catch (e) {
        const err =
          e instanceof DialError
            ? e
            : new DialError('client-failed', `Could not dial ${dialed}: ${(e as Error).message}`);
        deps.logger.warn(
          `dial ${dialed} via ${VIA_NAMES[via]} failed (${err.failure}): ${err.message}`,
        );
        throw err;
      }
    },
  };
}
