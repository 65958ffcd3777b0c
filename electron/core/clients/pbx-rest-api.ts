// The REST API for 3CX client (seed: the Russian "REST API для 3CX" page): GET
// <pbx.restApi.baseUrl>/<key>/<command>?<query>. The key is a secret that sits in the URL
// path: URLs are scrubbed before they are logged, and errors and answers are scrubbed before
// they leave this file. Answers are read leniently in pbx-rest-api-answers.ts.
import type { Settings } from '../../../shared/settings-schema';
import type {
  PbxCapabilities,
  PbxClient,
  PbxError,
  PbxResult,
  PhonebookContact,
  PhonebookFields,
  PresenceId,
} from '../../../shared/pbx';
import {
  cleanDestination,
  isPbxNumber,
  PHONEBOOK_FIELDS,
  PRESENCE_IDS,
  PRESENCE_NAMES,
} from '../../../shared/pbx';
import { createPbxTransport, httpStatusError, type PbxDeps } from './pbx-transport';
import {
  parseAnyJson,
  parseCommandResult,
  parseContact,
  parseContactIds,
  parseCount,
  parseExtensionState,
  parseItems,
  parseNewId,
  REST_API_WHO,
} from './pbx-rest-api-answers';

export type RestApiSettings = Settings['pbx']['restApi'];

export const REST_API_CAPABILITIES: PbxCapabilities = {
  presence: true,
  readiness: false,
  queueLoginAll: true,
  queueLoginPerQueue: true,
  queueLists: true,
  extensionState: true,
  dial: true,
  callControl: false,
  liveCalls: true,
  phonebook: true,
};

type Command =
  | 'all.queue.get'
  | 'queue.members.get'
  | 'queue.free.get'
  | 'queue.talk.get'
  | 'ext.state.get'
  | 'ext.queue.set'
  | 'ext.queueglobal.set'
  | 'ext.fwd.set'
  | 'pbx.calls.get'
  | 'pbx.callsinfo.get'
  | 'makecall'
  | 'contact.find'
  | 'contact.get'
  | 'contact.new'
  | 'contact.update';

