// Turns whatever argv reached us into one of four things. The 3CX Assistant starts us with
// `/N:S /C:caller /T:I /I:callId`, but on Windows Chromium reorders switches, lower-cases
// them and adds its own (docs/decisions.md), so nothing here depends on position or case.

export type NotificationType = 'S' | 'C' | 'E';
export type Direction = 'inbound' | 'outbound';

export type CallerId =
  | { kind: 'number'; value: string }
  /** Present but not a phone number (`Anonymous`, `Unknown`, empty): shown as "withheld". */
  | { kind: 'withheld'; raw: string };

export interface CallNotification {
  type: NotificationType;
  callId: string;
  direction?: Direction;
  caller?: CallerId;
}

export type ArgvProblem =
  | 'missing-notification-type'
  | 'unknown-notification-type'
  | 'missing-call-id'
  | 'unknown-call-type'
  | 'bad-dial-url';

export type Invocation =
  | { kind: 'call-notification'; notification: CallNotification; warnings: string[] }
  | { kind: 'dial-request'; number: string; url: string }
  | { kind: 'open' }
  | { kind: 'unknown'; problem: ArgvProblem; message: string; args: string[] };

const FLAG = /^(?:\/|--?)([NCTI])[:=](.*)$/i;
const DIAL_URL = /^(tel|callto|sip|sips):(.*)$/i;
// A phone number or an extension: digits with the usual separators, optional leading +.
const PHONE_LIKE = /^\+?[0-9*#]{2,}$/;

function unquote(value: string): string {
  const v = value.trim();
  if (
    v.length >= 2 &&
    ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))
  ) {
    return v.slice(1, -1).trim();
  }
  return v.replace(/^"|"$/g, '').trim();
}

/** Strips spaces, dashes, dots and brackets; turns a leading 00 into + only later (phone.ts). */
export function compactNumber(raw: string): string {
  return raw.replace(/[\s\-.()/\u00a0]/g, '');
}

export function parseCallerId(raw: string): CallerId {
  const value = unquote(raw);
  const compact = compactNumber(value);
  if (PHONE_LIKE.test(compact)) return { kind: 'number', value: compact };
  return { kind: 'withheld', raw: value };
}

// 3CX sometimes hands the whole command line over as one quoted token; split it back up.
function splitTokens(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of argv) {
    if (typeof token !== 'string') continue;
    if (/\s\/[NCTI][:=]/i.test(token)) {
      out.push(...token.split(/\s+(?=\/[NCTI][:=])/i).map((t) => t.trim()));
    } else {
      out.push(token);
    }
  }
  return out;
}

export function parseDialUrl(url: string): string | null {
  const m = DIAL_URL.exec(url.trim());
  if (!m) return null;
  let rest = m[2] ?? '';
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return null;
  }
  rest = rest.replace(/^\/\//, '');
  rest = rest.split(/[;?]/)[0] ?? '';
  if (/^sips?$/i.test(m[1] ?? '')) rest = rest.split('@')[0] ?? '';
  const compact = compactNumber(rest).replace(/\/$/, '');
  return PHONE_LIKE.test(compact) ? compact : null;
}

export function parseArgv(argv: readonly string[]): Invocation {
  const tokens = splitTokens(argv);
  const flags = new Map<string, string>();
  const warnings: string[] = [];

  for (const token of tokens) {
    const url = DIAL_URL.exec(token);
    if (url) {
      const number = parseDialUrl(token);
      if (number === null) {
        return {
          kind: 'unknown',
          problem: 'bad-dial-url',
          message: `"${token}" is not a number CallPop can dial`,
          args: [...argv],
        };
      }
      return { kind: 'dial-request', number, url: token };
    }
    const flag = FLAG.exec(token);
    if (!flag) continue; // executable path, Chromium switches, '.', script paths
    const name = (flag[1] ?? '').toUpperCase();
    if (flags.has(name)) {
      if (flags.get(name) !== unquote(flag[2] ?? ''))
        warnings.push(`/${name}: given twice; the first value is used`);
      continue;
    }
    flags.set(name, unquote(flag[2] ?? ''));
  }

  if (flags.size === 0) return { kind: 'open' };

  const n = flags.get('N');
  if (n === undefined || n === '') {
    return {
      kind: 'unknown',
      problem: 'missing-notification-type',
      message: 'The 3CX notification has no /N: (expected S, C or E)',
      args: [...argv],
    };
  }
  const type = n.toUpperCase();
  if (type !== 'S' && type !== 'C' && type !== 'E') {
    return {
      kind: 'unknown',
      problem: 'unknown-notification-type',
      message: `Unknown 3CX notification type /N:${n} (expected S, C or E)`,
      args: [...argv],
    };
  }

  const callId = flags.get('I');
  if (callId === undefined || callId === '') {
    return {
      kind: 'unknown',
      problem: 'missing-call-id',
      message: `The 3CX notification /N:${type} has no call id (/I:)`,
      args: [...argv],
    };
  }

  const notification: CallNotification = { type, callId };
  const t = flags.get('T');
  if (t !== undefined && t !== '') {
    const ct = t.toUpperCase();
    if (ct === 'I') notification.direction = 'inbound';
    else if (ct === 'O') notification.direction = 'outbound';
    else {
      return {
        kind: 'unknown',
        problem: 'unknown-call-type',
        message: `Unknown 3CX call type /T:${t} (expected I or O)`,
        args: [...argv],
      };
    }
  } else if (type !== 'S') {
    warnings.push(
      `/N:${type} without /T: (the seed makes it mandatory); direction taken from the call`,
    );
  }

  const c = flags.get('C');
  if (c !== undefined) notification.caller = parseCallerId(c);
  if (type === 'S' && notification.direction !== 'outbound' && c === undefined) {
    notification.caller = { kind: 'withheld', raw: '' };
    warnings.push('Inbound /N:S without /C: (caller id missing); shown as withheld');
  }

  return { kind: 'call-notification', notification, warnings };
}
