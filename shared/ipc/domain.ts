// The values that cross the IPC contract: calls, wrap-ups, deliveries, the outbox and the
// settings screen. Plain types (plus the one list of wrap-up statuses), no zod, so the
// renderer and the preload can import them freely.
import type { CallRecord } from '../call-tracker';
import type { PhoneInfo } from '../phone';
import type { Settings, SettingsProblem } from '../settings-schema';
import type { SourceStatus } from '../source-status';
import type { Contact, ContactInput } from '../contacts/contact';
import type { ColumnMapping } from '../contacts/csv-mapping';
import type { ContactFileFormat, ImportProblem } from '../contacts/import-result';

export type { PbxSourceName, SourceStatus } from '../source-status';
export type { Contact, ContactInput, ColumnMapping, ContactFileFormat, ImportProblem };

/** What Test connection found for the 3CX Call Control API (which set-up step is missing). */
export interface ConnectionTest {
  ok: boolean;
  /** unreachable, bad-credentials, not-licensed, not-monitored, not-configured, refused… */
  kind: string;
  message: string;
}

/** Every PBX event source that runs, with what it says about itself. */
export type SourceStatuses = SourceStatus[];

export const WRAP_UP_STATUSES = [
  'No Answer',
  'Schedule Later',
  'Do not Disturb',
  'Completed',
] as const;
export type WrapUpStatus = (typeof WRAP_UP_STATUSES)[number];

export interface WrapUp {
  status: WrapUpStatus;
  comments: string;
  savedAt: number;
  /** 1 for the first save, +1 for every later edit; part of the CRM idempotency key. */
  revision: number;
}

export type DeliveryKind = 'dbn-writeback' | 'egards-connect' | 'egards-disconnect';
export type DeliveryStatus = 'pending' | 'waiting-settings' | 'delivered' | 'failed' | 'discarded';

export interface Delivery {
  id: number;
  callId: string;
  kind: DeliveryKind;
  revision: number;
  status: DeliveryStatus;
  attempts: number;
  /** The server's answer or the reason it is waiting, for the failed list. */
  lastError: string | null;
  nextAttemptAt: number | null;
  updatedAt: number;
}

export type CrmLookup =
  | { state: 'off' }
  | { state: 'pending' }
  | { state: 'known' }
  | { state: 'unknown' }
  | { state: 'timeout' }
  | { state: 'error'; message: string };

/** Who the number belongs to: a local contact, else the 3CX phonebook. */
export interface CallerName {
  name: string;
  company: string;
  source: 'local' | '3cx';
  contactId?: number;
  /** The label of the number that matched (mobile, work …). */
  label?: string;
}

export interface CallView extends CallRecord {
  phone: PhoneInfo | null;
  /** The caller's (or, outbound, the called) name, as soon as it is known; null: unknown. */
  caller: CallerName | null;
  wrapUp: WrapUp | null;
  crm: CrmLookup;
  deliveries: Delivery[];
}

export interface CallDetail {
  call: CallView;
  /** Earlier calls with the same number, newest first. */
  history: CallView[];
}

export interface OutboxSummary {
  pending: number;
  failed: number;
  waitingSettings: number;
  failedItems: Delivery[];
}

export interface SettingsView {
  settings: Settings;
  problems: SettingsProblem[];
  locked: string[];
}

export type NoticeLevel = 'info' | 'warn' | 'error';

export interface Notice {
  level: NoticeLevel;
  message: string;
}

export interface ContactsSearchResult {
  contacts: Contact[];
  /** More contacts match than were sent: the agent types on. */
  more: boolean;
}

export type ContactsFilePreview =
  | {
      kind: 'csv';
      format: ContactFileFormat;
      headers: string[];
      /** The guessed mapping, for the mapping step of other CSV files. */
      mapping: ColumnMapping;
      rows: number;
    }
  | { kind: 'vcard'; format: 'vcard'; rows: number };

export interface ContactsImportSummary {
  added: number;
  updated: number;
  skipped: number;
  problems: ImportProblem[];
}

/** Calls that ended missed after the agent last looked (main window in front). */
export interface MissedCalls {
  count: number;
  /** When the agent last looked; 0 before the first look. */
  seenAt: number;
}

export type HistoryKind = 'all' | 'missed' | 'today';

/** What the history shows: a kind, and a number (any format) or a name typed by the agent. */
export interface HistoryFilter {
  kind: HistoryKind;
  text: string;
}

/** One page of the filtered history, newest first; `next` continues after its last call. */
export interface CallsPage {
  calls: CallView[];
  next: { startedAt: number; key: string } | null;
  /** How many calls the filter selects in all (first page only; null on later pages). */
  total: number | null;
}

/** A screen of the main window another window (or the tray) asks for. */
export type MainRoute =
  { to: 'history'; kind: HistoryKind } | { to: 'new-contact'; number: string };

/** A contact of the 3CX phonebook found for a contacts search (not stored locally). */
export interface PhonebookMatch {
  pbxId: string;
  name: string;
  company: string;
  email: string;
  numbers: Array<{ label: string; number: string }>;
}

export interface PhonebookMatches {
  /** false: the REST API is not set up, or the query is not a number (nothing was asked). */
  asked: boolean;
  contacts: PhonebookMatch[];
  /** Why the phonebook could not be read (the local results are unaffected). */
  error?: string;
}

export interface SavedToPhonebook {
  pbxId: string;
  created: boolean;
  leftOut: string[];
}

/** A dial link (tel:, callto:, sip:) waits for the agent to confirm. */
export interface DialConfirm {
  number: string;
}

/** The stages of one 3CX event on its way to a painted card (epoch ms, one clock). */
export const LATENCY_STAGES = [
  'received',
  'applied',
  'pushed',
  'committed',
  'rendered',
  'painted',
] as const;
export type LatencyStage = (typeof LATENCY_STAGES)[number];

export interface LatencyTrace {
  callId: string | null;
  type: string | null;
  /** This event showed the call's card (popup.show): only such an event waits for a paint. */
  card: boolean;
  marks: Partial<Record<LatencyStage, number>>;
}

export interface LatencyStep {
  from: LatencyStage;
  to: LatencyStage;
  count: number;
  p50: number;
  p95: number;
}

export interface LatencySummary {
  events: number;
  steps: LatencyStep[];
  /** received → painted, for events whose card reported its paint. */
  inApp: { count: number; p50: number; p95: number; budgetMs: number };
}

export interface LatencyReport {
  summary: LatencySummary;
  /** The last events, oldest first. */
  recent: LatencyTrace[];
}
