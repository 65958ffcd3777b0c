// Where this launch keeps its data, read before the single-instance lock: Electron keys the lock
// on the userData directory, so two data directories are two independent CallPops (as in
// browser mode). Plain Node and tiny: main.cjs bundles it and runs it on every launch.
import { resolve } from 'node:path';

/**
 * `--data-dir D`, `--data-dir=D`, else CALLPOP_DATA_DIR, else null (Electron's default). The
 * last one given wins and the option's case does not matter, as for the trampoline
 * (callpop-notify) and the command line, so all three agree on the data directory and so on
 * the endpoint they meet at.
 */
export function dataDirOverride(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  let found: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    const lower = token.toLowerCase();
    if (lower === '--data-dir') {
      const next = argv[i + 1];
      // `/N:S` after a bare --data-dir is a 3CX flag, not a folder.
      if (next && !next.startsWith('-') && !/^\/[NCTI][:=]/i.test(next)) found = next;
    }
    if (lower.startsWith('--data-dir=')) {
      const value = token.slice('--data-dir='.length);
      if (value) found = value;
    }
  }
  if (found) return resolve(found);
  const fromEnv = env.CALLPOP_DATA_DIR;
  return fromEnv ? resolve(fromEnv) : null;
}
