// `callpop contacts import FILE` and `callpop contacts export --format csv|vcf`. They open the
// database directly (WAL, busy timeout), so they work whether CallPop runs or not. What they
// print for the agent is in the agent's language; the exported files are the same in every one.
import { readFileSync } from 'node:fs';
import { openDatabase } from '../core/db';
import { createContactStore, type ImportSummary } from '../core/contacts/contact-store';
import { createSettingsStore } from '../core/settings-store';
import { parseContactFile, formatName } from '../../shared/contacts/import-file';
import { ContactFileError } from '../../shared/contacts/import-result';
import { contactsToCsv, contactsToVcf } from '../../shared/contacts/export-contacts';
import { cliTranslate, type CliTranslate } from './cli-i18n';

export interface ContactsIo {
  out(text: string): void;
  err(text: string): void;
  /** The messages' language; by default the data directory's setting, else the system's. */
  t?: CliTranslate;
}

const stdio: ContactsIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/**
 * The lines the import prints: the counts first, then each row that was skipped or trimmed.
 * The reasons are the importer's own words (as the import screen shows them).
 */
export function describeImport(summary: ImportSummary, t: CliTranslate): string {
  const lines = [
    t('contacts.summary', {
      added: t('contacts.added', { count: summary.added }),
      updated: t('contacts.updated', { count: summary.updated }),
      skipped: t('contacts.skipped', { count: summary.skipped }),
    }),
  ];
  for (const p of summary.problems) {
    const values = { line: p.line, reason: p.reason };
    lines.push(t(p.kept ? 'contacts.lineKept' : 'contacts.lineSkipped', values));
  }
  return lines.join('\n') + '\n';
}

export function runContactsCommand(
  dataDir: string,
  command: { action: 'import'; file: string } | { action: 'export' },
  format: string | undefined,
  io: ContactsIo = stdio,
): number {
  const t = io.t ?? cliTranslate({ dataDir });
  let bytes: Uint8Array | undefined;
  if (command.action === 'import') {
    try {
      bytes = readFileSync(command.file);
    } catch (err) {
      const error = (err as Error).message;
      io.err(`callpop: ${t('contacts.cannotRead', { file: command.file, error })}\n`);
      return 1;
    }
  }
  // Only the country and the digits rule are needed; settings problems are the app's to report.
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const settings = createSettingsStore({ dataDir, logger: quiet }).get();
  const match = () => ({
    defaultCountry: settings.agent.defaultCountry,
    suffixDigits: settings.matching.suffixDigits,
  });
  const db = openDatabase(dataDir);
  try {
    const store = createContactStore(db, match);
    if (command.action === 'export') {
      const all = store.all();
      io.out(format === 'vcf' ? contactsToVcf(all) : contactsToCsv(all));
      return 0;
    }
    let parsed;
    try {
      parsed = parseContactFile(bytes!);
    } catch (err) {
      if (err instanceof ContactFileError) {
        const problem = t(`contacts.fileError.${err.problem}`);
        io.err(`callpop: ${t('contacts.fileProblem', { file: command.file, problem })}\n`);
        return 1;
      }
      throw err;
    }
    const summary = store.importContacts(parsed);
    const fileFormat = { file: command.file, format: formatName(parsed.format) };
    io.err(`${t('contacts.fileFormat', fileFormat)}\n`);
    io.out(describeImport(summary, t));
    return summary.skipped > 0 && summary.added + summary.updated === 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
