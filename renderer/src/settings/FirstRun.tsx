import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Switch } from 'radix-ui';
import type { SettingsView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { queryKeys, unwrap } from '../queries';
import { applyLanguage } from '../sync';
import { isLocked } from '../../../shared/settings-paths';
import {
  buildPatch,
  fieldErrors,
  secretIsSet,
  shownValue,
  type FieldDef,
  type FieldPath,
} from './fields';
import { Field } from './Field';
import {
  ABOUT_YOU,
  DIALER,
  FIRST_RUN_FIELDS,
  INTEGRATIONS,
  missingFields,
  type FirstRunDraft,
} from './first-run-fields';

/**
 * First run: the agent's extension, e-mail and country, and which integrations to use with
 * their addresses and keys. Skippable; either way it does not come back by itself.
 */
export function FirstRun({ view, onDone }: { view: SettingsView; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const headingId = useId();
  const formId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<FirstRunDraft>({});

  // Keyboard users start here, not somewhere behind it.
  useEffect(() => headingRef.current?.focus(), []);

  const save = useMutation({
    mutationFn: (patch: Record<string, unknown>) => unwrap(api.saveSettings(patch)),
    onSuccess: (next) => {
      client.setQueryData(queryKeys.settings, next);
      applyLanguage(i18n, next.settings.language);
      onDone();
    },
  });

  const value = (path: FieldPath) => shownValue(view.settings, draft, fieldOf(path));
  const secretSet = (path: FieldPath) => secretIsSet(view.settings, fieldOf(path));
  const missing = missingFields(value, secretSet);
  const saveErrors = save.isError ? fieldErrors(save.error.message) : {};
  const idOf = (path: FieldPath) => `${formId}-${path.replace(/\./g, '-')}`;
  const onChange = (path: FieldPath, v: string | boolean) => setDraft((d) => ({ ...d, [path]: v }));

  const finish = (e: FormEvent) => {
    e.preventDefault();
    const { patch } = buildPatch(view.settings, draft, view.locked, FIRST_RUN_FIELDS);
    save.mutate(withDone(patch));
  };
  const skip = () => save.mutate(withDone({}));

  const field = (f: FieldDef) => {
    const reason = missing[f.path];
    const messages = [
      reason ? t(`firstRun.missing.${reason}`) : undefined,
      saveErrors[f.path],
    ].filter((m): m is string => Boolean(m));
    return (
      <Field
        key={f.path}
        id={idOf(f.path)}
        field={f}
        value={value(f.path)}
        secretSet={secretSet(f.path)}
        locked={isLocked(f.path, view.locked)}
        messages={messages}
        onChange={onChange}
      />
    );
  };

  return (
    <section className="settings first-run" aria-labelledby={headingId}>
      <div className="settings-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('firstRun.title')}
        </h2>
      </div>
      <p>{t('firstRun.intro')}</p>
      <form className="settings-form" onSubmit={finish} noValidate>
        <fieldset className="settings-group">
          <legend>{t('firstRun.aboutYou')}</legend>
          {ABOUT_YOU.map(field)}
        </fieldset>
        <fieldset className="settings-group">
          <legend>{t('firstRun.integrations')}</legend>
          <p className="field-note">{t('firstRun.integrationsNote')}</p>
          {INTEGRATIONS.map((integration) => {
            const id = idOf(integration.toggle.path);
            const on = value(integration.toggle.path) === true;
            const locked = isLocked(integration.toggle.path, view.locked);
            return (
              <div key={integration.id} className="integration">
                <div className="field field-check">
                  <Switch.Root
                    id={id}
                    className="switch"
                    checked={on}
                    disabled={locked}
                    aria-describedby={`${id}-help`}
                    onCheckedChange={(v) => onChange(integration.toggle.path, v)}
                  >
                    <Switch.Thumb className="switch-thumb" />
                  </Switch.Root>
                  <label htmlFor={id}>{t(`firstRun.integration.${integration.id}`)}</label>
                  <span id={`${id}-help`} className="field-note">
                    {locked ? t('settings.locked') : t(`settings.help.${integration.toggle.path}`)}
                  </span>
                </div>
                {on ? (
                  <div className="integration-fields">{integration.fields.map(field)}</div>
                ) : null}
              </div>
            );
          })}
          {field(DIALER)}
        </fieldset>
        <div className="settings-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('firstRun.finish')}
          </button>
          <button type="button" onClick={skip} disabled={save.isPending}>
            {t('firstRun.skip')}
          </button>
          {save.isPending ? <span role="status">{t('settings.saving')}</span> : null}
          {save.isError ? (
            <span role="alert" className="error">
              {t('settings.saveFailed', { error: save.error.message })}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function fieldOf(path: FieldPath): FieldDef {
  return FIRST_RUN_FIELDS.find((f) => f.path === path) ?? { path, kind: 'text' };
}

function withDone(patch: Record<string, unknown>): Record<string, unknown> {
  const app = (patch.app as Record<string, unknown> | undefined) ?? {};
  return { ...patch, app: { ...app, firstRunDone: true } };
}
