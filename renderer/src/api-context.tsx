// Everything a component needs from outside React, provided once at the root. Tests render
// the same tree with an in-memory API, a fresh QueryClient and a fresh store.
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { useStore } from 'zustand';
import type { CallPopApi } from '../../shared/ipc';
import { ALWAYS_OPEN, type ConnectionSource, type ConnectionStatus } from './bridge-types';
import { createAppStore, type AppState, type AppStore } from './store';
import { createQueryClient } from './queries';
import { createI18n } from './i18n';

interface AppContextValue {
  api: CallPopApi;
  connection: ConnectionSource;
  store: AppStore;
  browserMode: boolean;
}

const AppContext = createContext<AppContextValue | null>(null);

export interface ApiProviderProps {
  api: CallPopApi;
  connection?: ConnectionSource;
  browserMode?: boolean;
  queryClient?: QueryClient;
  i18n?: i18n;
  store?: AppStore;
  children: ReactNode;
}

export function ApiProvider(props: ApiProviderProps) {
  const [queryClient] = useState(() => props.queryClient ?? createQueryClient());
  const [i18n] = useState(() => props.i18n ?? createI18n());
  const [store] = useState(() => props.store ?? createAppStore());
  const [value] = useState<AppContextValue>(() => ({
    api: props.api,
    connection: props.connection ?? ALWAYS_OPEN,
    store,
    browserMode: props.browserMode ?? false,
  }));
  return (
    <AppContext.Provider value={value}>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>{props.children}</QueryClientProvider>
      </I18nextProvider>
    </AppContext.Provider>
  );
}

function useAppContext(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('CallPop components must be rendered inside <ApiProvider>');
  return ctx;
}

export function useApi(): CallPopApi {
  return useAppContext().api;
}

export function useBrowserMode(): boolean {
  return useAppContext().browserMode;
}

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

export function useAppStoreApi(): AppStore {
  return useAppContext().store;
}

export function useConnectionStatus(): ConnectionStatus {
  const { connection } = useAppContext();
  return useSyncExternalStore(connection.subscribe, connection.getStatus);
}
