// The `callpop` command line, parsed without any dependency: it runs on every 3CX launch.
// Everything that is not one of our options is kept in order and handed to the core, which
// parses 3CX argv itself (flags in any order and case, Chromium switches ignored).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

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

export class UsageError extends Error {}

const SUBCOMMANDS: readonly string[] = ['serve', 'export', 'demo', 'contacts', 'help'];
/** A 3CX flag or a dial URL anywhere means "this is an Assistant launch", whatever else is there. */
const NOTIFICATION_TOKEN = /^(?:\/|--?)[NCTI][:=]|^(?:tel|callto|sips?):/i;
const BARE_WORD = /^[a-z][a-z0-9_-]*$/i;

function takeValue(args: readonly string[], i: number, name: string): [string, number] {
  const token = args[i] ?? '';
  const eq = token.indexOf('=');
  if (eq >= 0) return [token.slice(eq + 1), i];
  const next = args[i + 1];
  if (next === undefined || next.startsWith('--')) throw new UsageError(`${name} needs a value`);
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
        if (v === '') throw new UsageError('--data-dir needs a value');
        out.dataDir = v;
        i = j;
        break;
      }
      case '--port': {
        const [v, j] = takeValue(args, i, '--port');
        const port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535)
          throw new UsageError(`--port must be 0–65535, not "${v}"`);
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
      throw new UsageError(`unknown command "${first}"`);
    }
    out.command = word as Subcommand;
    out.rest.splice(out.rest.indexOf(first), 1);
    if (out.command === 'contacts') return contactsCommand(out);
    const extra = out.rest[0];
    if (out.command !== 'help' && extra !== undefined) {
      throw new UsageError(
        extra.startsWith('-')
          ? `unknown option "${extra}" for ${word}`
          : `unexpected argument "${extra}" for ${word}`,
      );
    }
  }
  if (out.command === 'export') {
    if (out.format === undefined)
      throw new UsageError('export needs --format json or --format csv');
    if (out.format !== 'json' && out.format !== 'csv') {
      throw new UsageError(`--format must be json or csv, not "${out.format}"`);
    }
  }
  return out;
}

function contactsCommand(out: CommandLine): CommandLine {
  const [action, file, extra] = out.rest;
  if (action === 'import') {
    if (file === undefined || file.startsWith('--'))
      throw new UsageError('contacts import needs a file: callpop contacts import FILE');
    if (extra !== undefined)
      throw new UsageError(`unexpected argument "${extra}" for contacts import`);
    if (out.format !== undefined)
      throw new UsageError('contacts import reads the format from the file itself; drop --format');
    out.contacts = { action: 'import', file };
  } else if (action === 'export') {
    if (file !== undefined)
      throw new UsageError(`unexpected argument "${file}" for contacts export`);
    if (out.format === undefined)
      throw new UsageError('contacts export needs --format csv or --format vcf');
    if (out.format !== 'csv' && out.format !== 'vcf')
      throw new UsageError(`--format must be csv or vcf, not "${out.format}"`);
    out.contacts = { action: 'export' };
  } else {
    throw new UsageError(
      action === undefined
        ? 'contacts needs import FILE or export --format csv|vcf'
        : `unknown contacts command "${action}" (import or export)`,
    );
  }
  out.rest = [];
  return out;
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

export const HELP = `callpop — screen pops for the 3CX phone system, in your browser

Usage:
  callpop /N:S /C:+31612345678 /T:I /I:4711   a 3CX Assistant notification: handed to the running
                                              CallPop (which starts when none runs)
  callpop tel:+31612345678                    dial a number through the running CallPop
  callpop serve [--port P] [--no-open]        run CallPop in the browser (default port 5017)
  callpop export --format json|csv            print the call journal
  callpop demo [--fast]                       play a few scripted calls, for trying it without 3CX
  callpop contacts import FILE                add or update contacts from Outlook/Google CSV,
                                              another CSV or vCard; prints what it did
  callpop contacts export --format csv|vcf    print the local contacts
  callpop --help                              this text

Options for every command:
  --data-dir D    where settings, journal and logs live
                  (default: $CALLPOP_DATA_DIR, else ~/.callpop)

In the 3CX Assistant: File → Preferences → Options → "Call CRM Executable" → the path of callpop.
Set CALLPOP_NO_OPEN=1 to never open a browser tab.
`;
