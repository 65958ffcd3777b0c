// The zod-free half of the IPC contract: domain types, push events and the typed API that
// both transports expose. The Electron preload and the renderer import only this, so neither
// carries zod; main validates requests with the schemas in ipc-contract.ts.
import type { CallRecord } from './call-tracker';
import type { PhoneInfo } from './phone';
import type { Settings, SettingsProblem } from './settings-schema';
import type { InvokeChannel, InvokeRequest } from './ipc-contract';
import type {
  AgentBarState,
  AgentChange,
  BoardChange,
  BoardState,
  CallControlResult,
  CallControlState,
  CardAction,
  PbxChangeResult,
  PbxTestResult,
} from './pbx-views';

// Type-only: erased at build time, so importing this module never loads zod.
export type { InvokeChannel, InvokeRequest };

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

export interface CallView extends CallRecord {
  phone: PhoneInfo | null;
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

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

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
  'log.write': null;
  'renderer.ready': null;
  'pbx.agent.get': AgentBarState;
  'pbx.agent.change': PbxChangeResult<AgentBarState>;
  'pbx.board.get': BoardState;
  'pbx.board.change': PbxChangeResult<BoardState>;
  'pbx.call.get': CallControlState;
  'pbx.call.act': CallControlResult;
  'pbx.test': PbxTestResult;
}

export interface PushEvents {
  /** A call changed (new, state, wrap-up, lookup, deliveries). */
  'call.updated': CallView;
  /** Show a card for this call (one card per call id). */
  'popup.show': CallView;
  'popup.hide': { callId: string };
  'settings.changed': SettingsView;
  'outbox.changed': OutboxSummary;
  /** Something the agent should read: bad argv, settings problems, delivery trouble. */
  notice: { level: 'info' | 'warn' | 'error'; message: string };
  /** The agent's PBX state was read again (main's own poll, or after a change). */
  'pbx.agent.changed': AgentBarState;
}
export type PushEvent = keyof PushEvents;

export const PUSH_EVENTS: readonly PushEvent[] = [
  'call.updated',
  'popup.show',
  'popup.hide',
  'settings.changed',
  'outbox.changed',
  'notice',
  'pbx.agent.changed',
];

export type InvokeFn = <C extends InvokeChannel>(
  channel: C,
  request: InvokeRequest<C>,
) => Promise<Result<InvokeResponses[C]>>;
export type SubscribeFn = <E extends PushEvent>(
  event: E,
  cb: (payload: PushEvents[E]) => void,
) => () => void;

/** The domain API both transports expose. Preload and the WebSocket bridge build it here. */
export function createApi(invoke: InvokeFn, subscribe: SubscribeFn) {
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
    log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) =>
      invoke('log.write', { level, message }),
    rendererReady: () => invoke('renderer.ready', {}),
    onCallUpdated: (cb: (c: CallView) => void) => subscribe('call.updated', cb),
    onPopupShow: (cb: (c: CallView) => void) => subscribe('popup.show', cb),
    onPopupHide: (cb: (p: { callId: string }) => void) => subscribe('popup.hide', cb),
    onSettingsChanged: (cb: (s: SettingsView) => void) => subscribe('settings.changed', cb),
    onOutboxChanged: (cb: (s: OutboxSummary) => void) => subscribe('outbox.changed', cb),
    onNotice: (cb: (n: PushEvents['notice']) => void) => subscribe('notice', cb),
    pbxAgent: (background = false) => invoke('pbx.agent.get', { background }),
    changeAgent: (change: AgentChange) => invoke('pbx.agent.change', { change }),
    pbxBoard: (background = false) => invoke('pbx.board.get', { background }),
    changeBoard: (change: BoardChange) => invoke('pbx.board.change', { change }),
    callControl: (callId: string) => invoke('pbx.call.get', { callId }),
    callAction: (callId: string, action: CardAction) => invoke('pbx.call.act', { callId, action }),
    testPbx: (api: 'http-api' | 'rest-api') => invoke('pbx.test', { api }),
    onPbxAgentChanged: (cb: (s: AgentBarState) => void) => subscribe('pbx.agent.changed', cb),
  };
}

export type CallPopApi = ReturnType<typeof createApi>;