export interface RestApiClient extends PbxClient {
  readonly api: 'rest-api';
  /** pbx.calls.get: how many calls pass the PBX now. */
  callsCount(opts?: { background?: boolean }): Promise<PbxResult<number>>;
  /** pbx.callsinfo.get, as JSON: shared/live-calls.ts reads it. */
  callsInfo(opts?: { background?: boolean }): Promise<PbxResult<unknown>>;
  /** contact.find: ids of the contacts whose number matches (`min_len` as the seed says). */
  contactFind(number: string, minLen?: number): Promise<PbxResult<string[]>>;
  contactGet(id: string): Promise<PbxResult<PhonebookContact>>;
  /** contact.new: the new contact's id. */
  contactNew(fields: PhonebookFields): Promise<PbxResult<string>>;
  contactUpdate(id: string, fields: PhonebookFields): Promise<PbxResult<true>>;
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

/** The key becomes one path segment: no slash, no whitespace, no query or fragment marks. */
export function isUsableKey(key: string): boolean {
  return /^[^\s/?#\\]{1,256}$/.test(key);
}

export function restApiProblem(s: RestApiSettings): string | null {
  if (!s.enabled) return 'The 3CX REST API is switched off in Settings';
  if (!s.baseUrl.trim()) return 'Set the 3CX REST API address in Settings';
  if (!s.key) return 'Set the 3CX REST API key in Settings';
  if (!isUsableKey(s.key)) return 'The 3CX REST API key contains characters a key cannot have';
  return null;
}

function phonebookParams(fields: PhonebookFields): Array<[string, string]> | PbxError {
  const out: Array<[string, string]> = [];
  for (const [field, param] of Object.entries(PHONEBOOK_FIELDS)) {
    const value = fields[field as keyof PhonebookFields];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 500) return invalid(field, String(value));
    out.push([param, value]);
  }
  return out;
}

export function createRestApiClient(deps: PbxDeps, settings: () => RestApiSettings): RestApiClient {
  const transport = createPbxTransport(deps, REST_API_WHO, () => [settings().key]);

  async function get(
    command: Command,
    params: Array<[string, string]>,
    background = false,
  ): Promise<{ ok: true; body: string } | { ok: false; error: PbxError }> {
    const s = settings();
    const problem = restApiProblem(s);
    if (problem) return { ok: false, error: { kind: 'not-configured', message: problem } };
    const base = s.baseUrl.trim().replace(/\/+$/, '');
    const query = new URLSearchParams(params).toString();
    const url = `${base}/${encodeURIComponent(s.key)}/${command}${query ? `?${query}` : ''}`;
    const shown = `${base}/***/${command}${query ? `?${query}` : ''}`;
    const out = await transport.get(url, transport.scrub(shown), background);
    if (!out.ok) return out;
    if (out.status < 200 || out.status >= 300) {
      deps.logger.warn(`${command} refused`, { url: transport.scrub(shown), status: out.status });
      return {
        ok: false,
        error: httpStatusError(REST_API_WHO, out.status, out.body, transport.scrub),
      };
    }
    return { ok: true, body: out.body };
  }

  /** Runs a command and its one parser; scrubs what the parser kept of the answer. */
  async function run<T>(
    command: Command,
    params: Array<[string, string]>,
    parse: (body: string) => PbxResult<T>,
    background = false,
  ): Promise<PbxResult<T>> {
    const got = await get(command, params, background);
    if (!got.ok) return got;
    const parsed = parse(got.body);
    if (parsed.ok) return { ...parsed, raw: transport.scrub(parsed.raw) };
    const error: PbxError = { ...parsed.error, message: transport.scrub(parsed.error.message) };
    if (error.raw !== undefined) error.raw = transport.scrub(error.raw);
    deps.logger.warn(`${command}: ${error.message}`);
    return fail(error);
  }

  const num = (v: string) => isPbxNumber(v);
  const unsupported = (what: string): PbxResult<never> =>
    fail({ kind: 'unsupported', message: `${REST_API_WHO} cannot ${what}` });

  const client: RestApiClient = {
    api: 'rest-api',
    capabilities: REST_API_CAPABILITIES,
    health: transport.health,

    async setPresence(ext, presence: PresenceId) {
      if (!num(ext)) return fail(invalid('extension', ext));
      if (!PRESENCE_IDS.includes(presence)) return fail(invalid('status', String(presence)));
      const r = await run(
        'ext.fwd.set',
        [
          ['num', ext],
          ['status', PRESENCE_NAMES[presence]],
        ],
        parseCommandResult,
      );
      return r.ok ? { ok: true, value: presence, raw: r.raw } : r;
    },
    async getPresence(ext, opts) {
      const r = await client.extensionState(ext, opts);
      return r.ok ? { ok: true, value: r.value.presence, raw: r.raw } : r;
    },
    async setReady() {
      return unsupported('set an agent ready (use the HTTP API)');
    },
    async setQueuesLogin(ext, loggedIn) {
      if (!num(ext)) return fail(invalid('extension', ext));
      return run(
        'ext.queueglobal.set',
        [
          ['num', ext],
          ['log', loggedIn ? 'on' : 'off'],
        ],
        parseCommandResult,
      );
    },
    async setQueueLogin(ext, queue, loggedIn) {
      if (!num(ext)) return fail(invalid('extension', ext));
      if (!num(queue)) return fail(invalid('queue number', queue));
      return run(
        'ext.queue.set',
        [
          ['num', ext],
          ['queue', queue],
          ['log', loggedIn ? 'on' : 'off'],
        ],
        parseCommandResult,
      );
    },
    async listQueues(opts) {
      return run('all.queue.get', [], (b) => parseItems(b, 'queues'), opts?.background);
    },
    async queueMembers(queue, opts) {
      if (!num(queue)) return fail(invalid('queue number', queue));
      return run(
        'queue.members.get',
        [['num', queue]],
        (b) => parseItems(b, 'members'),
        opts?.background,
      );
    },
    async queueFree(queue, opts) {
      if (!num(queue)) return fail(invalid('queue number', queue));
      return run(
        'queue.free.get',
        [['num', queue]],
        (b) => parseItems(b, 'members'),
        opts?.background,
      );
    },
    async queueTalking(queue, opts) {
      if (!num(queue)) return fail(invalid('queue number', queue));
      return run(
        'queue.talk.get',
        [['num', queue]],
        (b) => parseItems(b, 'members'),
        opts?.background,
      );
    },
    async extensionState(ext, opts) {
      if (!num(ext)) return fail(invalid('extension', ext));
      return run(
        'ext.state.get',
        [['num', ext]],
        (b) => parseExtensionState(b, ext),
        opts?.background,
      );
    },
    async makeCall(ext, dest) {
      if (!num(ext)) return fail(invalid('extension', ext));
      const d = cleanDestination(dest);
      if (!d) return fail(invalid('number', dest));
      const r = await run(
        'makecall',
        [
          ['first', ext],
          ['second', d],
        ],
        parseCommandResult,
      );
      return r.ok ? { ok: true, value: null, raw: r.raw } : r;
    },
    async callControl() {
      return unsupported('control a call (use the HTTP API)');
    },
    async record() {
      return unsupported('record a call (use the HTTP API)');
    },
    async callerId() {
      return unsupported('read the caller id (use the HTTP API)');
    },
    async liveCalls() {
      return unsupported('list calls as lines (use callsInfo)');
    },
    async callsCount(opts) {
      return run('pbx.calls.get', [], parseCount, opts?.background);
    },
    async callsInfo(opts) {
      return run('pbx.callsinfo.get', [], parseAnyJson, opts?.background);
    },
    async contactFind(number, minLen) {
      const n = cleanDestination(number);
      if (!n) return fail(invalid('number', number));
      const params: Array<[string, string]> = [['num', n]];
      if (minLen !== undefined) {
        if (!Number.isInteger(minLen) || minLen < 0 || minLen > 32) {
          return fail(invalid('min_len', String(minLen)));
        }
        params.push(['min_len', String(minLen)]);
      }
      return run('contact.find', params, parseContactIds);
    },
    async contactGet(id) {
      if (!isContactId(id)) return fail(invalid('contact id', id));
      return run('contact.get', [['id', id]], (b) => parseContact(b, id));
    },
    async contactNew(fields) {
      const params = phonebookParams(fields);
      if (!Array.isArray(params)) return fail(params);
      return run('contact.new', params, parseNewId);
    },
    async contactUpdate(id, fields) {
      if (!isContactId(id)) return fail(invalid('contact id', id));
      const params = phonebookParams(fields);
      if (!Array.isArray(params)) return fail(params);
      return run('contact.update', [['id', id], ...params], parseCommandResult);
    },
  };
  return client;
}

export function isContactId(id: string): boolean {
  return /^[A-Za-z0-9_.:{}-]{1,64}$/.test(id);
}
