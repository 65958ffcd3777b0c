// The settings file (README, "Settings"). Reading is lenient on purpose: a typo in one
// key of a file rolled out to 200 desktops must not take every other setting down with it.
// Each problem is reported with its key path and the default stays in force for that key.
import { z } from 'zod';
import {
  deletePath,
  getPath,
  isLocked,
  REDACTED,
  RESERVED_KEYS,
  reservedKeyIn,
  SECRET_PATHS,
  secretValuesOf,
  setPath,
} from './settings-paths';

export {
  deletePath,
  getPath,
  isLocked,
  REDACTED,
  RESERVED_KEYS,
  reservedKeyIn,
  SECRET_PATHS,
  secretValuesOf,
  setPath,
};

/**
 * A key name as a problem shows it: a file may hold any text there (blank, control characters,
 * a megabyte), so anything but a plain name is quoted and long ones are cut.
 */
function shownKey(key: string): string {
  const cut = key.length > 80 ? `${key.slice(0, 80)}…` : key;
  return /^[A-Za-z0-9_-]+$/.test(cut) ? cut : JSON.stringify(cut);
}

const country = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as NL');
const httpUrl = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]);
const email = z.union([z.literal(''), z.email()]);

export const settingsSchema = z.object({
  language: z.enum(['auto', 'en', 'nl', 'de', 'ru']),
  agent: z.object({
    extension: z.string().regex(/^\d{0,8}$/, 'digits only, as in 3CX'),
    email,
    agentId: z.string().max(200),
    defaultCountry: country,
  }),
  popup: z.object({
    showOn: z.enum(['ring', 'answer']),
    corner: z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']),
    paused: z.boolean(),
  }),
  matching: z.object({ suffixDigits: z.number().int().min(4).max(15) }),
  dbn: z.object({
    enabled: z.boolean(),
    baseUrl: httpUrl,
    token: z.string(),
    method: z.enum(['GET', 'POST']),
    timeoutMs: z.number().int().min(100).max(60_000),
  }),
  egards: z.object({
    enabled: z.boolean(),
    environment: z.enum(['staging', 'production', 'custom']),
    baseUrl: httpUrl,
    apiKey: z.string(),
    connectOn: z.enum(['answer', 'ring']),
  }),
  dialer: z.object({
    via: z.enum(['assistant', 'http-api', 'rest-api', 'call-control']),
    assistantPath: z.string(),
    outsideLinePrefix: z.string().regex(/^[0-9*#]*$/, 'digits, * or # only'),
    confirmLinks: z.boolean(),
  }),
  pbx: z.object({
    httpApi: z.object({
      enabled: z.boolean(),
      baseUrl: httpUrl,
      phoneType: z.enum(['Soft', 'Desktop']),
    }),
    restApi: z.object({ enabled: z.boolean(), baseUrl: httpUrl, key: z.string() }),
    callControl: z.object({
      enabled: z.boolean(),
      baseUrl: httpUrl,
      clientId: z.string(),
      clientSecret: z.string(),
    }),
  }),
  supervisor: z.object({
    enabled: z.boolean(),
    extensions: z.array(z.string().regex(/^\d{1,8}$/)),
  }),
  events: z.object({
    source: z.enum(['assistant', 'rest-poll', 'call-control', 'auto']),
    restPollMs: z.number().int().min(250).max(60_000),
  }),
  app: z.object({ openAtLogin: z.boolean(), updateUrl: httpUrl }),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  agent: { extension: '', email: '', agentId: '', defaultCountry: 'NL' },
  popup: { showOn: 'ring', corner: 'bottom-right', paused: false },
  matching: { suffixDigits: 9 },
  dbn: { enabled: false, baseUrl: '', token: '', method: 'GET', timeoutMs: 3000 },
  egards: { enabled: false, environment: 'staging', baseUrl: '', apiKey: '', connectOn: 'answer' },
  dialer: { via: 'assistant', assistantPath: '', outsideLinePrefix: '', confirmLinks: true },
  pbx: {
    httpApi: { enabled: false, baseUrl: '', phoneType: 'Soft' },
    restApi: { enabled: false, baseUrl: '', key: '' },
    callControl: { enabled: false, baseUrl: '', clientId: '', clientSecret: '' },
  },
  supervisor: { enabled: false, extensions: [] },
  events: { source: 'assistant', restPollMs: 1000 },
  app: { openAtLogin: true, updateUrl: '' },
};

export interface SettingsProblem {
  /** Dotted key path, e.g. `dbn.timeoutMs`. */
  path: string;
  message: string;
}

type AnyObject = Record<string, unknown>;

function isPlainObject(v: unknown): v is AnyObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(
  schema: z.ZodObject,
  raw: AnyObject,
  base: AnyObject,
  prefix: string,
  problems: SettingsProblem[],
): AnyObject {
  const out: AnyObject = { ...base };
  for (const [key, value] of Object.entries(raw)) {
    const path = prefix ? `${prefix}.${shownKey(key)}` : shownKey(key);
    if (RESERVED_KEYS.has(key)) {
      problems.push({ path, message: `"${key}" is not a setting name (refused)` });
      continue;
    }
    // Own keys only: `schema.shape.toString` is no setting either.
    const child = Object.hasOwn(schema.shape, key) ? (schema.shape[key] as z.ZodType) : undefined;
    if (!child) {
      problems.push({ path, message: 'unknown setting (ignored)' });
      continue;
    }
    if (child instanceof z.ZodObject) {
      if (!isPlainObject(value)) {
        problems.push({ path, message: 'expected a group of settings (an object)' });
        continue;
      }
      out[key] = walk(child, value, (base[key] as AnyObject) ?? {}, path, problems);
      continue;
    }
    const parsed = child.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else problems.push({ path, message: parsed.error.issues[0]?.message ?? 'invalid value' });
  }
  return out;
}

/** Applies every valid key of `raw` over `base`; reports the rest. Never throws. */
export function mergeSettings(
  raw: unknown,
  base: Settings = DEFAULT_SETTINGS,
): { settings: Settings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  if (!isPlainObject(raw)) {
    problems.push({ path: '', message: 'the settings file must hold a JSON object' });
    return { settings: base, problems };
  }
  const merged = walk(settingsSchema, raw, base as unknown as AnyObject, '', problems);
  return { settings: merged as unknown as Settings, problems };
}

/** A deep copy with every secret replaced by `***` (or left empty when unset). */
export function redactSettings(s: Settings): Settings {
  const copy = structuredClone(s) as unknown as AnyObject;
  for (const path of SECRET_PATHS) {
    const v = getPath(copy, path);
    if (typeof v === 'string' && v !== '') setPath(copy, path, REDACTED);
  }
  return copy as unknown as Settings;
}

/** The Egards base URL the settings select (seed: staging and production). */
export function egardsBaseUrl(s: Settings['egards']): string {
  if (s.environment === 'staging') return 'https://staging.egards.nl';
  if (s.environment === 'production') return 'https://app.egards.nl';
  return s.baseUrl;
}
