// The `callpop` command line, parsed without any dependency: it runs on every 3CX launch.
// Everything that is not one of our options is kept in order and handed to the core, which
// parses 3CX argv itself (flags in any order and case, Chromium switches ignored).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliKey, CliParams } from '../../shared/i18n/cli/english';

export type Subcommand = 'serve' | 'export' | 'demo' | 'contacts' | 'help';

export interface CommandLine {
  /** null: a 3CX notification, a tel: URL or nothing at all (forward-or-serve). */
  command: Subcommand | null;
  dataDir?: string;
  port?: number;
  open: boolean;
  format?: string;
  /** `demo --fast`: no pauses (tests). */
  fast: boolean;
  /** Everything else, in order: what the core gets to parse. */
  rest: string[];
  /** `contacts import FILE` / `contacts export`. */
  contacts?: { action: 'import'; file: string } | { action: 'export' };
}

/**
 * A command line that cannot be run as typed (exit code 2). It carries a message key, not
 * text, so that this file, which every 3CX launch loads, holds no strings: print it with
 * describeError (cli-i18n), which says it in the agent's language.
 */
export class UsageError extends Error {
  constructor(
    readonly key: CliKey,
    readonly params: CliParams = {},
  ) {
    super(key);
  }
}

const SUBCOMMANDS: readonly string[] = ['serve', 'export', 'demo', 'contacts', 'help'];
/** A 3CX flag or a dial URL anywhere means "this is an Assistant launch", whatever else is there. */
const NOTIFICATION_TOKEN = /^(?:\/|--?)[NCTI][:=]|^(?:tel|callto|sips?):/i;
const BARE_WORD = /^[a-z][a-z0-9_-]*$/i;

function takeValue(args: readonly string[], i: number, name: string): [string, number] {
  const token = args[i] ?? '';
  const eq = token.indexOf('=');
  if (eq >= 0) return [token.slice(eq + 1), i];
  const next = args[i + 1];
  if (next === undefined || next.startsWith('--'))
    throw new UsageError('usage.needsValue', { option: name });
  return [next, i + 1];
}

export function parseCommandLine(args: readonly string[]): CommandLine {
  const out: CommandLine = { command: null, open: true, fast: false, rest: [] };
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i] ?? '';
    const name = token.split('=')[0]!.toLowerCase();
    switch (name) {
      case '--data-dir': {
        const [v, j] = takeValue(args, i, '--data-dir');
        if (v === '') throw new UsageError('usage.needsValue', { option: '--data-dir' });
        out.dataDir = v;
        i = j;
        break;
      }
      case '--port': {
        const [v, j] = takeValue(args, i, '--port');
        const port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535) throw new UsageError('usage.badPort', { value: v });
        out.port = port;
        i = j;
        break;
      }
      case '--format': {
        const [v, j] = takeValue(args, i, '--format');
        out.format = v.toLowerCase();
        i = j;
        break;
      }
      case '--no-open':
        out.open = false;
        break;
      case '--fast':
        out.fast = true;
        break;
      case '--help':
      case '-h':
        out.command = 'help';
        break;
      default:
        positionals.push(token);
        out.rest.push(token);
    }
  }
  if (out.command === 'help') return out;

  const first = positionals[0];
  const looksLikeNotification = args.some((a) => NOTIFICATION_TOKEN.test(a));
  if (first !== undefined && !looksLikeNotification && BARE_WORD.test(first)) {
    const word = first.toLowerCase();
    if (!SUBCOMMANDS.includes(word)) {
      throw new UsageError('usage.unknownCommand', { command: first });
    }
    out.command = word as Subcommand;
    out.rest.splice(out.rest.indexOf(first), 1);
    if (out.command === 'contacts') return contactsCommand(out);
    const extra = out.rest[0];
    if (out.command !== 'help' && extra !== undefined) {
      throw extra.startsWith('-')
        ? new UsageError('usage.unknownOption', { option: extra, command: word })
        : new UsageError('usage.unexpectedArgument', { argument: extra, command: word });
    }
  }
  if (out.command === 'export') {
    if (out.format === undefined) throw new UsageError('usage.exportNeedsFormat');
    if (out.format !== 'json' && out.format !== 'csv') {
      throw new UsageError('usage.exportFormat', { format: out.format });
    }
  }
  return out;
}

function contactsCommand(out: CommandLine): CommandLine {
  const [action, file, extra] = out.rest;
  if (action === 'import') {
    if (file === undefined || file.startsWith('--')) throw new UsageError('usage.importNeedsFile');
    if (extra !== undefined)
      throw new UsageError('usage.unexpectedArgument', {
        argument: extra,
        command: 'contacts import',
      });
    if (out.format !== undefined) throw new UsageError('usage.importNoFormat');
    out.contacts = { action: 'import', file };
  } else if (action === 'export') {
    if (file !== undefined)
      throw new UsageError('usage.unexpectedArgument', {
        argument: file,
        command: 'contacts export',
      });
    if (out.format === undefined) throw new UsageError('usage.contactsExportNeedsFormat');
    if (out.format !== 'csv' && out.format !== 'vcf')
      throw new UsageError('usage.contactsFormat', { format: out.format });
    out.contacts = { action: 'export' };
  } else {
    throw action === undefined
      ? new UsageError('usage.contactsNeedsAction')
      : new UsageError('usage.contactsUnknownAction', { action });
  }
  out.rest = [];
  return out;
}

/**
 * The --data-dir of a command line that could not be parsed as a whole (its settings choose
 * the language the usage error is told in).
 */
export function dataDirArgument(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const token = args[i] ?? '';
    if (token.toLowerCase().startsWith('--data-dir=')) return token.slice(11) || undefined;
    if (token.toLowerCase() === '--data-dir') return args[i + 1] || undefined;
  }
  return undefined;
}

/** --data-dir, else CALLPOP_DATA_DIR, else ~/.callpop; always absolute. */
export function resolveDataDir(
  given: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const dir = given ?? (env.CALLPOP_DATA_DIR || undefined) ?? join(home, '.callpop');
  return resolve(dir);
}
