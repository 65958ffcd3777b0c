// The domain API both transports expose (the Electron preload and the browser-mode WebSocket
// bridge build it from their own invoke/subscribe). Every method names a channel of the
// contract; a misspelt channel or a wrong request does not compile.
import type { InvokeFn, PushEvents, SubscribeFn } from './channels';
import type {
  OutboxSummary,
  SettingsView,
  CallView,
  ColumnMapping,
  ContactInput,
  DialConfirm,
  HistoryFilter,
  MainRoute,
  MissedCalls,
  SourceStatuses,
  WrapUpStatus,
} from './domain';
import type { AgentBarState, AgentChange, BoardChange, CardAction } from '../pbx-views';

export function createApi(
  invoke: InvokeFn,
  subscribe: SubscribeFn,
  /** Tells main this renderer listens now (the IPC layer's ready signal). */
  ready: () => Promise<void>,
) {
  return {
    listCalls: (limit?: number) => invoke('calls.list', limit === undefined ? {} : { limit }),
    getCall: (callId: string) => invoke('calls.get', { callId }),
    saveWrapUp: (callId: string, status: WrapUpStatus, comments: string) =>
      invoke('wrapup.save', { callId, status, comments }),
    listPopups: () => invoke('popup.list', {}),
    dismissPopup: (callId: string) => invoke('popup.dismiss', { callId }),
    dial: (number: string) => invoke('dial', { number }),
    getSettings: () => invoke('settings.get', {}),
    saveSettings: (patch: Record<string, unknown>) => invoke('settings.save', { patch }),
    outboxSummary: () => invoke('outbox.summary', {}),
    retryDelivery: (id: number) => invoke('outbox.retry', { id }),
    discardDelivery: (id: number) => invoke('outbox.discard', { id }),
    sourcesStatus: () => invoke('sources.status', {}),
    controlCall: (
      callId: string,
      action: 'answer' | 'drop' | 'divert' | 'transferto',
      destination?: string,
    ) =>
      invoke(
        'call.control',
        destination === undefined ? { callId, action } : { callId, action, destination },
      ),
    testCallControl: () => invoke('callcontrol.test', {}),
    searchContacts: (query: string) => invoke('contacts.search', { query }),
    saveContact: (id: number | null, contact: ContactInput) =>
      invoke('contacts.save', { id, contact }),
    deleteContact: (id: number) => invoke('contacts.delete', { id }),
    /** `data`: the file's bytes as base64. */
    readContactsFile: (data: string) => invoke('contacts.readFile', { data }),
    importContacts: (data: string, mapping: ColumnMapping | null) =>
      invoke('contacts.import', { data, mapping }),
    saveContactToPhonebook: (id: number) => invoke('contacts.toPhonebook', { id }),
    exportContacts: (format: 'csv' | 'vcf') => invoke('contacts.export', { format }),
    log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) =>
      invoke('log.write', { level, message }),
    reportPaint: (callId: string, renderedAt: number, paintedAt: number) =>
      invoke('latency.painted', { callId, renderedAt, paintedAt }),
    latencyReport: () => invoke('latency.report', {}),
    ready,
    onCallUpdated: (cb: (c: CallView) => void) => subscribe('call.updated', cb),
    onPopupShow: (cb: (c: CallView) => void) => subscribe('popup.show', cb),
    onPopupHide: (cb: (p: { callId: string }) => void) => subscribe('popup.hide', cb),
    onSettingsChanged: (cb: (s: SettingsView) => void) => subscribe('settings.changed', cb),
    onOutboxChanged: (cb: (s: OutboxSummary) => void) => subscribe('outbox.changed', cb),
    onNotice: (cb: (n: PushEvents['notice']) => void) => subscribe('notice', cb),
    onSourcesChanged: (cb: (s: SourceStatuses) => void) => subscribe('sources.changed', cb),
    onDialConfirm: (cb: (d: DialConfirm) => void) => subscribe('dial.confirm', cb),
    pbxAgent: (background = false) => invoke('pbx.agent.get', { background }),
    changeAgent: (change: AgentChange) => invoke('pbx.agent.change', { change }),
    pbxBoard: (background = false) => invoke('pbx.board.get', { background }),
    changeBoard: (change: BoardChange) => invoke('pbx.board.change', { change }),
    callControl: (callId: string) => invoke('pbx.call.get', { callId }),
    callAction: (callId: string, action: CardAction) => invoke('pbx.call.act', { callId, action }),
    testPbx: (api: 'http-api' | 'rest-api') => invoke('pbx.test', { api }),
    testDbn: (number?: string) => invoke('dbn.test', number === undefined ? {} : { number }),
    testEgards: () => invoke('egards.test', {}),
    /** The settings file's text; with secrets only when the agent ticked the box. */
    exportSettings: (withSecrets: boolean) => invoke('settings.export', { withSecrets }),
    onPbxAgentChanged: (cb: (s: AgentBarState) => void) => subscribe('pbx.agent.changed', cb),
    missedCalls: () => invoke('missed.get', {}),
    markMissedSeen: () => invoke('missed.seen', {}),
    onMissedChanged: (cb: (m: MissedCalls) => void) => subscribe('missed.changed', cb),
    /** Shows the main window on a screen (from the popup window, the tray, a card). */
    showMain: (route: MainRoute) => invoke('main.show', route),
    onShowMain: (cb: (r: MainRoute) => void) => subscribe('main.show', cb),
    searchPhonebook: (query: string) => invoke('contacts.phonebook', { query }),
    findCalls: (
      filter: HistoryFilter,
      after: { startedAt: number; key: string } | null,
      limit: number,
    ) => invoke('calls.find', { filter, after, limit }),
    exportCalls: (filter: HistoryFilter) => invoke('calls.exportCsv', { filter }),
  };
}

export type CallPopApi = ReturnType<typeof createApi>;
