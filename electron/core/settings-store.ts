// settings.json in the data directory, over an optional machine-wide file an IT admin places
// (%ProgramData%\CallPop\config.json, /etc/callpop/config.json). The machine file's values are
// defaults; its "locked" keys win over the user's file and cannot be saved from the UI.
// Secrets are stored encrypted when a SecretBox (Electron safeStorage) is available; plain
// text given for provisioning is moved into it on the first save.
import {
  existsSync,
  readFileSync,
  writeFileSync,
  renameSync,
  openSync,
  fsyncSync,
  closeSync,
  mkdirSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DEFAULT_SETTINGS,
  SECRET_PATHS,
  secretValuesOf,
  setPath,
  getPath,
  mergeSettings,
  type Settings,
  type SettingsProblem,
} from '../../shared/settings-schema';
import type { SettingsView } from '../../shared/ipc';
import type { Logger } from './core-types';

export interface SecretBox {
  isAvailable(): boolean;
  /** Returns base64 ciphertext. */
  encrypt(plain: string): string;
  decrypt(base64: string): string;
}

export const SETTINGS_FILE = 'settings.json';
const ENC_PREFIX = 'enc:v1:';

export function defaultMachineConfigPath(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    return join(process.env.ProgramData ?? 'C:\\ProgramData', 'CallPop', 'config.json');
  }
  return '/etc/callpop/config.json';
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k] as Json, v) : v;
  }
  return out;
}

/** Every dotted leaf path a patch touches, e.g. {dbn:{token:'x'}} → ['dbn.token']. */
function leafPaths(obj: Json, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return isObject(v) ? leafPaths(v, p) : [p];
  });
}

export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function readJson(path: string, label: string, problems: SettingsProblem[]): unknown {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.push({ path: '', message: `${label}: cannot be read (${(e as Error).message})` });
    return undefined;
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    problems.push({
      path: '',
      message: `${label} is not valid JSON (${(e as Error).message}); defaults are used`,
    });
    return undefined;
  }
}

/** Why a save was refused: the IPC error settings.save answers with. */
export interface SaveRefusal {
  code: 'locked' | 'invalid-settings';
  message: string;
  /** Each invalid setting's message, by dotted path. */
  fields?: Record<string, string>;
}

export interface SettingsStore {
  get(): Settings;
  view(): SettingsView;
  /** Applies a partial change from the UI. Locked or invalid keys are refused as a whole. */
  save(patch: Json): { ok: true; view: SettingsView } | { ok: false; error: SaveRefusal };
  reload(): SettingsView;
  /** Secret values currently in force, for the logger's redaction list. */
  secretValues(): string[];
}

export interface SettingsStoreDeps {
  dataDir: string;
  machineConfigPath?: string | null;
  secrets?: SecretBox;
  logger: Logger;
}

