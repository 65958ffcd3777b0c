// `callpop contacts import FILE` and `callpop contacts export --format csv|vcf`. They open the
// database directly (WAL, busy timeout), so they work whether CallPop runs or not.
import { readFileSync } from 'node:fs';
import { openDatabase } from '../core/db';
import { createContactStore, type ImportSummary } from '../core/contacts/contact-store';
import { createSettingsStore } from '../core/settings-store';
import { parseContactFile, formatName } from '../../shared/contacts/import-file';
import { ContactFileError } from '../../shared/contacts/import-result';
import { contactsToCsv, contactsToVcf } from '../../shared/contacts/export-contacts';

export interface ContactsIo {
  out(text: string): void;
  err(text: string): void;
}

const stdio: ContactsIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** The lines the import prints: the counts first, then each row that was skipped or trimmed. */
export function describeImport(summary: ImportSummary): string {
  const lines = [`${summary.added} added, ${summary.updated} updated, ${summary.skipped} skipped`];
  for (const p of summary.problems) {
    lines.push(
      p.kept ? `line ${p.line}: imported, but ${p.reason}` : `line ${p.line}: skipped: ${p.reason}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function runContactsCommand(
  dataDir: string,
  command: { action: 'import'; file: string } | { action: 'export' },
  format: string | undefined,
  io: ContactsIo = stdio,
): number {
  let bytes: Uint8Array | undefined;
  if (command.action === 'import') {
    try {
      bytes = readFileSync(command.file);
    } catch (err) {
      io.err(`callpop: cannot read ${command.file}: ${(err as Error).message}\n`);
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
        io.err(`callpop: ${command.file}: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    const summary = store.importContacts(parsed);
    io.err(`${command.file}: ${formatName(parsed.format)}\n`);
    io.out(describeImport(summary));
    return summary.skipped > 0 && summary.added + summary.updated === 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
