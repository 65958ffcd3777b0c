// The 3CX HTTP API client (seed: the German "3CX HTTP API" document): GET
// <pbx.httpApi.baseUrl>/<command>/<extension>[/<value>]. Every segment that comes from data is
// validated, then URL-encoded. `/stop` ends the whole API for every user of the PBX, so this
// client has no way to send it: paths are only built from the command table below.
// The German text lists `/ready/` under "Notready": a typo, `notready` is used.
import type { Settings } from '../../../shared/settings-schema';
import type {
  CallControlAction,
  PbxCapabilities,
  PbxClient,
  PbxError,
  PbxResult,
  PresenceId,
  RecordAction,
  ReadOptions,
} from '../../../shared/pbx';
import { cleanDestination, isPbxNumber, PRESENCE_IDS, RECORD_ACTIONS } from '../../../shared/pbx';
import { createPbxTransport, httpStatusError, type PbxDeps } from './pbx-transport';
import { HTTP_API_WHO, parseHttpApiAnswer, type HttpApiAnswerKind } from './pbx-http-api-answers';

export type HttpApiSettings = Settings['pbx']['httpApi'];

/** The commands this client sends; nothing else can become a path (no `stop`). */
const COMMANDS = [
  'ready',
  'notready',
  'login',
  'logout',
  'setstatus',
  'showstatus',
  'makecall',
  'answer',
  'drop',
  'transfer',
  'atttrans',
  'park',
  'unpark',
  'record',
  'divert',
  'getcallerid',
  'showallcalls',
] as const;
type Command = (typeof COMMANDS)[number];

const CALL_CONTROL_COMMAND: Record<CallControlAction, Command> = {
  answer: 'answer',
  drop: 'drop',
  transfer: 'transfer',
  attendedTransfer: 'atttrans',
  park: 'park',
  unpark: 'unpark',
  divert: 'divert',
};

export const HTTP_API_CAPABILITIES: PbxCapabilities = {
  presence: true,
  readiness: true,
  queueLoginAll: true,
  queueLoginPerQueue: false,
  queueLists: false,
  extensionState: false,
  dial: true,
  callControl: true,
  liveCalls: true,
  phonebook: false,
};

export interface HttpApiClient extends PbxClient {
  readonly api: 'http-api';
  /** `logout/<ext>`: out of the queues and set to Away. */
  logout(ext: string): Promise<PbxResult<true>>;
}

function fail<T>(error: PbxError): PbxResult<T> {
  return { ok: false, error };
}

function invalid(what: string, value: string): PbxError {
  return {
    kind: 'invalid-input',
    message: `not a valid ${what}: ${JSON.stringify(value.slice(0, 40))}`,
  };
}

function unsupported(what: string): PbxError {
  return { kind: 'unsupported', message: `${HTTP_API_WHO} cannot ${what}` };
}

export function httpApiProblem(s: HttpApiSettings): string | null {
  if (!s.enabled) return 'The 3CX HTTP API is switched off in Settings';
  if (!s.baseUrl.trim()) return 'Set the 3CX HTTP API address in Settings';
  return null;
}

