// A stand-in for the 3CX Assistant's tcx.assistant.client: a real script, started by CallPop's
// dialer like the real client, that appends the argv it was given to a log the test reads.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures';

export interface StandInAssistant {
  /** The script's path: `dialer.assistantPath` in the spec's settings. */
  path: string;
  /** Writes the script (executable) and an empty log. */
  install(): void;
  /** Empties the log. */
  reset(): void;
  /** Every argv the stand-in was started with, oldest first. */
  dialed(): string[][];
}

export function standInAssistant(name: string): StandInAssistant {
  const path = join(ROOT, 'test-results', `e2e-${name}-tcx-assistant-client`);
  const log = join(ROOT, 'test-results', `e2e-${name}-tcx-argv.jsonl`);
  const reset = () => writeFileSync(log, '');
  return {
    path,
    install() {
      writeFileSync(
        path,
        `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
      );
      chmodSync(path, 0o755);
      reset();
    },
    reset,
    dialed: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as string[])
        : [],
  };
}
