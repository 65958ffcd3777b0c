// What each invoke channel answers and what each push event carries. Channel names are written
// once, as the keys of `invokeSchemas` (schemas.ts); the maps below must name exactly those
// channels, or the typecheck fails (see the checks at the end). Zod-free: schemas.ts is
// imported for its types only, which the compiler erases.
import type {
  CallDetail,
  CallView,
  ConnectionTest,
  Contact,
  ContactsFilePreview,
  ContactsImportSummary,
  ContactsSearchResult,
  DialConfirm,
  CallsPage,
  MainRoute,
  MissedCalls,
  PhonebookMatches,
  LatencyReport,
  Notice,
  OutboxSummary,
  SavedToPhonebook,
  SettingsView,
  SourceStatuses,
} from './domain';
import type { Result } from './errors';
import type {
  AgentBarState,
  BoardState,
  CallControlResult,
  CallControlState,
  PbxChangeResult,
  PbxTestResult,
} from '../pbx-views';
import type { DbnTestResult, EgardsTestResult } from '../crm-tests';
import type { InvokeChannel, InvokeRequest, InvokeRequests } from './schemas';

export type { InvokeChannel, InvokeRequest, InvokeRequests };

export interface InvokeResponses {
  'calls.list': CallView[];
  'calls.get': CallDetail;
  'wrapup.save': CallView;
  'popup.list': CallView[];
  'popup.dismiss': null;
  dial: { via: string };
  'settings.get': SettingsView;
  'settings.save': SettingsView;
  'outbox.summary': OutboxSummary;
  'outbox.retry': OutboxSummary;
  'outbox.discard': OutboxSummary;
  'sources.status': SourceStatuses;
  'call.control': null;
  'callcontrol.test': ConnectionTest;
  'contacts.search': ContactsSearchResult;
  'contacts.save': Contact;
  'contacts.delete': null;
  'contacts.readFile': ContactsFilePreview;
  'contacts.import': ContactsImportSummary;
  'contacts.toPhonebook': SavedToPhonebook;
  'contacts.export': string;
  'log.write': null;
  /** A card says when it was rendered and painted (the last stages of the latency budget). */
  'latency.painted': null;
  'latency.report': LatencyReport;
  'missed.get': MissedCalls;
  'missed.seen': MissedCalls;
  'main.show': null;
  'contacts.phonebook': PhonebookMatches;
  'calls.find': CallsPage;
  'calls.exportCsv': string;
  'pbx.agent.get': AgentBarState;
  'pbx.agent.change': PbxChangeResult<AgentBarState>;
  'pbx.board.get': BoardState;
  'pbx.board.change': PbxChangeResult<BoardState>;
  'pbx.call.get': CallControlState;
  'pbx.call.act': CallControlResult;
  'pbx.test': PbxTestResult;
  /** Settings' Test connection for DBN: one real lookup of a test number, nothing written. */
  'dbn.test': DbnTestResult;
  /** Settings' Test connection for Egards: does the host answer, how went the last report. */
  'egards.test': EgardsTestResult;
  /** The settings as a file (JSON text, the machine-wide file's shape); secrets only when asked. */
  'settings.export': string;
}

export interface PushEvents {
  /** A call changed (new, state, wrap-up, lookup, deliveries): its final view. */
  'call.updated': CallView;
  /** Show a card for this call (one card per call id). */
  'popup.show': CallView;
  'popup.hide': { callId: string };
  'settings.changed': SettingsView;
  'outbox.changed': OutboxSummary;
  /** Something the agent should read: bad argv, settings problems, delivery trouble. */
  notice: Notice;
  /** A PBX event source started, stopped, or began or stopped working. */
  'sources.changed': SourceStatuses;
  /** A tel:/callto:/sip: link asks to dial: the agent confirms first (dialer.confirmLinks). */
  'dial.confirm': DialConfirm;
  /** The agent's PBX state was read again (main's own poll, or after a change). */
  'pbx.agent.changed': AgentBarState;
  /** The count of missed calls not looked at yet changed (tray, window and tab titles). */
  'missed.changed': MissedCalls;
  /** Show the main window on this screen (the tray's missed calls, a popup's Add contact). */
  'main.show': MainRoute;
}
export type PushEvent = keyof PushEvents;

// Written as a record so the compiler proves the list complete: a new key of PushEvents
// without an entry here (or an entry that is no event) does not compile.
const PUSH_EVENT_SET: { readonly [E in PushEvent]: true } = {
  'call.updated': true,
  'popup.show': true,
  'popup.hide': true,
  'settings.changed': true,
  'outbox.changed': true,
  notice: true,
  'sources.changed': true,
  'dial.confirm': true,
  'pbx.agent.changed': true,
  'missed.changed': true,
  'main.show': true,
};
export const PUSH_EVENTS = Object.keys(PUSH_EVENT_SET) as readonly PushEvent[];

export function isPushEvent(name: string): name is PushEvent {
  return Object.hasOwn(PUSH_EVENT_SET, name);
}

/** One push as a pair; a union of tuples, so checking `event` narrows `payload`. */
export type PushArgs = { [E in PushEvent]: [event: E, payload: PushEvents[E]] }[PushEvent];
/** Hears every push; `(event, payload) => { if (event === 'notice') payload.message }`. */
export type PushListener = (...args: PushArgs) => void;

export type InvokeFn = <C extends InvokeChannel>(
  channel: C,
  request: InvokeRequest<C>,
) => Promise<Result<InvokeResponses[C]>>;
export type SubscribeFn = <E extends PushEvent>(
  event: E,
  cb: (payload: PushEvents[E]) => void,
) => () => void;

/**
 * The IPC layer's own channel, outside the domain contract: a renderer sends it once it has
 * subscribed to every push, and main holds that window's pushes back until then.
 */
export const READY_SIGNAL = 'callpop:renderer-ready';

// Compile-time proof that the response map names exactly the channels of the schemas.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const responsesMatchChannels: Exactly<keyof InvokeResponses, InvokeChannel> = true;
void responsesMatchChannels;
