// The composition root: createCore(deps) wires settings, journal, call router, dialer and any
// effects (CRM outbox) from injected dependencies. The Electron shell, browser mode and the
// tests all call this; nothing here imports Electron.
import { parseArgv } from '../../shared/crm-args';
import { cleanDialNumber } from '../../shared/dial-number';
import { callKey, type CallRecord } from '../../shared/call-tracker';
import {
  validateRequest,
  type CallView,
  type InvokeChannel,
  type InvokeResponses,
  type PushEvent,
  type PushEvents,
  type Result,
  type SettingsView,
} from '../../shared/ipc-contract';
import {
  REDACTED,
  SECRET_PATHS,
  deletePath,
  getPath,
  redactSettings,
} from '../../shared/settings-schema';
import { phoneInfo } from '../../shared/phone';
import type {
  ArgvOutcome,
  ArgvSource,
  CallEffects,
  Clock,
  Core,
  Logger,
  PushListener,
  SpawnFn,
} from './core-types';
import { nodeSpawn, systemClock } from './core-types';
import { openDatabase } from './db';
import { createJournal } from './journal';
import { createCallRouter } from './call-router';
import { createDialer } from './dialer';
import { createHttpApiClient } from './clients/pbx-http-api';
import { createRestApiClient } from './clients/pbx-rest-api';
import { createSettingsStore, type SecretBox } from './settings-store';
import { redact } from './redact';
import { createCrmEffects, type CrmEffects, type CrmEffectsDeps } from './crm-effects';

export interface CoreDeps {
  dataDir: string;
  logger: Logger & { setSecrets?(values: readonly string[], group?: string): void };
  clock?: Clock;
  fetch?: typeof fetch;
  spawn?: SpawnFn;
  secrets?: SecretBox;
  /** null: no machine-wide file; undefined: the platform's default path. */
  machineConfigPath?: string | null;
  /** Options for the built-in CRM outbox (DBN, Egards): tests shorten timeouts here. */
  crm?: Pick<CrmEffectsDeps, 'random' | 'concurrency' | 'egardsTimeoutMs' | 'parkedMs'>;
}

export interface EffectContext {
  db: ReturnType<typeof openDatabase>;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  settings: () => import('../../shared/settings-schema').Settings;
  /** Re-send a call's view to the UI (its deliveries or CRM badge changed). */
  callChanged(key: string): void;
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
}

const STALE_SWEEP_MS = 10 * 60 * 1000;

// The renderer never holds a secret: it sees `***` for a secret that is set, and sends `***`
// back for one the agent left alone.
function publicView(v: SettingsView): SettingsView {
  return { ...v, settings: redactSettings(v.settings) };
}

function withoutUnchangedSecrets(patch: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(patch);
  for (const path of SECRET_PATHS) if (getPath(copy, path) === REDACTED) deletePath(copy, path);
  return copy;
}
const HISTORY_LIMIT = 10;

