import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SettingsView } from '../../../shared/ipc';
import { SUPPORTED_LANGUAGES } from '../../../shared/i18n';
import { useApi, useAppStore, useAppStoreApi } from '../api-context';
import { queryKeys, settingsQuery, unwrap } from '../queries';
import { applyLanguage } from '../sync';
import { isLocked } from '../../../shared/settings-paths';
import {
  buildPatch,
  COUNTRIES,
  fieldErrors,
  GROUPS,
  secretIsSet,
  shownValue,
  type FieldDef,
  type FieldPath,
  type SettingsDraft,
} from './fields';
import { PbxTest } from './PbxTest';

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
        <SettingsForm view={settings.data} />
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
                onChange={onChange}
              />
            );
          })}
          {group.id === 'pbxHttp' ? <PbxTest api="http-api" dirty={dirty} /> : null}
          {group.id === 'pbxRest' ? <PbxTest api="rest-api" dirty={dirty} /> : null}
          {group.id === 'callControl' ? <CallControlTest /> : null}
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

const TEST_KINDS = [
  'ok',
  'bad-credentials',
  'not-licensed',
  'not-monitored',
  'unreachable',
  'not-configured',
] as const;

/** Test connection for the saved Call Control settings: which set-up step is missing. */
function CallControlTest() {
  const { t } = useTranslation();
  const api = useApi();
  const test = useMutation({ mutationFn: () => unwrap(api.testCallControl()) });
  const result = test.data;
  const kind =
    result && (TEST_KINDS as readonly string[]).includes(result.kind) ? result.kind : 'other';
  return (
    <div className="field connection-test">
      <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
        {t('settings.testConnection')}
      </button>
      {test.isPending ? <span role="status">{t('settings.testing')}</span> : null}
      {test.isError ? (
        <span role="alert" className="error">
          {test.error.message}
        </span>
      ) : null}
      {result ? (
        <span role={result.ok ? 'status' : 'alert'} className={result.ok ? 'saved' : 'error'}>
          {t(`settings.test.${kind}` as 'settings.test.ok')} — {result.message}
        </span>
      ) : null}
    </div>
  );
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

interface FieldProps {
  id: string;
  field: FieldDef;
  value: string | boolean;
  secretSet: boolean;
  locked: boolean;
  messages: string[];
  onChange: (path: FieldPath, value: string | boolean) => void;
}

/** One labelled control with its hint, its lock and its problems (all aria-describedby). */
function Field({ id, field, value, secretSet, locked, messages, onChange }: FieldProps) {
  const { t } = useTranslation();
  const label = t(`settings.field.${field.path}`);
  const hint =
    field.kind === 'number' && field.min !== undefined && field.max !== undefined
      ? t('settings.range', { min: field.min, max: field.max })
      : field.customOnly
        ? t('settings.customOnly')
        : field.hint
          ? t(`settings.hint.${field.hint}`)
          : null;
  const describedBy =
    [
      hint ? `${id}-hint` : null,
      locked ? `${id}-locked` : null,
      messages.length > 0 ? `${id}-error` : null,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  const notes = (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="field-note">
          {hint}
        </span>
      ) : null}
      {locked ? (
        <span id={`${id}-locked`} className="field-note field-locked">
          {t('settings.locked')}
        </span>
      ) : null}
      {messages.length > 0 ? (
        <span id={`${id}-error`} className="field-note field-error">
          {messages.join('; ')}
        </span>
      ) : null}
    </>
  );
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': messages.length > 0 ? true : undefined,
  };

  if (field.kind === 'checkbox') {
    return (
      <div className="field field-check">
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          disabled={locked}
          onChange={(e) => onChange(field.path, e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
        {notes}
      </div>
    );
  }

  const text = String(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {field.kind === 'select' ? (
        <select
          {...common}
          value={text}
          disabled={locked}
          onChange={(e) => onChange(field.path, e.target.value)}
        >
          <SelectOptions field={field} current={text} />
        </select>
      ) : (
        <input
          {...common}
          type={
            field.kind === 'secret'
              ? 'password'
              : field.kind === 'number'
                ? 'number'
                : (field.inputType ?? 'text')
          }
          inputMode={field.inputMode}
          min={field.min}
          max={field.max}
          step={field.kind === 'number' ? 1 : undefined}
          value={text}
          readOnly={locked}
          placeholder={secretSet && !locked ? t('settings.secretPlaceholder') : undefined}
          autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
          spellCheck={false}
          onChange={(e) => onChange(field.path, e.target.value)}
        />
      )}
      {notes}
    </div>
  );
}

function SelectOptions({ field, current }: { field: FieldDef; current: string }) {
  const { t, i18n } = useTranslation();
  const options = selectOptions(t, i18n.language, field, current);
  return (
    <>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}

function selectOptions(
  t: TFunction,
  language: string,
  field: FieldDef,
  current: string,
): [value: string, label: string][] {
  switch (field.select) {
    case 'country': {
      const codes: string[] = [...COUNTRIES];
      if (current && !codes.includes(current)) codes.push(current);
      return codes.map((code) => [code, `${regionName(language, code)} (${code})`]);
    }
    case 'showOn':
    case 'connectOn': {
      const values =
        field.select === 'showOn' ? (['ring', 'answer'] as const) : (['answer', 'ring'] as const);
      return values.map((v) => [v, t(`settings.option.${v}`)]);
    }
    case 'corner':
      return (['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const).map((v) => [
        v,
        t(`settings.option.corner.${v}`),
      ]);
    case 'method':
      return [
        ['GET', 'GET'],
        ['POST', 'POST'],
      ];
    case 'environment':
      return (['staging', 'production', 'custom'] as const).map((v) => [
        v,
        t(`settings.option.environment.${v}`),
      ]);
    case 'phoneType':
      return (['Soft', 'Desktop'] as const).map((v) => [v, t(`settings.option.phoneType.${v}`)]);
    case 'eventSource':
      return (['assistant', 'rest-poll', 'call-control', 'auto'] as const).map((v) => [
        v,
        t(`settings.option.eventSource.${v}`),
      ]);
    case 'language':
      return [
        ['auto', t('settings.option.languageAuto')],
        ...SUPPORTED_LANGUAGES.map((l): [string, string] => [
          l,
          t(`settings.option.languageName.${l}`),
        ]),
      ];
    default:
      return [[current, current]];
  }
}

function regionName(language: string, code: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
