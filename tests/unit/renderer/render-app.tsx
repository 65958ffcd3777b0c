import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { i18n } from 'i18next';
import { ApiProvider } from '../../../renderer/src/api-context';
import { App } from '../../../renderer/src/App';
import { createQueryClient } from '../../../renderer/src/queries';
import { createI18n } from '../../../renderer/src/i18n';
import { createAppStore } from '../../../renderer/src/store';
import type { ConnectionSource } from '../../../renderer/src/bridge-types';
import type { FakeApi } from './fake-api';

export interface RenderOptions {
  browserMode?: boolean;
  connection?: ConnectionSource;
  language?: string;
  /** A ready i18n instance instead of the shipped catalogs (pseudo-translation tests). */
  i18n?: i18n;
}

/** Renders `ui` (default: the whole App) with a fresh QueryClient, i18n and store. */
export function renderWithApi(fake: FakeApi, ui: ReactNode = <App />, opts: RenderOptions = {}) {
  const queryClient = createQueryClient();
  const store = createAppStore();
  const utils = render(
    <ApiProvider
      api={fake.api}
      connection={opts.connection}
      browserMode={opts.browserMode ?? false}
      queryClient={queryClient}
      i18n={opts.i18n ?? createI18n(opts.language ?? 'en')}
      store={store}
    >
      {ui}
    </ApiProvider>,
  );
  return { ...utils, queryClient, store };
}

/** Lets pending promises (fake IPC answers) settle inside act. */
export async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}