export async function createCore(deps: CoreDeps): Promise<Core & { crm: CrmEffects }> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const spawn: SpawnFn = deps.spawn ?? nodeSpawn;
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const store = createSettingsStore({
    dataDir: deps.dataDir,
    machineConfigPath: deps.machineConfigPath,
    secrets: deps.secrets,
    logger,
  });
  const refreshSecrets = () => logger.setSecrets?.(store.secretValues(), 'settings');
  refreshSecrets();

  const db = openDatabase(deps.dataDir);
  const settings = () => store.get();
  const journal = createJournal(db, () => ({
    defaultCountry: settings().agent.defaultCountry,
    suffixDigits: settings().matching.suffixDigits,
  }));
  const listeners = new Set<PushListener>();
  const effects: CallEffects[] = [];

  function push<E extends PushEvent>(event: E, payload: PushEvents[E]): void {
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch (e) {
        logger.error(`push listener failed on ${event}: ${(e as Error).message}`);
      }
    }
  }

  function view(call: CallRecord): CallView {
    let v: CallView = {
      ...call,
      phone: call.number ? phoneInfo(call.number, settings().agent.defaultCountry) : null,
      wrapUp: journal.latestWrapUp(call.key),
      crm: { state: 'off' },
      deliveries: [],
    };
    for (const e of effects) {
      if (!e.decorate) continue;
      try {
        v = e.decorate(v);
      } catch (err) {
        logger.error(`decorate failed: ${(err as Error).message}`);
      }
    }
    return v;
  }

  function each(fn: (e: CallEffects) => void, what: string): void {
    for (const e of effects) {
      try {
        fn(e);
      } catch (err) {
        // An effect's failure must never stop the journal or the popup.
        logger.error(`${what} failed: ${(err as Error).message}`);
      }
    }
  }

  const router = createCallRouter({
    journal,
    clock,
    logger,
    settings,
    events: {
      changed(prev, next) {
        push('call.updated', view(next));
        each((e) => e.onCallChanged?.(prev, next), 'call effect');
      },
      showCard(call) {
        push('popup.show', view(call));
      },
    },
  });
  // The PBX clients for dialing and the 3CX phonebook (one per API, each parses its answers).
  const pbxDeps = { fetch: fetchFn, clock, logger };
  const httpApi = createHttpApiClient(pbxDeps, () => settings().pbx.httpApi);
  const restApi = createRestApiClient(pbxDeps, () => settings().pbx.restApi);
  const dialer = createDialer({
    spawn,
    settings,
    logger,
    httpApiMakeCall: (ext, dest) => httpApi.makeCall(ext, dest),
    restApiMakeCall: (ext, dest) => restApi.makeCall(ext, dest),
  });

  const ctx: EffectContext = {
    db,
    clock,
    logger,
    fetch: fetchFn,
    settings,
    callChanged(key) {
      const call = router.get(key);
      if (call) push('call.updated', view(call));
    },
    push,
  };
  // The CRM outbox is part of every core: the desktop app, browser mode and tests alike.
  const crm = createCrmEffects({ ...ctx, ...deps.crm });
  effects.push(crm);

  const closed = router.closeStaleCalls();
  if (closed) logger.info(`closed ${closed} stale call(s) at start-up`);
  let sweepTimer = clock.setTimeout(function sweep() {
    router.closeStaleCalls();
    sweepTimer = clock.setTimeout(sweep, STALE_SWEEP_MS);
  }, STALE_SWEEP_MS);

  function notice(level: 'info' | 'warn' | 'error', message: string): void {
    push('notice', { level, message });
  }

  for (const p of store.view().problems)
    notice('warn', `Settings: ${p.path ? `${p.path}: ` : ''}${p.message}`);

  async function dial(number: string): Promise<{ via: string }> {
    // The request is what an outbound S correlates with, even when starting the Assistant
    // client fails (the agent then often dials the same number by hand). The journal keeps
    // the customer's number, not the outside-line prefix 3CX needed.
    const clean = cleanDialNumber(number, settings().dialer.outsideLinePrefix);
    if (clean.ok) router.noteDial(clean.number);
    const result = await dialer.dial(number);
    return { via: result.via };
  }

  async function handleArgv(argv: readonly string[], source: ArgvSource): Promise<ArgvOutcome> {
    try {
      const inv = parseArgv(argv);
      switch (inv.kind) {
        case 'call-notification': {
          for (const w of inv.warnings) logger.warn(`3CX argv (${source}): ${w}`, { argv });
          const call = router.apply(inv.notification, argv);
          logger.info(`3CX /N:${inv.notification.type} call ${call.id} → ${call.state}`, {
            source,
          });
          return { kind: 'call', callId: call.id };
        }
        case 'dial-request': {
          try {
            await dial(inv.number);
          } catch (e) {
            notice('error', (e as Error).message);
          }
          return { kind: 'dial', number: inv.number };
        }
        case 'open':
          return { kind: 'open' };
        case 'unknown': {
          logger.warn(`ignored a start with unusable arguments (${source}): ${inv.message}`, {
            argv,
          });
          notice('warn', `CallPop was started with arguments it cannot use: ${inv.message}`);
          return { kind: 'rejected', message: inv.message };
        }
      }
    } catch (e) {
      const message = redact((e as Error).message);
      logger.error(`handling argv failed: ${message}`, { argv });
      notice('error', `A 3CX notification could not be stored: ${message}`);
      return { kind: 'rejected', message };
    }
  }

  async function answer(channel: InvokeChannel, req: Record<string, unknown>): Promise<unknown> {
    switch (channel) {
      case 'calls.list':
        return journal.list((req.limit as number | undefined) ?? 200).map(view);
      case 'calls.get': {
        const call = router.get(callKey(req.callId as string));
        if (!call) throw new Error(`no call with id ${String(req.callId)}`);
        return {
          call: view(call),
          history: call.number
            ? journal.history(call.number, call.key, HISTORY_LIMIT, call.startedAt).map(view)
            : [],
        };
      }
      case 'wrapup.save': {
        const key = callKey(req.callId as string);
        const call = router.get(key);
        if (!call) throw new Error(`no call with id ${String(req.callId)}`);
        const wrap = journal.saveWrapUp(
          key,
          req.status as never,
          req.comments as string,
          clock.now(),
        );
        logger.info(
          `wrap-up saved for call ${call.id}: ${wrap.status} (revision ${wrap.revision})`,
        );
        each((e) => e.onWrapUpSaved?.(call, wrap), 'wrap-up effect');
        const v = view(call);
        push('call.updated', v);
        // Outcome recorded after the call: the card has done its job (two keystrokes, gone).
        if (call.state === 'ended' && router.dismiss(key)) push('popup.hide', { callId: call.id });
        return v;
      }
      case 'popup.list':
        return router
          .cards()
          .map((k) => router.get(k))
          .filter((c): c is CallRecord => c !== undefined)
          .map(view);
      case 'popup.dismiss': {
        const key = callKey(req.callId as string);
        router.dismiss(key);
        push('popup.hide', { callId: router.get(key)?.id ?? (req.callId as string) });
        return null;
      }
      case 'dial':
        return dial(req.number as string);
      case 'settings.get':
        return publicView(store.view());
      case 'settings.save': {
        const r = store.save(withoutUnchangedSecrets(req.patch as Record<string, unknown>));
        if (!r.ok) throw new Error(r.error);
        refreshSecrets();
        each((e) => e.onSettingsChanged?.(r.view.settings), 'settings effect');
        const view = publicView(r.view);
        push('settings.changed', view);
        return view;
      }
      case 'outbox.summary':
        return crm.summary();
      case 'outbox.retry':
        return crm.retry(req.id as number);
      case 'outbox.discard':
        return crm.discard(req.id as number);
      case 'log.write':
        logger[req.level as 'info'](`renderer: ${req.message as string}`);
        return null;
      case 'renderer.ready':
        return null;
    }
  }

  // Resume what a previous run left pending; from here on the outbox sends.
  crm.start();

  return {
    crm,
    handleArgv,
    async invoke(channel, payload): Promise<Result<InvokeResponses[InvokeChannel]>> {
      const checked = validateRequest(channel, payload);
      if (!checked.ok) {
        logger.warn(`IPC: ${checked.error}`);
        return { ok: false, error: checked.error };
      }
      try {
        const value = await answer(checked.channel, checked.value as Record<string, unknown>);
        return { ok: true, value: value as InvokeResponses[InvokeChannel] };
      } catch (e) {
        const error = redact((e as Error).message, store.secretValues());
        logger.warn(`IPC ${channel} failed: ${error}`);
        return { ok: false, error };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settings,
    async close() {
      clock.clearTimeout(sweepTimer);
      for (const e of effects) await e.close?.();
      listeners.clear();
      db.close();
    },
  };
}
