// settings.get, settings.save and settings.export. The renderer never holds a secret: it sees
// `***` for a secret that is set, and sends `***` back for one the agent left alone. The one
// exception is an export the agent asked to include the keys in: main writes that file.
import { IpcFailure, type SettingsView } from '../../../shared/ipc';
import {
  REDACTED,
  SECRET_PATHS,
  deletePath,
  getPath,
  redactSettings,
  type Settings,
} from '../../../shared/settings-schema';
import type { PushArgs } from '../../../shared/ipc';
import type { SettingsStore } from '../settings-store';
import { settingsFileText } from '../../../shared/settings-file';
import type { Logger } from '../core-types';
import type { Handlers } from './types';

export function publicView(v: SettingsView): SettingsView {
  return { ...v, settings: redactSettings(v.settings) };
}

export function withoutUnchangedSecrets(patch: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(patch);
  for (const path of SECRET_PATHS) if (getPath(copy, path) === REDACTED) deletePath(copy, path);
  return copy;
}

export interface SettingsHandlerDeps {
  store: SettingsStore;
  push(...args: PushArgs): void;
  /** Runs after a save, before the push: the logger's secret list, the CRM outbox. */
  saved(settings: Settings): void;
  logger?: Logger;
}

export function settingsHandlers(
  deps: SettingsHandlerDeps,
): Pick<Handlers, 'settings.get' | 'settings.save' | 'settings.export'> {
  return {
    'settings.get': () => publicView(deps.store.view()),
    'settings.save': ({ patch }) => {
      const r = deps.store.save(withoutUnchangedSecrets(patch));
      if (!r.ok) throw new IpcFailure(r.error);
      deps.saved(r.view.settings);
      const view = publicView(r.view);
      deps.push('settings.changed', view);
      return view;
    },
    'settings.export': ({ withSecrets }) => {
      // Which way it went is worth a log line (an admin asks who exported the keys); no value is.
      deps.logger?.info(`settings exported ${withSecrets ? 'with' : 'without'} keys and passwords`);
      return settingsFileText(deps.store.get(), withSecrets);
    },
  };
}
