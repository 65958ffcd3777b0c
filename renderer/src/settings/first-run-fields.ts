// The first-run form: what CallPop needs and nothing more. Each integration is a switch; its
// address and key appear when it is on. What is missing is said next to the field it concerns.
import type { FieldDef, FieldPath, SettingsDraft } from './fields';

export const ABOUT_YOU: FieldDef[] = [
  { path: 'agent.extension', kind: 'text', inputMode: 'numeric' },
  { path: 'agent.email', kind: 'text', inputType: 'email' },
  { path: 'agent.defaultCountry', kind: 'select', select: 'country' },
];

export type IntegrationId = 'dbn' | 'egards' | 'httpApi' | 'restApi';

export const INTEGRATIONS: { id: IntegrationId; toggle: FieldDef; fields: FieldDef[] }[] = [
  {
    id: 'dbn',
    toggle: { path: 'dbn.enabled', kind: 'checkbox' },
    fields: [
      { path: 'dbn.baseUrl', kind: 'text', inputType: 'url' },
      { path: 'dbn.token', kind: 'secret' },
    ],
  },
  {
    id: 'egards',
    toggle: { path: 'egards.enabled', kind: 'checkbox' },
    fields: [
      { path: 'egards.environment', kind: 'select', select: 'environment' },
      { path: 'egards.baseUrl', kind: 'text', inputType: 'url', customOnly: true },
      { path: 'egards.apiKey', kind: 'secret' },
    ],
  },
  {
    id: 'httpApi',
    toggle: { path: 'pbx.httpApi.enabled', kind: 'checkbox' },
    fields: [{ path: 'pbx.httpApi.baseUrl', kind: 'text', inputType: 'url' }],
  },
  {
    id: 'restApi',
    toggle: { path: 'pbx.restApi.enabled', kind: 'checkbox' },
    fields: [
      { path: 'pbx.restApi.baseUrl', kind: 'text', inputType: 'url' },
      { path: 'pbx.restApi.key', kind: 'secret' },
    ],
  },
];

export const DIALER: FieldDef = { path: 'dialer.via', kind: 'select', select: 'dialerVia' };

export const FIRST_RUN_FIELDS: FieldDef[] = [
  ...ABOUT_YOU,
  ...INTEGRATIONS.flatMap((i) => [i.toggle, ...i.fields]),
  DIALER,
];

export type MissingReason = 'emailForEgards' | 'extensionForPbx' | 'address' | 'key';

/**
 * What the chosen integrations still lack, by field. `value(path)` is what the form shows;
 * `secretSet(path)` says a secret is already stored.
 */
export function missingFields(
  value: (path: FieldPath) => string | boolean,
  secretSet: (path: FieldPath) => boolean,
): Partial<Record<FieldPath, MissingReason>> {
  const out: Partial<Record<FieldPath, MissingReason>> = {};
  const on = (p: FieldPath) => value(p) === true;
  const empty = (p: FieldPath) => String(value(p)).trim() === '';
  if (on('egards.enabled') && empty('agent.email')) out['agent.email'] = 'emailForEgards';
  if ((on('pbx.httpApi.enabled') || on('pbx.restApi.enabled')) && empty('agent.extension'))
    out['agent.extension'] = 'extensionForPbx';
  for (const i of INTEGRATIONS) {
    if (!on(i.toggle.path)) continue;
    for (const f of i.fields) {
      if (f.customOnly && value('egards.environment') !== 'custom') continue;
      if (f.kind === 'secret' && empty(f.path) && !secretSet(f.path)) out[f.path] = 'key';
      else if (f.inputType === 'url' && empty(f.path)) out[f.path] = 'address';
    }
  }
  return out;
}

export type FirstRunDraft = SettingsDraft;
