import { useId, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { queryKeys, unwrap } from '../queries';
import { downloadText } from '../download-text';
import { importPatch } from './settings-file';

/**
 * Export the settings as a JSON file, or import one. Main writes the file: only main holds the
 * keys and passwords, and it puts them in only when the agent ticks the box (off each time the
 * screen opens). Importing goes through settings.save, which stores secrets as it stores a
 * typed one (encrypted where the desktop can).
 */
export function SettingsFile({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const inputId = useId();
  const secretsId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [withSecrets, setWithSecrets] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const save = useMutation({
    mutationFn: ({ patch }: { patch: Record<string, unknown>; skipped: number }) =>
      unwrap(api.saveSettings(patch)),
    onSuccess: (next, { skipped }) => {
      client.setQueryData(queryKeys.settings, next);
      setMessage({
        kind: 'ok',
        text:
          skipped > 0
            ? t('settings.file.skippedLocked', { count: skipped })
            : t('settings.file.imported'),
      });
    },
    onError: (err) =>
      setMessage({ kind: 'error', text: t('settings.saveFailed', { error: err.message }) }),
  });

  const exporting = useMutation({
    mutationFn: (secrets: boolean) => unwrap(api.exportSettings(secrets)),
    onSuccess: (json, secrets) => {
      downloadText(json, 'callpop-settings.json', 'application/json');
      setMessage({
        kind: 'ok',
        text: secrets ? t('settings.file.exportedWithSecrets') : t('settings.file.exported'),
      });
    },
    onError: (err) =>
      setMessage({ kind: 'error', text: t('settings.file.exportFailed', { error: err.message }) }),
  });

  const importFile = async (file: File) => {
    const result = importPatch(await file.text(), view.locked);
    if (!result.ok) {
      setMessage({ kind: 'error', text: t(`settings.file.${result.reason}`) });
      return;
    }
    save.mutate({ patch: result.patch, skipped: result.skippedLocked.length });
  };

  return (
    <fieldset className="settings-group settings-file">
      <legend>{t('settings.file.legend')}</legend>
      <p className="field-note">{t('settings.file.note')}</p>
      <div className="field field-check">
        <input
          id={secretsId}
          type="checkbox"
          checked={withSecrets}
          aria-describedby={`${secretsId}-warning`}
          onChange={(e) => setWithSecrets(e.target.checked)}
        />
        <label htmlFor={secretsId}>{t('settings.file.withSecrets')}</label>
        <span id={`${secretsId}-warning`} className="field-note field-warning">
          {t('settings.file.withSecretsWarning')}
        </span>
      </div>
      <div className="toolbar">
        <button
          type="button"
          disabled={exporting.isPending}
          onClick={() => exporting.mutate(withSecrets)}
        >
          {t('settings.file.export')}
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          {t('settings.file.import')}
        </button>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('settings.file.import')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }}
        />
      </div>
      <p aria-live="polite" className={message?.kind === 'error' ? 'error' : 'saved'}>
        {message?.text ?? ''}
      </p>
    </fieldset>
  );
}
