// What the settings screen shows and how the agent's edits become a patch for settings.save.
// Pure data and functions, so the rules (secrets, locks, numbers) are tested without React.
import { IpcFailure } from '../../../shared/ipc';
import { getPath, isLocked, REDACTED, setPath } from '../../../shared/settings-paths';
import type { Settings } from '../../../shared/settings-schema';

/** `list`: a comma-separated text that is saved as an array of strings. */
export type FieldKind = 'text' | 'secret' | 'number' | 'checkbox' | 'select' | 'list';

/** Every setting the screen edits, as a dotted path into Settings. */
export type FieldPath =
  | 'agent.extension'
  | 'agent.email'
  | 'agent.agentId'
  | 'agent.defaultCountry'
  | 'popup.showOn'
  | 'popup.corner'
  | 'popup.paused'
  | 'popup.keepMissed'
  | 'popup.foldAfterMinutes'
  | 'matching.suffixDigits'
  | 'dbn.enabled'
  | 'dbn.baseUrl'
  | 'dbn.token'
  | 'dbn.method'
  | 'dbn.timeoutMs'
  | 'egards.enabled'
  | 'egards.environment'
  | 'egards.baseUrl'
  | 'egards.apiKey'
  | 'egards.connectOn'
  | 'dialer.assistantPath'
  | 'dialer.outsideLinePrefix'
  | 'dialer.via'
  | 'dialer.confirmLinks'
  | 'events.source'
  | 'events.restPollMs'
  | 'pbx.callControl.enabled'
  | 'pbx.callControl.baseUrl'
  | 'pbx.callControl.clientId'
  | 'pbx.callControl.clientSecret'
  | 'pbx.httpApi.enabled'
  | 'pbx.httpApi.baseUrl'
  | 'pbx.restApi.enabled'
  | 'pbx.restApi.baseUrl'
  | 'pbx.restApi.key'
  | 'app.openAtLogin'
  | 'app.updateUrl'
  | 'pbx.httpApi.phoneType'
  | 'supervisor.enabled'
  | 'supervisor.extensions'
  | 'app.firstRunDone'
  | 'language';

export type SelectKind =
  | 'country'
  | 'showOn'
  | 'corner'
  | 'method'
  | 'environment'
  | 'connectOn'
  | 'phoneType'
  | 'language'
  | 'dialerVia'
  | 'eventSource';

export interface FieldDef {
  path: FieldPath;
  kind: FieldKind;
  /** The input's type for text fields (the keyboard and autofill hints follow it). */
  inputType?: 'text' | 'email' | 'url';
  inputMode?: 'numeric' | 'tel';
  min?: number;
  max?: number;
  select?: SelectKind;
  /** Shown under the control: egards.baseUrl only matters for the custom environment. */
  customOnly?: boolean;
  /** An explanation under the control (i18n key under settings.hint). */
  hint?: 'eventSource' | 'callControl';
}

export type GroupId =
  | 'agent'
  | 'popup'
  | 'numbers'
  | 'dbn'
  | 'egards'
  | 'pbxHttp'
  | 'pbxRest'
  | 'events'
  | 'callControl'
  | 'supervisor'
  | 'app';

export interface GroupDef {
  id: GroupId;
  fields: FieldDef[];
}

/**
 * Grouped as an agent thinks of them: who I am, my cards, numbers, each system (the CRM, call
 * reports, the 3CX APIs, where calls come from, Call Control, the supervisor board), the app.
 */