export function createSettingsStore(deps: SettingsStoreDeps): SettingsStore {
  const userPath = join(deps.dataDir, SETTINGS_FILE);
  const machinePath =
    deps.machineConfigPath === undefined ? defaultMachineConfigPath() : deps.machineConfigPath;
  const box = deps.secrets?.isAvailable() ? deps.secrets : undefined;

  let settings: Settings = DEFAULT_SETTINGS;
  let machineDefaults: Settings = DEFAULT_SETTINGS;
  let problems: SettingsProblem[] = [];
  let locked: string[] = [];
  let userRaw: Json = {};
  let userFileCorrupt = false;

  function decryptSecrets(raw: Json, found: SettingsProblem[]): { raw: Json; hadPlain: boolean } {
    const copy = structuredClone(raw);
    let hadPlain = false;
    for (const path of SECRET_PATHS) {
      const v = getPath(copy, path);
      if (typeof v !== 'string' || v === '') continue;
      if (v.startsWith(ENC_PREFIX)) {
        if (!box) {
          found.push({
            path,
            message: 'stored encrypted but secure storage is not available here; enter it again',
          });
          setPath(copy, path, '');
          continue;
        }
        try {
          setPath(copy, path, box.decrypt(v.slice(ENC_PREFIX.length)));
        } catch {
          found.push({
            path,
            message:
              'could not be decrypted (copied from another user or machine?); enter it again',
          });
          setPath(copy, path, '');
        }
      } else {
        hadPlain = true;
      }
    }
    return { raw: copy, hadPlain };
  }

  function encryptSecrets(raw: Json): Json {
    if (!box) return raw;
    const copy = structuredClone(raw);
    for (const path of SECRET_PATHS) {
      const v = getPath(copy, path);
      if (typeof v === 'string' && v !== '' && !v.startsWith(ENC_PREFIX)) {
        setPath(copy, path, ENC_PREFIX + box.encrypt(v));
      }
    }
    return copy;
  }

  function load(): void {
    const found: SettingsProblem[] = [];
    machineDefaults = DEFAULT_SETTINGS;
    locked = [];
    if (machinePath) {
      const machineRaw = readJson(machinePath, `Machine settings ${machinePath}`, found);
      if (isObject(machineRaw)) {
        const { locked: lockedRaw, ...rest } = machineRaw;
        if (Array.isArray(lockedRaw)) {
          locked = lockedRaw.filter((p): p is string => typeof p === 'string');
        } else if (lockedRaw !== undefined) {
          found.push({
            path: 'locked',
            message: 'machine settings: "locked" must be a list of setting names',
          });
        }
        const m = mergeSettings(rest, DEFAULT_SETTINGS);
        machineDefaults = m.settings;
        found.push(...m.problems.map((p) => ({ ...p, message: `machine settings: ${p.message}` })));
      } else if (machineRaw !== undefined) {
        found.push({
          path: '',
          message: `Machine settings ${machinePath} must hold a JSON object`,
        });
      }
    }

    const raw = readJson(userPath, SETTINGS_FILE, found);
    userFileCorrupt = raw === undefined && existsSync(userPath);
    userRaw = isObject(raw) ? raw : {};
    if (raw !== undefined && !isObject(raw))
      found.push({ path: '', message: `${SETTINGS_FILE} must hold a JSON object` });
    const { raw: plainRaw, hadPlain } = decryptSecrets(userRaw, found);
    const merged = mergeSettings(plainRaw, machineDefaults);
    found.push(...merged.problems);
    let next = merged.settings as unknown as Json;
    for (const path of locked) {
      const machineValue = getPath(machineDefaults, path);
      if (machineValue === undefined) {
        found.push({ path, message: 'machine settings lock a setting that does not exist' });
        continue;
      }
      if (getPath(plainRaw, path) !== undefined && getPath(plainRaw, path) !== machineValue) {
        found.push({ path, message: 'locked by your administrator; your value is ignored' });
      }
      next = structuredClone(next);
      setPath(next, path, machineValue);
    }
    settings = next as unknown as Settings;
    problems = found;
    for (const p of found) deps.logger.warn(`settings: ${p.path || '(file)'}: ${p.message}`);
    if (hadPlain && box) {
      persist(userRaw);
      deps.logger.info('settings: secrets given in plain text were moved into secure storage');
    }
  }

  function persist(raw: Json): void {
    if (userFileCorrupt && existsSync(userPath)) {
      // Keep the agent's broken file for IT instead of overwriting it silently.
      const backup = `${userPath}.corrupt-${Date.now()}`;
      renameSync(userPath, backup);
      deps.logger.warn(`settings: the unreadable ${SETTINGS_FILE} was kept as ${backup}`);
      userFileCorrupt = false;
    }
    userRaw = encryptSecrets(raw);
    writeFileAtomic(userPath, JSON.stringify(userRaw, null, 2) + '\n');
  }

  load();

  return {
    get: () => settings,
    view: () => ({ settings, problems, locked }),
    reload() {
      load();
      return { settings, problems, locked };
    },
    save(patch) {
      const touched = leafPaths(patch);
      const lockedHit = touched.filter((p) => locked.some((l) => p === l || p.startsWith(`${l}.`)));
      if (lockedHit.length > 0) {
        return {
          ok: false,
          error: {
            code: 'locked',
            message: `locked by your administrator: ${lockedHit.join(', ')}`,
          },
        };
      }
      const check = mergeSettings(patch, settings);
      if (check.problems.length > 0) {
        return {
          ok: false,
          error: {
            code: 'invalid-settings',
            message: check.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
            fields: Object.fromEntries(check.problems.map((p) => [p.path, p.message])),
          },
        };
      }
      const { raw: plainRaw } = decryptSecrets(userRaw, []);
      persist(deepMerge(plainRaw, patch));
      load();
      return { ok: true, view: { settings, problems, locked } };
    },
    secretValues: () => secretValuesOf(settings),
  };
}
