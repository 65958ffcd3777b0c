// The wrap-up form's state, shared by the call card and the history detail. The draft lives in
// the app store, keyed by call, so a failed save, a hidden card or a re-render never loses
// what the agent typed; it is cleared only once main has stored the wrap-up.
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { WRAP_UP_STATUSES, type CallView, type WrapUpStatus } from '../../../shared/ipc';
import { useApi, useAppStore, useAppStoreApi } from '../api-context';
import { applyCallToCache } from '../queries';
import { applyCallToHistory } from '../history/history-queries';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; revision: number }
  | { kind: 'error'; error: string }
  | { kind: 'needs-status' };

export interface WrapUpDraft {
  status: WrapUpStatus | null;
  comments: string;
  saveState: SaveState;
  setStatus(status: WrapUpStatus): void;
  setComments(comments: string): void;
  save(): void;
  /** Keys 1–4 (outside text fields) choose a status; Ctrl/Cmd+Enter saves. True if handled. */
  handleKey(e: KeyboardEvent): boolean;
}

export function useWrapUp(call: CallView): WrapUpDraft {
  const api = useApi();
  const client = useQueryClient();
  const storeApi = useAppStoreApi();
  const draft = useAppStore((s) => s.drafts[call.key]);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const saving = useRef(false);

  const status = draft?.status !== undefined ? draft.status : (call.wrapUp?.status ?? null);
  const comments = draft?.comments ?? call.wrapUp?.comments ?? '';

  const setStatus = useCallback(
    (s: WrapUpStatus) => {
      storeApi.getState().setDraft(call.key, { status: s });
      setSaveState((prev) => (prev.kind === 'saving' ? prev : { kind: 'idle' }));
    },
    [storeApi, call.key],
  );
  const setComments = useCallback(
    (c: string) => {
      storeApi.getState().setDraft(call.key, { comments: c });
      setSaveState((prev) =>
        prev.kind === 'saving' || prev.kind === 'error' ? prev : { kind: 'idle' },
      );
    },
    [storeApi, call.key],
  );

  const save = useCallback(() => {
    if (saving.current) return;
    if (status === null) {
      setSaveState({ kind: 'needs-status' });
      return;
    }
    saving.current = true;
    setSaveState({ kind: 'saving' });
    api
      .saveWrapUp(call.id, status, comments)
      .then((result) => {
        if (!result.ok) {
          setSaveState({ kind: 'error', error: result.error.message });
          return;
        }
        const saved = result.value;
        storeApi.getState().updateCard(saved);
        applyCallToCache(client, saved);
        applyCallToHistory(client, saved);
        // Only forget the draft if the agent has not typed on while the save was in flight.
        const now = storeApi.getState().drafts[call.key];
        if (
          !now ||
          ((now.status ?? status) === status && (now.comments ?? comments) === comments)
        ) {
          storeApi.getState().clearDraft(call.key);
        }
        setSaveState({ kind: 'saved', revision: saved.wrapUp?.revision ?? 1 });
      })
      .catch((err: unknown) => {
        setSaveState({ kind: 'error', error: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        saving.current = false;
      });
  }, [api, client, storeApi, call.id, call.key, status, comments]);

  const handleKey = useCallback(
    (e: KeyboardEvent): boolean => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        save();
        return true;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTextField(e.target)) return false;
      const index = ['1', '2', '3', '4'].indexOf(e.key);
      const picked = WRAP_UP_STATUSES[index];
      if (!picked) return false;
      e.preventDefault();
      setStatus(picked);
      return true;
    },
    [save, setStatus],
  );

  return { status, comments, saveState, setStatus, setComments, save, handleKey };
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return true;
  return (
    target instanceof HTMLInputElement &&
    !['radio', 'checkbox', 'button', 'submit'].includes(target.type)
  );
}