export const GROUPS: GroupDef[] = [
  {
    id: 'agent',
    fields: [
      { path: 'agent.extension', kind: 'text', inputMode: 'numeric' },
      { path: 'agent.email', kind: 'text', inputType: 'email' },
      { path: 'agent.agentId', kind: 'text' },
      { path: 'agent.defaultCountry', kind: 'select', select: 'country' },
    ],
  },
  {
    id: 'popup',
    fields: [
      { path: 'popup.showOn', kind: 'select', select: 'showOn' },
      { path: 'popup.corner', kind: 'select', select: 'corner' },
      { path: 'popup.paused', kind: 'checkbox' },
      { path: 'popup.keepMissed', kind: 'checkbox' },
      { path: 'popup.foldAfterMinutes', kind: 'number', min: 0, max: 240 },
    ],
  },
  {
    id: 'numbers',
    fields: [
      { path: 'matching.suffixDigits', kind: 'number', min: 4, max: 15 },
      { path: 'dialer.outsideLinePrefix', kind: 'text', inputMode: 'tel' },
      { path: 'dialer.via', kind: 'select', select: 'dialerVia' },
      { path: 'dialer.assistantPath', kind: 'text' },
      { path: 'dialer.confirmLinks', kind: 'checkbox' },
    ],
  },
  {
    id: 'dbn',
    fields: [
      { path: 'dbn.enabled', kind: 'checkbox' },
      { path: 'dbn.baseUrl', kind: 'text', inputType: 'url' },
      { path: 'dbn.token', kind: 'secret' },
      { path: 'dbn.method', kind: 'select', select: 'method' },
      { path: 'dbn.timeoutMs', kind: 'number', min: 100, max: 60_000 },
    ],
  },
  {
    id: 'egards',
    fields: [
      { path: 'egards.enabled', kind: 'checkbox' },
      { path: 'egards.environment', kind: 'select', select: 'environment' },
      { path: 'egards.baseUrl', kind: 'text', inputType: 'url', customOnly: true },
      { path: 'egards.apiKey', kind: 'secret' },
      { path: 'egards.connectOn', kind: 'select', select: 'connectOn' },
    ],
  },
  {
    id: 'pbxHttp',
    fields: [
      { path: 'pbx.httpApi.enabled', kind: 'checkbox' },
      { path: 'pbx.httpApi.baseUrl', kind: 'text', inputType: 'url' },
      { path: 'pbx.httpApi.phoneType', kind: 'select', select: 'phoneType' },
    ],
  },
  {
    id: 'pbxRest',
    fields: [
      { path: 'pbx.restApi.enabled', kind: 'checkbox' },
      { path: 'pbx.restApi.baseUrl', kind: 'text', inputType: 'url' },
      { path: 'pbx.restApi.key', kind: 'secret' },
    ],
  },
  {
    id: 'events',
    fields: [
      { path: 'events.source', kind: 'select', select: 'eventSource', hint: 'eventSource' },
      { path: 'events.restPollMs', kind: 'number', min: 250, max: 60_000 },
    ],
  },
  {
    id: 'callControl',
    fields: [
      { path: 'pbx.callControl.enabled', kind: 'checkbox', hint: 'callControl' },
      { path: 'pbx.callControl.baseUrl', kind: 'text', inputType: 'url' },
      { path: 'pbx.callControl.clientId', kind: 'text' },
      { path: 'pbx.callControl.clientSecret', kind: 'secret' },
    ],
  },
  {
    id: 'supervisor',
    fields: [
      { path: 'supervisor.enabled', kind: 'checkbox' },
      { path: 'supervisor.extensions', kind: 'list', inputMode: 'numeric' },
    ],
  },
  {
    id: 'app',
    fields: [
      { path: 'language', kind: 'select', select: 'language' },
      { path: 'app.openAtLogin', kind: 'checkbox' },
      { path: 'app.updateUrl', kind: 'text', inputType: 'url' },
      { path: 'app.firstRunDone', kind: 'checkbox' },
    ],
  },
];

export const FIELDS: FieldDef[] = GROUPS.flatMap((g) => g.fields);

/** Countries offered for agent.defaultCountry; the current value is always added. */
export const COUNTRIES = ['NL', 'BE', 'DE', 'GB', 'FR', 'RU', 'US'] as const;

/** What the agent has typed or ticked, by path; untouched fields are absent. */
export type SettingsDraft = Partial<Record<FieldPath, string | boolean>>;

/** The value the control shows when the agent has not touched it. */
export function savedValue(settings: Settings, field: FieldDef): string | boolean {
  const value = getPath(settings, field.path);
  if (field.kind === 'checkbox') return value === true;
  // A secret never comes to the renderer: '***' means "set", and the field stays empty.
  if (field.kind === 'secret') return '';
  if (field.kind === 'list') return Array.isArray(value) ? value.join(', ') : '';
  return value === undefined || value === null ? '' : String(value);
}

/** The value the control shows: the agent's edit, else the saved value. */
export function shownValue(
  settings: Settings,
  draft: SettingsDraft,
  field: FieldDef,
): string | boolean {
  const edit = draft[field.path];
  return edit === undefined ? savedValue(settings, field) : edit;
}

export function secretIsSet(settings: Settings, field: FieldDef): boolean {
  return field.kind === 'secret' && getPath(settings, field.path) === REDACTED;
}

