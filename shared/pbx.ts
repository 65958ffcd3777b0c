// What CallPop asks of a phone system, as one interface with typed results. Two clients
// implement it (the HTTP API and the REST API in electron/core/clients/); each answers what
// its API can do and says `unsupported` for the rest, so callers pick by capability instead
// of by client. Pure types and small pure helpers only: the renderer reads them too.

/** The five presence profiles of the HTTP API's `setstatus` (ids as in the URL). */
export const PRESENCE_IDS = ['avail', 'away', 'oof', 'custom1', 'custom2'] as const;
export type PresenceId = (typeof PRESENCE_IDS)[number];

/** 3CX's English profile names: the HTTP API answers them, `ext.fwd.set` expects them. */
export const PRESENCE_NAMES: Record<PresenceId, string> = {
  avail: 'Available',
  away: 'Away',
  oof: 'Out of office',
  custom1: 'Custom 1',
  custom2: 'Custom 2',
};

/** A profile id from a status name or id as a PBX writes it (any case, spaces optional). */
export function presenceFromName(text: string): PresenceId | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  for (const id of PRESENCE_IDS) {
    if (t === id || t === PRESENCE_NAMES[id].toLowerCase().replace(/\s+/g, '')) return id;
  }
  if (t === 'available' || t === 'avail') return 'avail';
  return null;
}

