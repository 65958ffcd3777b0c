// Every answer of the REST API for 3CX is read here and nowhere else. Its seed says the
// answer formats are made per customer, so this reads leniently and the README lists what is
// accepted:
// - a list: a bare JSON array, or the first array-valued property of an object
//   (`{"count": 2, "queues": [...]}`);
// - an item: a string or number (the extension or queue number), or an object whose number is
//   in `num` (or `number`, `extension`, `dn`, `id`) and name in `name` (or `firstname` +
//   `lastname`); keys in any case;
// - a login state: true/false, 1/0, "on"/"off", "LoggedIn"/"LoggedOut", "yes"/"no", "true"/"false";
// - a command result: true/false, {"result": bool} or {"success": bool} (bool as a login state),
//   or the text `true`/`ok`/`false`;
// - `ext.state.get`: the seed's fields `num`, `registered`, `status` (Free/Busy), `fwdName`,
//   `qGlobalStatus`, `qStatus` (a list of `num`, `status`), as an object or a one-item list.
import type {
  PbxError,
  PbxExtensionState,
  PbxMember,
  PbxQueueLogin,
  PbxResult,
  PhonebookContact,
  PhonebookField,
} from '../../../shared/pbx';
import { PHONEBOOK_FIELDS, presenceFromName, shortenAnswer } from '../../../shared/pbx';

export const REST_API_WHO = 'The 3CX REST API';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function bad<T>(raw: string, expected: string): PbxResult<T> {
  const shown = shortenAnswer(raw);
  return {
    ok: false,
    error: {
      kind: 'bad-answer',
      raw: shown,
      message: `${REST_API_WHO} gave an answer CallPop does not understand (expected ${expected}): ${shown || '(empty)'}`,
    },
  };
}

function refused<T>(raw: string, detail?: string): PbxResult<T> {
  const shown = shortenAnswer(raw);
  const error: PbxError = {
    kind: 'refused',
    raw: shown,
    message: `${REST_API_WHO} refused${detail ? `: ${detail}` : ` (${shown || 'no answer text'})`}`,
  };
  return { ok: false, error };
}

/** A property by name, any case. */
function prop(o: Obj, ...names: string[]): unknown {
  for (const n of names) {
    if (n in o) return o[n];
  }
  const lower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k !== undefined) return o[k];
  }
  return undefined;
}

export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/** An error text the API put in an object instead of the data, if any. */
function errorText(v: unknown): string | null {
  if (!isObj(v)) return null;
  const e = prop(v, 'error', 'errorMessage', 'message');
  if (typeof e === 'string' && e.trim()) return e.trim();
  return null;
}

