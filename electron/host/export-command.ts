// `callpop export --format json|csv`: prints the journal. Works while CallPop runs (WAL).
import { exportJournal } from '../core/export';

export function runExport(dataDir: string, format: 'json' | 'csv'): number {
  try {
    process.stdout.write(exportJournal(dataDir, format));
    return 0;
  } catch (err) {
    process.stderr.write(`callpop: export failed: ${(err as Error).message}\n`);
    return 1;
  }
}
