// Every answer of the 3CX HTTP API is read here and nowhere else. The API answers plain text
// or a bit of HTML: `true`, `false`, `is not an agent of the queues`, a status name, a call
// id, `idle` or call information, or the `ID=..:CCID=..:S=..:DN=..:EP=..:REC=..` lines of
// `showallcalls` (one per line or separated by `<br>`). Anything else is a `bad-answer`
// holding the raw text, shortened, so the agent sees what the PBX really said.
import type {
  PbxCallLine,
  PbxCallerId,
  PbxError,
  PbxResult,
  PresenceId,
} from '../../../shared/pbx';
import { presenceFromName, shortenAnswer } from '../../../shared/pbx';
import { stripTags } from './pbx-transport';

export const HTTP_API_WHO = 'The 3CX HTTP API';

export type HttpApiAnswerKind = 'boolean' | 'status' | 'call-id' | 'caller-id' | 'calls' | 'divert';

/** The answer's text: tags gone, lines trimmed, empty lines dropped. */
export function answerText(body: string): string {
  return stripTags(body)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

function refusal(raw: string): PbxError | null {
  if (/^false$/i.test(raw)) {
    return { kind: 'refused', raw, message: `${HTTP_API_WHO} answered false` };
  }
  if (/is not an agent of the queues/i.test(raw)) {
    return {
      kind: 'refused',
      code: 'not-an-agent',
      raw: shortenAnswer(raw),
      message: `${HTTP_API_WHO}: the extension is not an agent of the queues`,
    };
  }
  return null;
}

function badAnswer(raw: string, expected: string): PbxError {
  const shown = shortenAnswer(raw);
  return {
    kind: 'bad-answer',
    raw: shown,
    message: `${HTTP_API_WHO} gave an answer CallPop does not understand (expected ${expected}): ${shown || '(empty)'}`,
  };
}

const CALL_LINE = /^ID=([^:]*):CCID=([^:]*):S=([^:]*):DN=([^:]*):EP=(.*):REC=([^:]*)$/i;

export function parseCallLines(text: string): PbxCallLine[] | null {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const out: PbxCallLine[] = [];
  for (const line of lines) {
    const m = CALL_LINE.exec(line);
    if (!m) return null;
    out.push({ id: m[1]!, ccid: m[2]!, state: m[3]!, dn: m[4]!, endpoint: m[5]!, rec: m[6]! });
  }
  return out;
}

// Overloads keep each command's value type exact for the client.
export function parseHttpApiAnswer(body: string, kind: 'boolean'): PbxResult<true>;
export function parseHttpApiAnswer(body: string, kind: 'divert'): PbxResult<true>;
export function parseHttpApiAnswer(body: string, kind: 'status'): PbxResult<PresenceId | null>;
export function parseHttpApiAnswer(body: string, kind: 'call-id'): PbxResult<string | null>;
export function parseHttpApiAnswer(body: string, kind: 'caller-id'): PbxResult<PbxCallerId>;
export function parseHttpApiAnswer(body: string, kind: 'calls'): PbxResult<PbxCallLine[]>;
export function parseHttpApiAnswer(body: string, kind: HttpApiAnswerKind): PbxResult<unknown> {
  const text = answerText(body);
  const refused = refusal(text);
  if (refused && kind !== 'calls') return { ok: false, error: refused };
  switch (kind) {
    case 'boolean':
      return /^true$/i.test(text)
        ? { ok: true, value: true, raw: text }
        : { ok: false, error: badAnswer(text, 'true or false') };
    case 'divert':
      // The seed leaves divert's answer blank: an empty answer or `true` is success.
      return text === '' || /^(true|ok)$/i.test(text)
        ? { ok: true, value: true, raw: text }
        : { ok: false, error: badAnswer(text, 'true, false or nothing') };
    case 'status': {
      const id = presenceFromName(text.replace(/^status\s*[:=]\s*/i, ''));
      return id
        ? { ok: true, value: id, raw: text }
        : { ok: false, error: badAnswer(text, 'a status name') };
    }
    case 'call-id':
      // A call id is one token; `true` means the PBX placed the call without naming it.
      if (/^true$/i.test(text)) return { ok: true, value: null, raw: text };
      return /^[A-Za-z0-9._:{}-]{1,64}$/.test(text)
        ? { ok: true, value: text, raw: text }
        : { ok: false, error: badAnswer(text, 'a call id') };
    case 'caller-id':
      if (text === '') return { ok: false, error: badAnswer(text, 'idle or the call information') };
      return /^idle$/i.test(text)
        ? { ok: true, value: { idle: true, text: '' }, raw: text }
        : { ok: true, value: { idle: false, text: shortenAnswer(text, 500) }, raw: text };
    case 'calls': {
      const calls = parseCallLines(text);
      return calls
        ? { ok: true, value: calls, raw: text }
        : { ok: false, error: badAnswer(text, 'ID=..:CCID=..:S=..:DN=..:EP=..:REC=.. lines') };
    }
  }
}
