import { useTranslation } from 'react-i18next';
import { Switch } from 'radix-ui';
import type { TFunction } from 'i18next';
import { SUPPORTED_LANGUAGES } from '../../../shared/i18n';
import { COUNTRIES, type FieldDef, type FieldPath } from './fields';

export interface FieldProps {
  id: string;
  field: FieldDef;
  value: string | boolean;
  secretSet: boolean;
  locked: boolean;
  messages: string[];
  /** What the chosen value still needs elsewhere (dialer.via), read with the control. */
  note?: string | null;
  onChange: (path: FieldPath, value: string | boolean) => void;
}

/** One labelled control with its hint, its lock and its problems (all aria-describedby). */
export function Field({
  id,
  field,
  value,
  secretSet,
  locked,
  messages,
  note,
  onChange,
}: FieldProps) {
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
  const help = t(`settings.help.${field.path}`);
  const describedBy =
    [
      `${id}-help`,
      hint ? `${id}-hint` : null,
      locked ? `${id}-locked` : null,
      note ? `${id}-note` : null,
      messages.length > 0 ? `${id}-error` : null,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  const notes = (
    <>
      <span id={`${id}-help`} className="field-note">
        {help}
      </span>
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
      {note ? (
        <span id={`${id}-note`} className="field-note field-warning">
          {note}
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
        <Switch.Root
          {...common}
          className="switch"
          checked={value === true}
          disabled={locked}
          onCheckedChange={(on) => onChange(field.path, on)}
        >
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
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
    case 'dialerVia':
      return (['assistant', 'http-api', 'rest-api', 'call-control'] as const).map((v) => [
        v,
        t(`settings.option.dialerVia.${v}`),
      ]);
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