/** Record actions of the HTTP API's `record/<ext>/<n>`: 0 start, 1 stop, 2 pause, 3 resume. */
export const RECORD_ACTIONS = ['start', 'stop', 'pause', 'resume'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

export const CALL_CONTROL_ACTIONS = [
  'answer',
  'drop',
  'transfer',
  'attendedTransfer',
  'park',
  'unpark',
  'divert',
] as const;
export type CallControlAction = (typeof CALL_CONTROL_ACTIONS)[number];

/** Why a PBX request did not give a usable answer. */
export type PbxErrorKind =
  /** Timeout or no connection: the PBX is unreachable (see PbxHealth). */
  | 'unreachable'
  /** The PBX answered and said no (`false`, `{"result": false}`, "is not an agent ..."). */
  | 'refused'
  /** The PBX answered something CallPop cannot read; `raw` holds it (shortened, scrubbed). */
  | 'bad-answer'
  /** A non-2xx HTTP status. */
  | 'http'
  /** A value CallPop was asked to send is not a valid extension/number/queue. */
  | 'invalid-input'
  /** Settings lack the API (switched off, no address, no key). */
  | 'not-configured'
  /** This API has no such command. */
  | 'unsupported';

export interface PbxError {
  kind: PbxErrorKind;
  /** English, for the log and as the fallback text. Never contains a secret. */
  message: string;
  /** The PBX's answer as received (tags removed, shortened, secrets scrubbed). */
  raw?: string;
  /** A known refusal the UI translates: the HTTP API's "is not an agent of the queues". */
  code?: 'not-an-agent';
  status?: number;
}

export type PbxResult<T> = { ok: true; value: T; raw: string } | { ok: false; error: PbxError };

export interface PbxQueue {
  num: string;
  name: string | null;
}

export interface PbxMember {
  num: string;
  name: string | null;
}

export interface PbxQueueLogin {
  queue: string;
  /** null: the PBX gave a value CallPop does not recognise. */
  loggedIn: boolean | null;
}

/** `ext.state.get`, with the seed's field names read leniently. */
export interface PbxExtensionState {
  num: string;
  registered: boolean | null;
  /** `Free` / `Busy` as the seed says, or whatever else the PBX wrote; null when absent. */
  status: string | null;
  busy: boolean | null;
  /** The forwarding (presence) profile name. */
  fwdName: string | null;
  presence: PresenceId | null;
  queuesGlobal: boolean | null;
  queues: PbxQueueLogin[];
}

/** One line of the HTTP API's `showallcalls`: `ID=..:CCID=..:S=..:DN=..:EP=..:REC=..`. */
export interface PbxCallLine {
  id: string;
  ccid: string;
  state: string;
  dn: string;
  endpoint: string;
  rec: string;
}

export interface PbxCallerId {
  idle: boolean;
  /** The call information as the PBX wrote it (empty when idle). */
  text: string;
}

/** 3CX phonebook fields with the REST API's parameter for each (`phone` is Mobile, ...). */
export const PHONEBOOK_FIELDS = {
  firstName: 'firstname',
  lastName: 'lastname',
  company: 'company',
  crmContactData: 'crmcontactdata',
  tag: 'tag',
  mobile: 'phone',
  mobile2: 'data0',
  home: 'data1',
  home2: 'data2',
  business: 'data3',
  business2: 'data4',
  email: 'data5',
  other: 'data6',
  businessFax: 'data7',
  homeFax: 'data8',
  pager: 'data9',
} as const;
export type PhonebookField = keyof typeof PHONEBOOK_FIELDS;
export type PhonebookFields = Partial<Record<PhonebookField, string>>;

export interface PhonebookContact extends PhonebookFields {
  id: string;
}

/** Whether the PBX answered lately; every client keeps one. */
export interface PbxHealth {
  /** null before the first request. */
  reachable: boolean | null;
  /** When the PBX last answered at all (any HTTP status), ms since epoch. */
  lastGoodAt: number | null;
  /** Why the last request did not reach it (timeout, connection refused, ...). */
  lastError: string | null;
  /** Consecutive unreachable answers. */
  failures: number;
  /** Background reads are skipped until then while unreachable. */
  retryAt: number | null;
}

/** Which parts of PbxClient work on this API. */
export interface PbxCapabilities {
  presence: boolean;
  readiness: boolean;
  queueLoginAll: boolean;
  queueLoginPerQueue: boolean;
  queueLists: boolean;
  extensionState: boolean;
  dial: boolean;
  callControl: boolean;
  liveCalls: boolean;
  phonebook: boolean;
}

/**
 * What CallPop asks of a PBX. Never throws; a method this API lacks resolves with an
 * `unsupported` error. `background: true` marks a poll: it is skipped (answered
 * `unreachable` at once) during the backoff after the PBX stopped answering.
 */
export interface PbxClient {
  readonly api: 'http-api' | 'rest-api';
  readonly capabilities: PbxCapabilities;
  health(): PbxHealth;

  setPresence(ext: string, presence: PresenceId): Promise<PbxResult<PresenceId | null>>;
  getPresence(ext: string, opts?: ReadOptions): Promise<PbxResult<PresenceId | null>>;
  setReady(ext: string, ready: boolean): Promise<PbxResult<true>>;
  setQueuesLogin(ext: string, loggedIn: boolean): Promise<PbxResult<true>>;
  setQueueLogin(ext: string, queue: string, loggedIn: boolean): Promise<PbxResult<true>>;

  listQueues(opts?: ReadOptions): Promise<PbxResult<PbxQueue[]>>;
  queueMembers(queue: string, opts?: ReadOptions): Promise<PbxResult<PbxMember[]>>;
  queueFree(queue: string, opts?: ReadOptions): Promise<PbxResult<PbxMember[]>>;
  queueTalking(queue: string, opts?: ReadOptions): Promise<PbxResult<PbxMember[]>>;
  extensionState(ext: string, opts?: ReadOptions): Promise<PbxResult<PbxExtensionState>>;

  /** Starts a call from `ext` to `dest`; the value is the call id when the PBX gives one. */
  makeCall(ext: string, dest: string): Promise<PbxResult<string | null>>;
  callControl(ext: string, action: CallControlAction, dest?: string): Promise<PbxResult<true>>;
  record(ext: string, action: RecordAction): Promise<PbxResult<true>>;
  callerId(ext: string, opts?: ReadOptions): Promise<PbxResult<PbxCallerId>>;
  liveCalls(opts?: ReadOptions): Promise<PbxResult<PbxCallLine[]>>;
}

export interface ReadOptions {
  background?: boolean;
}

// ---- validation of values that go into a URL -------------------------------------------

/** An extension or queue number: digits only (3CX numbers them so). */
export function isPbxNumber(v: string): boolean {
  return /^\d{1,12}$/.test(v);
}

/**
 * A dial/transfer destination as CallPop sends it: a leading `+`, then digits, `*` or `#`;
 * the agent's spaces, dashes, dots and brackets are removed first. null when nothing usable.
 */
export function cleanDestination(v: string): string | null {
  const t = v.trim().replace(/[\s().\-/]+/g, '');
  return /^\+?[0-9*#]{1,32}$/.test(t) ? t : null;
}

/** Shortens a PBX answer for a message: whitespace collapsed, at most `max` characters. */
export function shortenAnswer(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