export function listOf(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (isObj(v)) {
    for (const value of Object.values(v)) if (Array.isArray(value)) return value;
  }
  return null;
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function itemOf(v: unknown): PbxMember | null {
  const direct = text(v);
  if (direct !== null) return { num: direct, name: null };
  if (!isObj(v)) return null;
  const num = text(prop(v, 'num', 'number', 'extension', 'dn', 'id'));
  if (num === null) return null;
  let name = text(prop(v, 'name'));
  if (name === null) {
    const parts = [text(prop(v, 'firstname', 'firstName')), text(prop(v, 'lastname', 'lastName'))];
    const joined = parts.filter((p) => p !== null).join(' ');
    name = joined || null;
  }
  return { num, name };
}

/** true/false, 1/0, on/off, LoggedIn/LoggedOut, yes/no (strings in any case); null otherwise. */
export function loginState(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const t = v
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  if (['true', '1', 'on', 'loggedin', 'yes'].includes(t)) return true;
  if (['false', '0', 'off', 'loggedout', 'no'].includes(t)) return false;
  return null;
}

export function parseItems(body: string, what: string): PbxResult<PbxMember[]> {
  const json = parseJson(body);
  if (!json.ok) return bad(body, `a JSON list of ${what}`);
  const list = listOf(json.value);
  if (!list) {
    const e = errorText(json.value);
    return e ? refused(body, e) : bad(body, `a JSON list of ${what}`);
  }
  const out: PbxMember[] = [];
  for (const entry of list) {
    const item = itemOf(entry);
    if (!item) return bad(body, `a list of ${what} (numbers or objects with num)`);
    out.push(item);
  }
  return { ok: true, value: out, raw: shortenAnswer(body) };
}

export function parseCommandResult(body: string): PbxResult<true> {
  const json = parseJson(body);
  let verdict: boolean | null = null;
  if (json.ok) {
    const v = json.value;
    if (typeof v === 'boolean') verdict = v;
    else if (isObj(v)) {
      const r = prop(v, 'result', 'success');
      verdict = loginState(r);
      if (verdict === false) return refused(body, errorText(v) ?? undefined);
      if (verdict === null && errorText(v)) return refused(body, errorText(v)!);
    }
  } else {
    const t = body.trim().toLowerCase();
    verdict = t === 'true' || t === 'ok' ? true : t === 'false' ? false : null;
  }
  if (verdict === true) return { ok: true, value: true, raw: shortenAnswer(body) };
  if (verdict === false) return refused(body);
  return bad(body, 'true, false, {"result": ...} or {"success": ...}');
}

export function parseExtensionState(body: string, asked: string): PbxResult<PbxExtensionState> {
  const json = parseJson(body);
  if (!json.ok) return bad(body, 'a JSON extension state');
  let v = json.value;
  if (Array.isArray(v) && v.length === 1) v = v[0];
  if (!isObj(v)) return bad(body, 'a JSON object with num, registered, status, qStatus');
  const e = errorText(v);
  const num = text(prop(v, 'num', 'number', 'extension', 'dn'));
  const registered = loginState(prop(v, 'registered'));
  const statusRaw = text(prop(v, 'status'));
  if (num === null && registered === null && statusRaw === null) {
    return e ? refused(body, e) : bad(body, 'a JSON object with num, registered, status, qStatus');
  }
  const fwdName = text(prop(v, 'fwdName', 'fwd'));
  const queues: PbxQueueLogin[] = [];
  const q = prop(v, 'qStatus', 'queues');
  const qList = Array.isArray(q) ? q : isObj(q) ? (listOf(q) ?? objectAsLogins(q)) : [];
  for (const entry of qList) {
    if (!isObj(entry)) continue;
    const queue = text(prop(entry, 'num', 'number', 'queue', 'id'));
    if (queue === null) continue;
    queues.push({ queue, loggedIn: loginState(prop(entry, 'status', 'log', 'loggedIn')) });
  }
  const status = statusRaw;
  const busy =
    status === null ? null : /^busy$/i.test(status) ? true : /^free$/i.test(status) ? false : null;
  return {
    ok: true,
    raw: shortenAnswer(body),
    value: {
      num: num ?? asked,
      registered,
      status,
      busy,
      fwdName,
      presence: fwdName === null ? null : presenceFromName(fwdName),
      queuesGlobal: loginState(prop(v, 'qGlobalStatus', 'queueGlobalStatus')),
      queues,
    },
  };
}

/** `{"800": "on", "801": "off"}` as a list of logins. */
function objectAsLogins(o: Obj): Obj[] {
  return Object.entries(o).map(([num, status]) => ({ num, status }));
}

/** pbx.calls.get: a bare number, `{"count": n}` or the first numeric property. */
export function parseCount(body: string): PbxResult<number> {
  const json = parseJson(body);
  if (!json.ok) return bad(body, 'a number of calls');
  const v = json.value;
  const n =
    typeof v === 'number'
      ? v
      : isObj(v)
        ? (() => {
            const c = prop(v, 'count');
            if (typeof c === 'number') return c;
            for (const x of Object.values(v)) if (typeof x === 'number') return x;
            return null;
          })()
        : null;
  if (n === null || !Number.isFinite(n) || n < 0) return bad(body, 'a number of calls');
  return { ok: true, value: Math.floor(n), raw: shortenAnswer(body) };
}

/** Any JSON, for readers elsewhere (pbx.callsinfo.get). */
export function parseAnyJson(body: string): PbxResult<unknown> {
  const json = parseJson(body);
  return json.ok ? { ok: true, value: json.value, raw: shortenAnswer(body) } : bad(body, 'JSON');
}

/** contact.find: a list of ids (items as above, `id` first). */
export function parseContactIds(body: string): PbxResult<string[]> {
  const json = parseJson(body);
  if (json.ok && (typeof json.value === 'string' || typeof json.value === 'number')) {
    return { ok: true, value: [String(json.value)], raw: shortenAnswer(body) };
  }
  if (json.ok && json.value === null) return { ok: true, value: [], raw: shortenAnswer(body) };
  const items = parseItems(body, 'contact ids');
  if (!items.ok) return items;
  if (json.ok) {
    const list = listOf(json.value) ?? [];
    // An object item names its id as `id` first.
    const ids = list.map((e, i) =>
      isObj(e) ? (text(prop(e, 'id')) ?? items.value[i]!.num) : items.value[i]!.num,
    );
    return { ok: true, value: ids, raw: items.raw };
  }
  return { ok: true, value: items.value.map((m) => m.num), raw: items.raw };
}

/** 3CX's own names of the phonebook fields, read besides the REST API's parameter names. */
const FIELD_ALIASES: Record<PhonebookField, string[]> = {
  firstName: ['firstname', 'firstName'],
  lastName: ['lastname', 'lastName'],
  company: ['company', 'companyName'],
  crmContactData: ['crmcontactdata', 'crmContactData'],
  tag: ['tag'],
  mobile: ['phone', 'mobile', 'phoneNumber', 'PhoneNumber'],
  mobile2: ['data0', 'mobile2'],
  home: ['data1', 'home'],
  home2: ['data2', 'home2'],
  business: ['data3', 'business'],
  business2: ['data4', 'business2'],
  email: ['data5', 'email'],
  other: ['data6', 'other'],
  businessFax: ['data7', 'businessfax', 'businessFax'],
  homeFax: ['data8', 'homefax', 'homeFax'],
  pager: ['data9', 'pager'],
};

export function parseContact(body: string, asked: string): PbxResult<PhonebookContact> {
  const json = parseJson(body);
  if (!json.ok) return bad(body, 'a JSON contact');
  let v = json.value;
  if (Array.isArray(v) && v.length === 1) v = v[0];
  if (isObj(v) && !('id' in v)) {
    const inner = prop(v, 'contact');
    if (isObj(inner)) v = inner;
  }
  if (!isObj(v)) return bad(body, 'a JSON contact object');
  const contact: PhonebookContact = { id: text(prop(v, 'id')) ?? asked };
  let any = false;
  for (const field of Object.keys(PHONEBOOK_FIELDS) as PhonebookField[]) {
    const value = text(prop(v, ...FIELD_ALIASES[field]));
    if (value !== null) {
      contact[field] = value;
      any = true;
    }
  }
  if (!any) {
    const e = errorText(v);
    if (e) return refused(body, e);
  }
  return { ok: true, value: contact, raw: shortenAnswer(body) };
}

/** contact.new: the new id as a bare value, `{"id": ..}` or `{"result": ..}`. */
export function parseNewId(body: string): PbxResult<string> {
  const json = parseJson(body);
  const v = json.ok ? json.value : body.trim();
  const direct = typeof v === 'boolean' ? null : text(v);
  if (direct !== null && !/^(false|true)$/i.test(direct))
    return { ok: true, value: direct, raw: shortenAnswer(body) };
  if (isObj(v)) {
    const id = text(prop(v, 'id', 'contactId', 'result'));
    if (id !== null && !/^(false|true)$/i.test(id))
      return { ok: true, value: id, raw: shortenAnswer(body) };
    const r = loginState(prop(v, 'result', 'success'));
    if (r === false || errorText(v)) return refused(body, errorText(v) ?? undefined);
  }
  if (v === false || (typeof v === 'string' && /^false$/i.test(v))) return refused(body);
  return bad(body, 'the id of the new contact');
}
