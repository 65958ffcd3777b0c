// UI state that is not server data: the call cards on screen, the agent's unsaved wrap-up
// drafts and settings edits, and the notices to read. Server data (history, details, outbox, settings) lives in
// the TanStack Query cache instead. One store per app instance, so every test starts clean.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallView, PushEvents, WrapUpStatus } from '../../shared/ipc';
import { callKey } from '../../shared/call-tracker';
import type { FieldPath, SettingsDraft } from './settings/fields';

export interface Draft {
  status?: WrapUpStatus | null;
  comments?: string;
}

export type NoticeMessage = PushEvents['notice'];
export interface Notice extends NoticeMessage {
  id: number;
}

export interface AppState {
  /** Newest first; one per call key. */
  cards: CallView[];
  drafts: Record<string, Draft>;
  notices: Notice[];
  /** Settings the agent changed and has not saved; kept while the settings view is closed. */
  settingsDraft: SettingsDraft;

  showCard(call: CallView): void;
  hideCard(callId: string): void;
  /** Updates a card that is already on screen; never adds one. */
  updateCard(call: CallView): void;
  /** The server's list of open cards (cold start, reconnect) is the truth. */
  replaceCards(calls: CallView[]): void;
  setDraft(key: string, patch: Draft): void;
  clearDraft(key: string): void;
  addNotice(n: NoticeMessage): void;
  dismissNotice(id: number): void;
  setSettingsField(path: FieldPath, value: string | boolean): void;
  /** Forgets the edits; with `saved`, only those still holding the value that was saved. */
  clearSettingsDraft(saved?: SettingsDraft): void;
}

export type AppStore = StoreApi<AppState>;

let noticeSeq = 0;

/**
 * A push that changes nothing the card shows keeps the card's object, so it is not rendered
 * again: a new call's 'popup.show' is followed by its 'call.updated' with the same view, and
 * that second render would otherwise land right after the frame that shows the card. Views
 * are plain JSON from one serializer, so their texts compare field for field.
 */
function sameView(a: CallView, b: CallView): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function createAppStore(): AppStore {
  return createStore<AppState>()((set) => ({
    cards: [],
    drafts: {},
    notices: [],
    settingsDraft: {},

    showCard: (call) =>
      set((s) => {
        const i = s.cards.findIndex((c) => c.key === call.key);
        if (i < 0) return { cards: [call, ...s.cards] };
        if (sameView(s.cards[i]!, call)) return s;
        const cards = s.cards.slice();
        cards[i] = call;
        return { cards };
      }),
    hideCard: (callId) => set((s) => ({ cards: s.cards.filter((c) => c.key !== callKey(callId)) })),
    updateCard: (call) =>
      set((s) =>
        s.cards.some((c) => c.key === call.key && !sameView(c, call))
          ? { cards: s.cards.map((c) => (c.key === call.key ? call : c)) }
          : s,
      ),
    replaceCards: (calls) =>
      set((s) => {
        const listed = new Map(dedupe(calls).map((c) => [c.key, c]));
        const kept = s.cards.filter((c) => listed.has(c.key)).map((c) => listed.get(c.key)!);
        const added = [...listed.values()]
          .filter((c) => !s.cards.some((k) => k.key === c.key))
          .sort((a, b) => b.startedAt - a.startedAt);
        return { cards: [...added, ...kept] };
      }),
    setDraft: (key, patch) =>
      set((s) => ({ drafts: { ...s.drafts, [key]: { ...s.drafts[key], ...patch } } })),
    clearDraft: (key) =>
      set((s) => {
        if (!(key in s.drafts)) return s;
        const drafts = { ...s.drafts };
        delete drafts[key];
        return { drafts };
      }),
    addNotice: (n) => set((s) => ({ notices: [...s.notices, { ...n, id: ++noticeSeq }] })),
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    setSettingsField: (path, value) =>
      set((s) => ({ settingsDraft: { ...s.settingsDraft, [path]: value } })),
    clearSettingsDraft: (saved) =>
      set((s) => {
        if (!saved) return { settingsDraft: {} };
        const left: SettingsDraft = {};
        for (const [path, value] of Object.entries(s.settingsDraft) as [
          FieldPath,
          string | boolean,
        ][])
          if (saved[path] !== value) left[path] = value;
        return { settingsDraft: left };
      }),
  }));
}

function dedupe(calls: CallView[]): CallView[] {
  const seen = new Set<string>();
  return calls.filter((c) => (seen.has(c.key) ? false : (seen.add(c.key), true)));
}
