// Message keys of the command line and their English text without i18next: the `callpop`
// forwarder (every 3CX launch) imports only this and English, never the other languages.
import { cliEn, type CliMessages } from './en';

type Plain<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Plain<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message's key, plurals by their base name ('contacts.added'). */
export type CliKey = Leaves<CliMessages>;
export type CliParams = Record<string, string | number>;

/**
 * The English text of a message without i18next, for an error's own `message` (logs and
 * tests read it): `{{name}}` filled in, plurals by `count` === 1.
 */
export function englishCliText(key: CliKey, params: CliParams = {}): string {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node: unknown = cliEn;
  for (const p of parts) node = (node as Record<string, unknown>)[p];
  const table = node as Record<string, unknown>;
  const text =
    typeof table[last] === 'string'
      ? table[last]
      : table[`${last}_${params.count === 1 ? 'one' : 'other'}`];
  return String(text ?? key).replace(/\{\{(\w+)\}\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

export type CliTranslate = (key: CliKey, params?: CliParams) => string;

/** A message by its key: a CliError, a UsageError, or `{ key, params }` itself. */
interface Keyed {
  key: CliKey;
  params?: CliParams;
}

function isKeyed(what: unknown): what is Keyed {
  return typeof what === 'object' && what !== null && typeof (what as Keyed).key === 'string';
}

/**
 * What to print for `what`: one of our messages (an error with a message key, or the key and
 * its values) through `t`, else the error's own message.
 */
export function describeMessage(t: CliTranslate, what: unknown): string {
  if (isKeyed(what)) {
    const text = t(what.key, what.params);
    if (text !== what.key) return text; // a `key` that is not one of our messages: as is
  }
  return what instanceof Error ? what.message : String(what);
}
