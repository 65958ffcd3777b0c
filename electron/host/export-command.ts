// `callpop export --format json|csv`: prints the journal. Works while CallPop runs (WAL). The
// export itself is the same in every language; only a failure is told in the agent's.
import { exportJournal } from '../core/export';
import { cliTranslate } from './cli-i18n';

export function runExport(dataDir: string, format: 'json' | 'csv'): number {
  try {
    process.stdout.write(exportJournal(dataDir, format));
    return 0;
  } catch (err) {
    const t = cliTranslate({ dataDir });
    process.stderr.write(`callpop: ${t('export.failed', { error: (err as Error).message })}\n`);
    return 1;
  }
}
