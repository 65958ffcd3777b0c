// Where this launch keeps its data, read before the single-instance lock: Electron keys the lock
// on the userData directory, so two data directories are two independent CallPops (as in
// browser mode). Plain Node and tiny: main.cjs bundles it and runs it on every launch.
import { resolve } from 'node:path';

/** `--data-dir D`, `--data-dir=D`, else CALLPOP_DATA_DIR, else null (Electron's default). */
export function dataDirOverride(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--data-dir') {
      const next = argv[i + 1];
      // `/N:S` after a bare --data-dir is a 3CX flag, not a folder.
      if (next && !next.startsWith('-') && !/^\/[NCTI][:=]/i.test(next)) return resolve(next);
    }
    if (token.startsWith('--data-dir=')) {
      const value = token.slice('--data-dir='.length);
      if (value) return resolve(value);
    }
  }
  const fromEnv = env.CALLPOP_DATA_DIR;
  return fromEnv ? resolve(fromEnv) : null;
}
