import { useId, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { queryKeys, unwrap } from '../queries';
import { exportableSettings, importPatch } from './settings-file';

/** Export the settings as a JSON file (no secrets), or import one. */
export function SettingsFile({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const save = useMutation({
    mutationFn: (patch: Record<string, unknown>) => unwrap(api.saveSettings(patch)),
    onSuccess: (next) => {
      client.setQueryData(queryKeys.settings, next);
      setMessage({ kind: 'ok', text: t('settings.file.imported') });
    },
    onError: (err) =>
      setMessage({ kind: 'error', text: t('settings.saveFailed', { error: err.message }) }),
  });

  const exportFile = () => {
    const json = `${JSON.stringify(exportableSettings(view.settings), null, 2)}\n`;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'callpop-settings.json';
    a.click();
    URL.revokeObjectURL(url);
    setMessage({ kind: 'ok', text: t('settings.file.exported') });
  };

  const importFile = async (file: File) => {
    const result = importPatch(await file.text());
    if (!result.ok) {
      setMessage({ kind: 'error', text: t(`settings.file.${result.reason}`) });
      return;
    }
    save.mutate(result.patch);
  };

  return (
    <fieldset className="settings-group settings-file">
      <legend>{t('settings.file.legend')}</legend>
      <p className="field-note">{t('settings.file.note')}</p>
      <div className="toolbar">
        <button type="button" onClick={exportFile}>
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
