// `callpop`: the command line of browser mode, and what every 3CX Assistant launch runs there.
// Most launches are forwards (2–3 per call), so this file imports nothing heavy: only node
// built-ins and the tiny forwarder. The core, the web server and SQLite are loaded with
// import() only when this process turns out to be the primary. Messages are printed in the
// agent's language, and i18next is loaded for that only when there is something to print.
import { connectLocal, exchange, socketPathFor, type ForwardReply } from './forward';
import { whereToOpen } from './launch-page';
import {
  dataDirArgument,
  parseCommandLine,
  resolveDataDir,
  UsageError,
  type CommandLine,
} from './cli-options';
import type { CliTranslate } from './cli-i18n';
import type { CliKey, CliParams } from '../../shared/i18n/cli/english';

interface CliMessage {
  key: CliKey;
  params?: CliParams;
}

// A primary that accepted the connection is there: it may still be loading its core on a busy
// PC. Waiting as long as for a primary to start loses no call; the trampoline keeps its 2 s.
const ACK_TIMEOUT_MS = 30_000;
// How long a launch waits for a primary that holds the lock but is still starting. 3CX starts
// the CRM executable 2–3 times per call, often all at once; on a busy PC the first one can take
// more than 10 s to listen, and giving up then loses the event. The lock goes stale after 30 s.
const PRIMARY_START_WAIT_MS = 30_000;
/** A primary that dies between our send and its ack: try again (a duplicate event is harmless). */
const MAX_ATTEMPTS = 3;

/** The data directory whose settings choose the language (until known: the default one). */
let languageDir: string | undefined;

/** The translator, loaded on first use; English when it cannot be loaded at all. */
async function translator(): Promise<{
  t: CliTranslate;
  describe: (err: unknown) => string;
}> {
  try {
    const { cliTranslate, describeError } = await import('./cli-i18n');
    const t = cliTranslate({ dataDir: languageDir ?? resolveDataDir(undefined) });
    return { t, describe: (err) => describeError(t, err) };
  } catch {
    const { englishCliText, describeMessage } = await import('../../shared/i18n/cli/english');
    return { t: englishCliText, describe: (err) => describeMessage(englishCliText, err) };
  }
}

/**
 * Prints `what` and exits: one of our messages (an error with a message key, or
 * `{ key, params }`) in the agent's language, else the error's own message.
 */
async function fail(what: CliMessage | unknown, code = 1): Promise<never> {
  const { describe } = await translator();
  process.stderr.write(`callpop: ${describe(what)}\n`);
  process.exit(code);
}

type Delivered = { kind: 'delivered'; reply: ForwardReply } | { kind: 'became-primary' };

/**
 * Hands `argv` to the running CallPop for `dataDir`, or becomes it. `serveOptions` decide how
 * the primary runs when this process becomes it.
 */
async function forwardOrServe(
  cl: CommandLine,
  dataDir: string,
  argv: string[],
): Promise<Delivered> {
  const socketPath = socketPathFor(dataDir);
  const request = { argv, cwd: process.cwd() };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Fast path: a primary is running (almost every launch).
    let connected = await connectLocal(socketPath, 2000);
    if (!('socket' in connected)) {
      const { acquire } = await import('./local-socket');
      let role;
      try {
        role = await acquire({ dataDir, socketPath, timeoutMs: PRIMARY_START_WAIT_MS });
      } catch (err) {
        return fail(err);
      }
      if (role.role === 'primary') {
        const { runPrimary } = await import('./serve');
        try {
          await runPrimary({
            dataDir,
            socketPath,
            lock: role.lock,
            port: cl.port,
            open: cl.open,
            argv,
            consoleEcho: cl.command === 'serve' && process.stdout.isTTY === true,
            handleSignals: true,
          });
        } catch (err) {
          return fail(err);
        }
        return { kind: 'became-primary' };
      }
      connected = { socket: role.socket };
    }
    const reply = await exchange(connected.socket, request, ACK_TIMEOUT_MS);
    if (reply === 'timeout') {
      return fail({
        key: 'forward.noConfirm',
        params: { seconds: ACK_TIMEOUT_MS / 1000, path: socketPath },
      });
    }
    if (reply !== null) return { kind: 'delivered', reply };
  }
  return fail({ key: 'forward.closedWithoutConfirm', params: { count: MAX_ATTEMPTS } });
}

async function main(args: string[]): Promise<void> {
  let cl: CommandLine;
  try {
    cl = parseCommandLine(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    languageDir = resolveDataDir(dataDirArgument(args));
    const { t, describe } = await translator();
    process.stderr.write(`callpop: ${describe(err)}\n${t('seeHelp')}\n`);
    process.exit(2);
  }
  const dataDir = resolveDataDir(cl.dataDir);
  languageDir = dataDir;
  if (cl.command === 'help') {
    process.stdout.write((await translator()).t('help'));
    return;
  }

  switch (cl.command) {
    case 'export': {
      const { runExport } = await import('./export-command');
      process.exitCode = runExport(dataDir, cl.format as 'json' | 'csv');
      return;
    }
    case 'contacts': {
      const { runContactsCommand } = await import('./contacts-command');
      process.exitCode = runContactsCommand(dataDir, cl.contacts!, cl.format);
      return;
    }
    case 'demo': {
      const { runDemo } = await import('./demo');
      const done = await runDemo({
        dataDir,
        fast: cl.fast,
        ensurePrimary: () => forwardOrServe(cl, dataDir, []),
      });
      // Forwarded into a CallPop that runs elsewhere: we are done. Otherwise keep serving.
      if (!done.servingHere) process.exit(0);
      return;
    }
    case 'serve': {
      const result = await forwardOrServe(cl, dataDir, []);
      if (result.kind === 'delivered') {
        const url = result.reply.ok ? result.reply.url : undefined;
        // Never the token itself: the address, and the private page that carries the token.
        const where = url ? ` at ${whereToOpen(url, dataDir)}` : '';
        process.stdout.write(`CallPop is already running${where}\n`);
        process.exit(0);
      }
      return;
    }
    case null: {
      const result = await forwardOrServe(cl, dataDir, cl.rest);
      if (result.kind === 'became-primary') return; // now serving; runs until stopped
      const { reply } = result;
      if (!reply.ok) {
        const { t } = await translator();
        const error = reply.key ? t(`forward.${reply.key}`) : reply.error;
        return fail({ key: 'forward.refused', params: { error } });
      }
      const outcome = reply.outcome as { kind?: string; message?: string } | undefined;
      if (outcome?.kind === 'rejected') {
        // Delivered and logged by CallPop; nothing for the Assistant to retry. The reason is
        // the core's (its log's language).
        const { t } = await translator();
        const reason = outcome.message ?? t('forward.unusableArguments');
        process.stderr.write(`callpop: ${t('forward.ignored', { reason })}\n`);
      }
      process.exit(0);
    }
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // Our own errors (they carry a message key) are told as such; anything else is a bug, and
  // its stack helps.
  void fail(err instanceof Error && !('key' in err) ? (err.stack ?? err.message) : err);
});
