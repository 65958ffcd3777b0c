import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../shared/ipc';
import { useApi, useAppStore, useAppStoreApi } from '../api-context';
import { queryKeys, settingsQuery, unwrap } from '../queries';
import { applyLanguage } from '../sync';
import { isLocked } from '../../../shared/settings-paths';
import {
  buildPatch,
  dialerMissing,
  fieldErrors,
  GROUP_OF,
  GROUPS,
  secretIsSet,
  shownValue,
  type FieldPath,
  type SettingsDraft,
} from './fields';
import { Field } from './Field';
import { SettingsFile } from './SettingsFile';
import { CallControlTest, PbxTest } from './PbxTest';
import { DbnTest, EgardsTest } from './CrmTests';

/** The settings view in place of the call detail; Esc or "Close settings" goes back. */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useQuery(settingsQuery(api));
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Keyboard users land on the view they opened, not somewhere behind it.
  useEffect(() => headingRef.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    onClose();
  };

  return (
    <section className="detail-pane settings" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <div className="settings-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('settings.heading')}
        </h2>
        <button type="button" onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
      {settings.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : settings.isError ? (
        <p role="alert" className="error">
          {t('settings.loadFailed', { error: settings.error.message })}
        </p>
      ) : (
        <>
          <SettingsForm view={settings.data} />
          <SettingsFile view={settings.data} />
        </>
      )}
    </section>
  );
}

type Outcome = { kind: 'idle' } | { kind: 'saved' } | { kind: 'nothing' } | { kind: 'invalid' };

/**
 * Controls show the agent's edits over the saved settings, so a settings.changed push (the
 * tray's Pause popups, another window) refreshes every field the agent has not touched.
 */
function SettingsForm({ view }: { view: SettingsView }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const store = useAppStoreApi();
  const draft = useAppStore((s) => s.settingsDraft);
  const formId = useId();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [invalid, setInvalid] = useState<FieldPath[]>([]);

  const save = useMutation({
    mutationFn: ({ patch }: { patch: Record<string, unknown>; sent: SettingsDraft }) =>
      unwrap(api.saveSettings(patch)),
    onSuccess: (next, { sent }) => {
      client.setQueryData(queryKeys.settings, next);
      store.getState().clearSettingsDraft(sent);
      applyLanguage(i18n, next.settings.language);
      setOutcome({ kind: 'saved' });
    },
  });

  const { patch, invalid: notNumbers } = buildPatch(view.settings, draft, view.locked);
  const dirty = Object.keys(patch).length > 0 || notNumbers.length > 0;
  const saveErrors = save.isError ? fieldErrors(save.error) : {};
  const idOf = (path: FieldPath) => `${formId}-${path.replace(/\./g, '-')}`;
  const dialer = dialerMissing(view.settings, draft);
  const dialerNote =
    dialer.missing.length > 0
      ? t('settings.dialerMissing', {
          way: t(`settings.option.dialerVia.${dialer.via}`),
          fields: listFormat(
            i18n.language,
            dialer.missing.map(
              (p) =>
                `${t(`settings.group.${GROUP_OF.get(p) ?? 'numbers'}`)}: ${t(`settings.field.${p}`)}`,
            ),
          ),
        })
      : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(notNumbers);
    if (notNumbers.length > 0) {
      setOutcome({ kind: 'invalid' });
      document.getElementById(idOf(notNumbers[0]!))?.focus();
      return;
    }
    if (!dirty) {
      setOutcome({ kind: 'nothing' });
      return;
    }
    setOutcome({ kind: 'idle' });
    save.mutate({ patch, sent: draft });
  };

  const onChange = (path: FieldPath, value: string | boolean) => {
    store.getState().setSettingsField(path, value);
    if (outcome.kind !== 'idle') setOutcome({ kind: 'idle' });
  };

  const discard = () => {
    store.getState().clearSettingsDraft();
    setInvalid([]);
    setOutcome({ kind: 'idle' });
    save.reset();
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      {GROUPS.map((group) => (
        <fieldset key={group.id} className="settings-group">
          <legend>{t(`settings.group.${group.id}`)}</legend>
          {group.fields.map((field) => {
            const messages = [
              ...view.problems.filter((p) => p.path === field.path).map((p) => p.message),
              saveErrors[field.path],
              invalid.includes(field.path) ? t('settings.notANumber') : undefined,
            ].filter((m): m is string => Boolean(m));
            return (
              <Field
                key={field.path}
                id={idOf(field.path)}
                field={field}
                value={shownValue(view.settings, draft, field)}
                secretSet={secretIsSet(view.settings, field)}
                locked={isLocked(field.path, view.locked)}
                messages={messages}
                note={field.path === 'dialer.via' ? dialerNote : null}
                onChange={onChange}
              />
            );
          })}
          {group.id === 'dbn' ? (
            <DbnTest dirty={dirty} extension={view.settings.agent.extension} />
          ) : null}
          {group.id === 'egards' ? <EgardsTest dirty={dirty} /> : null}
          {group.id === 'pbxHttp' ? <PbxTest api="http-api" dirty={dirty} /> : null}
          {group.id === 'pbxRest' ? <PbxTest api="rest-api" dirty={dirty} /> : null}
          {group.id === 'callControl' ? <CallControlTest dirty={dirty} /> : null}
        </fieldset>
      ))}
      <div className="settings-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('settings.save')}
        </button>
        {dirty ? (
          <button type="button" onClick={discard}>
            {t('settings.discard')}
          </button>
        ) : null}
        {dirty && !save.isPending ? <span className="muted">{t('settings.unsaved')}</span> : null}
        <SaveMessage
          saving={save.isPending}
          error={save.isError ? save.error.message : null}
          outcome={outcome}
        />
      </div>
    </form>
  );
}

/** "A, B and C" in the UI language (a plain comma list where Intl lacks ListFormat). */
function listFormat(language: string, items: string[]): string {
  try {
    return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

function SaveMessage({
  saving,
  error,
  outcome,
}: {
  saving: boolean;
  error: string | null;
  outcome: Outcome;
}) {
  const { t } = useTranslation();
  if (outcome.kind === 'invalid') {
    return (
      <span role="alert" className="error">
        {t('settings.notANumber')}
      </span>
    );
  }
  if (saving) return <span role="status">{t('settings.saving')}</span>;
  if (error) {
    return (
      <span role="alert" className="error">
        {t('settings.saveFailed', { error })}
      </span>
    );
  }
  if (outcome.kind === 'saved') {
    return (
      <span role="status" className="saved">
        {t('settings.saved')}
      </span>
    );
  }
  if (outcome.kind === 'nothing') return <span role="status">{t('settings.nothingToSave')}</span>;
  return <span role="status" />;
}
