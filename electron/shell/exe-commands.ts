// `CallPop.exe export | demo | serve | --help`, run instead of the app (no window, no tray).
// export reads the journal read-side (WAL), so it works while CallPop runs; demo starts the exe
// once per 3CX event, exactly as the Assistant does, so it exercises the real single-instance
// path. Redirect to keep the output on Windows: `CallPop.exe export --format csv > calls.csv`.
// Messages are in the agent's language (the data folder's setting, else Windows'); exports are not.
import type { ChildProcess } from 'node:child_process';
import { parseCommandLine, UsageError } from '../host/cli-options';
import { demoScript } from '../host/demo';
import { cliTranslate, describeError, type CliTranslate } from '../host/cli-i18n';
import { exportJournal } from '../core/export';
import type { SpawnFn } from '../core/core-types';
import type { ExeCommand } from './exe-command';

export interface ExeCommandDeps {
  dataDir: string;
  /** The exe and, when unpackaged, the app folder (`electron .`): what starts CallPop again. */
  self: { execPath: string; args: readonly string[] };
  spawn: SpawnFn;
  out: (text: string) => void;
  err: (text: string) => void;
  /** ms to wait for a started exe to hand over and exit; the one that stays is the primary. */
  handOverMs?: number;
  /** The messages' language; by default the data directory's setting, else the system's. */
  t?: CliTranslate;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
    child.once('error', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function runExeCommand(
  command: ExeCommand,
  args: readonly string[],
  deps: ExeCommandDeps,
): Promise<number> {
  const t = deps.t ?? cliTranslate({ dataDir: deps.dataDir });
  let options;
  try {
    // `contacts` takes its own words (import FILE / export): the shared parser reads them.
    options = parseCommandLine(command === 'contacts' ? ['contacts', ...args] : args);
  } catch (e) {
    if (e instanceof UsageError) {
      deps.err(`CallPop: ${describeError(t, e)}\n\n${t('exeHelp')}`);
      return 2;
    }
    throw e;
  }
  switch (command) {
    case 'help':
      deps.out(t('exeHelp'));
      return 0;
    case 'serve':
      deps.err(`CallPop: ${t('serve.notInDesktop')}\n`);
      return 2;
    case 'export': {
      const format = options.format ?? 'json';
      if (format !== 'json' && format !== 'csv') {
        deps.err(`CallPop: ${t('usage.exportFormat', { format })}\n`);
        return 2;
      }
      try {
        deps.out(exportJournal(deps.dataDir, format));
        return 0;
      } catch (e) {
        deps.err(`CallPop: ${t('export.failed', { error: (e as Error).message })}\n`);
        return 1;
      }
    }
    case 'contacts': {
      const { runContactsCommand } = await import('../host/contacts-command');
      return runContactsCommand(deps.dataDir, options.contacts!, options.format, {
        out: deps.out,
        err: deps.err,
        t,
      });
    }
    case 'demo': {
      const pause = (ms: number) => new Promise((r) => setTimeout(r, options.fast ? 0 : ms));
      for (const step of demoScript(Date.now().toString(36))) {
        deps.out(`  ${t(`demo.step.${step.say}`)}\n`);
        // A dial URL must be the last argument (Electron's CVE-2018-1000006 guard).
        const child = deps.spawn(
          deps.self.execPath,
          [...deps.self.args, '--data-dir', deps.dataDir, ...step.argv],
          { detached: true, stdio: 'ignore', windowsHide: true },
        );
        // The first start becomes CallPop when none runs and stays: that is expected.
        const exited = await waitForExit(child, deps.handOverMs ?? 8000);
        if (!exited) child.unref();
        await pause(step.pauseMs);
      }
      deps.out(`${t('demo.exeDone')}\n`);
      return 0;
    }
  }
}
