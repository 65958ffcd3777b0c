// The "Copy diagnostics" text an agent pastes into a support ticket: versions, settings with
// every secret replaced, outbox counts and the last warnings and errors. Pure: the caller
// gathers the facts; the logger has already scrubbed secrets from the error lines, and the
// whole text is scrubbed once more with the secret values (a token pasted into a base URL, an
// old error) before it leaves.
import type { OutboxSummary, SettingsView } from '../../shared/ipc';
import { redactSettings } from '../../shared/settings-schema';
import { scrub } from '../../shared/scrub';
import { latencyLines, type LatencySummary } from '../core/latency';

export interface DiagnosticsFacts {
  appName: string;
  appVersion: string;
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>;
  platform: string;
  arch: string;
  osRelease: string;
  dataDir: string;
  logFile: string | null;
  settings: SettingsView | null;
  outbox: OutboxSummary | null;
  recentProblems: readonly string[];
  /** Optional: older callers (and tests) may leave it out. */
  latency?: LatencySummary | null;
  now: Date;
  /** Whether the data directory is the user's alone (data-dir-privacy.ts). */
  dataDirPrivacy?: string;
  /** Secret values in force: never in the text, whatever field they hide in. */
  secrets?: readonly string[];
}

export function diagnosticsText(f: DiagnosticsFacts): string {
  const lines: string[] = [
    `${f.appName} ${f.appVersion} diagnostics, ${f.now.toISOString()}`,
    `electron ${f.versions.electron ?? '?'} · chrome ${f.versions.chrome ?? '?'} · node ${f.versions.node ?? '?'} · v8 ${f.versions.v8 ?? '?'}`,
    `os ${f.platform} ${f.osRelease} ${f.arch}`,
    `data ${f.dataDir}`,
    ...(f.dataDirPrivacy ? [`data directory ${f.dataDirPrivacy}`] : []),
    `log ${f.logFile ?? '(no log file)'}`,
    '',
    '## Outbox',
    f.outbox
      ? `pending ${f.outbox.pending} · failed ${f.outbox.failed} · waiting for settings ${f.outbox.waitingSettings}`
      : '(unavailable)',
    ...(f.outbox?.failedItems ?? [])
      .slice(0, 10)
      .map(
        (d) =>
          `- #${d.id} ${d.kind} call ${d.callId} rev ${d.revision}: ${d.lastError ?? 'failed'}`,
      ),
    '',
    '## Settings (secrets removed)',
  ];
  if (f.settings) {
    lines.push(JSON.stringify(redactSettings(f.settings.settings), null, 2));
    if (f.settings.locked.length)
      lines.push(`locked by the machine file: ${f.settings.locked.join(', ')}`);
    for (const p of f.settings.problems) lines.push(`problem ${p.path || '(file)'}: ${p.message}`);
  } else {
    lines.push('(unavailable)');
  }
  lines.push('', '## Latency (3CX event → painted card)');
  lines.push(...(f.latency ? latencyLines(f.latency) : ['(unavailable)']));
  lines.push('', '## Recent warnings and errors');
  lines.push(...(f.recentProblems.length ? f.recentProblems.slice(-20) : ['(none)']));
  // Line by line: each line is a message of its own, possibly a shortened one ending in the
  // first characters of a secret.
  const secrets = f.secrets ?? [];
  return (
    lines
      .join('\n')
      .split('\n')
      .map((line) => scrub(line, secrets))
      .join('\n') + '\n'
  );
}
