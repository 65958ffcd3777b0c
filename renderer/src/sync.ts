// Keeps the renderer in step with main: subscribe to every push first, then send the IPC
// layer's ready signal (main queues pushes until then), then ask which cards are open, so a call that arrived
// while the window was still loading is not lost. After a reconnect, ask again.
import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import type { CallPopApi } from '../../shared/ipc';
import { resolveLanguage } from '../../shared/i18n';
import { useApi, useAppStoreApi, useConnectionStatus } from './api-context';
import { applyCallToCache, queryKeys, settingsQuery } from './queries';
import type { AppStore } from './store';
import { logTo } from './logging';
import { afterPaint } from './after-paint';
import { pbxKeys } from './pbx/pbx-queries';
import { applyCallToHistory } from './history/history-queries';

export function useCallPopSync(): void {
  const api = useApi();
  const store = useAppStoreApi();
  const client = useQueryClient();
  const status = useConnectionStatus();
  const wasOpen = useRef(false);

  useEffect(() => {
    const { showCard, hideCard, updateCard, addNotice } = store.getState();
    const offs = [
      // The card first; the history and detail caches after the frame that shows it.
      api.onPopupShow((call) => {
        showCard(call);
        afterPaint(call.key, () => {
          applyCallToCache(client, call);
          applyCallToHistory(client, call);
        });
      }),
      api.onPopupHide(({ callId }) => hideCard(callId)),
      api.onCallUpdated((call) => {
        updateCard(call);
        afterPaint(call.key, () => {
          applyCallToCache(client, call);
          applyCallToHistory(client, call);
        });
      }),
      api.onOutboxChanged((summary) => client.setQueryData(queryKeys.outbox, summary)),
      api.onSettingsChanged((view) => client.setQueryData(queryKeys.settings, view)),
      api.onNotice((notice) => addNotice(notice)),
      api.onSourcesChanged((list) => client.setQueryData(queryKeys.sources, list)),
      api.onPbxAgentChanged((state) => client.setQueryData(pbxKeys.agent, state)),
      api.onMissedChanged((missed) => client.setQueryData(queryKeys.missed, missed)),
    ];
    void announceReady(api, store);
    return () => offs.forEach((off) => off());
  }, [api, store, client]);

  // A dropped WebSocket may have missed pushes: re-announce, re-list, refetch.
  useEffect(() => {
    if (status !== 'open') return;
    if (wasOpen.current) {
      void announceReady(api, store);
      void client.invalidateQueries();
    }
    wasOpen.current = true;
  }, [status, api, store, client]);

  useLanguageFromSettings(api);
}

async function announceReady(api: CallPopApi, store: AppStore): Promise<void> {
  try {
    await api.ready();
    const popups = await api.listPopups();
    if (popups.ok) store.getState().replaceCards(popups.value);
    else logTo(api, 'warn', `popup.list failed: ${popups.error.message}`);
  } catch (err) {
    logTo(api, 'error', `renderer start-up sync failed: ${String(err)}`);
  }
}

function useLanguageFromSettings(api: CallPopApi): void {
  const { i18n } = useTranslation();
  const settings = useQuery(settingsQuery(api));
  const setting = settings.data?.settings.language ?? 'auto';
  useEffect(() => applyLanguage(i18n, setting), [setting, i18n]);
}

/** Shows the UI in the language setting ('auto': the system's language if we ship it). */
export function applyLanguage(i18n: i18n, setting: string): void {
  const lang = resolveLanguage(setting, navigator.languages ?? [navigator.language]);
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}