export function createHttpApiClient(deps: PbxDeps, settings: () => HttpApiSettings): HttpApiClient {
  const transport = createPbxTransport(deps, HTTP_API_WHO, () => []);

  /** Path segments must already be validated; they are encoded here. */
  function urlFor(command: Command, segments: readonly string[]): string {
    const base = settings().baseUrl.trim().replace(/\/+$/, '');
    return [base, command, ...segments.map((s) => encodeURIComponent(s))].join('/');
  }

  async function call(
    command: Command,
    segments: readonly string[],
    kind: HttpApiAnswerKind,
    background = false,
  ): Promise<PbxResult<unknown>> {
    const problem = httpApiProblem(settings());
    if (problem) return fail({ kind: 'not-configured', message: problem });
    if (!COMMANDS.includes(command)) return fail(unsupported(`send ${command}`));
    const url = urlFor(command, segments);
    const shown = transport.scrub(url);
    const out = await transport.get(url, shown, background);
    if (!out.ok) return out;
    if (out.status < 200 || out.status >= 300) {
      const error = httpStatusError(HTTP_API_WHO, out.status, out.body, transport.scrub);
      deps.logger.warn(`${command} refused`, { url: shown, status: out.status });
      return fail(error);
    }
    // Overloads pick the value type per kind; here the kind is a variable.
    const parsed = (parseHttpApiAnswer as (b: string, k: HttpApiAnswerKind) => PbxResult<unknown>)(
      out.body,
      kind,
    );
    if (!parsed.ok) {
      const error = { ...parsed.error, message: transport.scrub(parsed.error.message) };
      if (error.raw !== undefined) error.raw = transport.scrub(error.raw);
      deps.logger.warn(`${command}: ${error.message}`, { url: shown });
      return fail(error);
    }
    return parsed;
  }

  function ext(value: string): string | null {
    return isPbxNumber(value) ? value : null;
  }

  const client: HttpApiClient = {
    api: 'http-api',
    capabilities: HTTP_API_CAPABILITIES,
    health: transport.health,

    async setPresence(e, presence: PresenceId) {
      if (!ext(e)) return fail(invalid('extension', e));
      if (!PRESENCE_IDS.includes(presence)) return fail(invalid('status', String(presence)));
      return call('setstatus', [e, presence], 'status') as Promise<PbxResult<PresenceId | null>>;
    },
    async getPresence(e, opts?: ReadOptions) {
      if (!ext(e)) return fail(invalid('extension', e));
      return call('showstatus', [e], 'status', opts?.background) as Promise<
        PbxResult<PresenceId | null>
      >;
    },
    async setReady(e, ready) {
      if (!ext(e)) return fail(invalid('extension', e));
      return call(ready ? 'ready' : 'notready', [e], 'boolean') as Promise<PbxResult<true>>;
    },
    async setQueuesLogin(e, loggedIn) {
      if (!ext(e)) return fail(invalid('extension', e));
      return call('login', [e, loggedIn ? 'login_all' : 'logout_all'], 'boolean') as Promise<
        PbxResult<true>
      >;
    },
    async setQueueLogin() {
      return fail(unsupported('log in to one queue (only to all queues)'));
    },
    async logout(e) {
      if (!ext(e)) return fail(invalid('extension', e));
      return call('logout', [e], 'boolean') as Promise<PbxResult<true>>;
    },
    async listQueues() {
      return fail(unsupported('list queues'));
    },
    async queueMembers() {
      return fail(unsupported('list queue members'));
    },
    async queueFree() {
      return fail(unsupported('list free queue members'));
    },
    async queueTalking() {
      return fail(unsupported('list talking queue members'));
    },
    async extensionState() {
      return fail(unsupported('read an extension state'));
    },
    async makeCall(e, dest) {
      if (!ext(e)) return fail(invalid('extension', e));
      const d = cleanDestination(dest);
      if (!d) return fail(invalid('number', dest));
      const phone = settings().phoneType === 'Desktop' ? 'Desktop' : 'Soft';
      return call('makecall', [e, d, phone], 'call-id') as Promise<PbxResult<string | null>>;
    },
    async callControl(e, action, dest) {
      if (!ext(e)) return fail(invalid('extension', e));
      const command = CALL_CONTROL_COMMAND[action];
      if (!command) return fail(invalid('call action', String(action)));
      if (action === 'transfer' || action === 'divert') {
        const d = cleanDestination(dest ?? '');
        if (!d) return fail(invalid('number', dest ?? ''));
        return call(command, [e, d], action === 'divert' ? 'divert' : 'boolean') as Promise<
          PbxResult<true>
        >;
      }
      return call(command, [e], 'boolean') as Promise<PbxResult<true>>;
    },
    async record(e, action: RecordAction) {
      if (!ext(e)) return fail(invalid('extension', e));
      const n = RECORD_ACTIONS.indexOf(action);
      if (n < 0) return fail(invalid('record action', String(action)));
      return call('record', [e, String(n)], 'boolean') as Promise<PbxResult<true>>;
    },
    async callerId(e, opts) {
      if (!ext(e)) return fail(invalid('extension', e));
      return call('getcallerid', [e], 'caller-id', opts?.background) as ReturnType<
        HttpApiClient['callerId']
      >;
    },
    async liveCalls(opts) {
      return call('showallcalls', [], 'calls', opts?.background) as ReturnType<
        HttpApiClient['liveCalls']
      >;
    },
  };
  return client;
}