export interface PatchResult {
  /** Only the changed, unlocked fields, nested as settings.json is. */
  patch: Record<string, unknown>;
  /** Number fields whose text is not a whole number; nothing is sent while there are any. */
  invalid: FieldPath[];
}

/**
 * The nested patch for settings.save: numbers as numbers, booleans as booleans, text trimmed.
 * A secret is sent only when the agent typed one (an empty field leaves it unchanged), and a
 * locked setting never, even if a lock arrived after the agent edited it.
 */
export function buildPatch(
  settings: Settings,
  draft: SettingsDraft,
  locked: readonly string[],
  fields: readonly FieldDef[] = FIELDS,
): PatchResult {
  const patch: Record<string, unknown> = {};
  const invalid: FieldPath[] = [];
  for (const field of fields) {
    const edit = draft[field.path];
    if (edit === undefined || isLocked(field.path, locked)) continue;
    const saved = getPath(settings, field.path);
    switch (field.kind) {
      case 'checkbox':
        if (edit !== saved) setPath(patch, field.path, edit === true);
        break;
      case 'number': {
        const text = String(edit).trim();
        const n = Number(text);
        if (text === '' || !Number.isInteger(n)) invalid.push(field.path);
        else if (n !== saved) setPath(patch, field.path, n);
        break;
      }
      case 'secret':
        if (edit !== '') setPath(patch, field.path, edit);
        break;
      case 'list': {
        const items = listItems(String(edit));
        const before = Array.isArray(saved) ? saved.map(String) : [];
        if (items.join(',') !== before.join(',')) setPath(patch, field.path, items);
        break;
      }
      default: {
        const text = String(edit).trim();
        if (text !== saved) setPath(patch, field.path, text);
      }
    }
  }
  return { patch, invalid };
}

/** "101, 102 103" → ['101', '102', '103']. */
export function listItems(text: string): string[] {
  return text.split(/[\s,;]+/).filter((x) => x.length > 0);
}

const FIELD_PATHS = new Set<string>(FIELDS.map((f) => f.path));

/** The group each field is shown in, to name a missing field where the agent finds it. */
export const GROUP_OF = new Map<FieldPath, GroupId>(
  GROUPS.flatMap((g) => g.fields.map((f) => [f.path, g.id] as const)),
);
const FIELD_OF = new Map<FieldPath, FieldDef>(FIELDS.map((f) => [f.path, f]));

type DialVia = Settings['dialer']['via'];

/** What each way of dialing needs besides the number (the dialer refuses to dial without). */
export const DIALER_NEEDS: Record<DialVia, FieldPath[]> = {
  assistant: [],
  'http-api': ['agent.extension', 'pbx.httpApi.enabled', 'pbx.httpApi.baseUrl'],
  'rest-api': ['agent.extension', 'pbx.restApi.enabled', 'pbx.restApi.baseUrl', 'pbx.restApi.key'],
  'call-control': [
    'agent.extension',
    'pbx.callControl.baseUrl',
    'pbx.callControl.clientId',
    'pbx.callControl.clientSecret',
  ],
};

/**
 * The settings the chosen dialer.via still lacks, as the screen shows them (the agent's edits
 * over the saved values): so "http-api" with no HTTP API address says so before a dial fails.
 */
export function dialerMissing(
  settings: Settings,
  draft: SettingsDraft,
): { via: DialVia; missing: FieldPath[] } {
  const viaField = FIELD_OF.get('dialer.via') as FieldDef;
  const via = String(shownValue(settings, draft, viaField)) as DialVia;
  const needs = DIALER_NEEDS[via] ?? [];
  const missing = needs.filter((path) => {
    const field = FIELD_OF.get(path) as FieldDef;
    const value = shownValue(settings, draft, field);
    if (field.kind === 'checkbox') return value !== true;
    if (field.kind === 'secret') return value === '' && !secretIsSet(settings, field);
    return String(value).trim() === '';
  });
  return { via, missing };
}

/**
 * The per-field messages of main's refusal (its error's `fields`), so each can also be shown
 * next to its control. Messages for settings the screen does not edit are left out.
 */
export function fieldErrors(error: unknown): Partial<Record<FieldPath, string>> {
  const fields = error instanceof IpcFailure ? error.fields : undefined;
  const out: Partial<Record<FieldPath, string>> = {};
  for (const [path, message] of Object.entries(fields ?? {}))
    if (FIELD_PATHS.has(path)) out[path as FieldPath] = message;
  return out;
}
