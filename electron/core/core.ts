// The composition root: createCore(deps) wires settings, journal, call router, dialer, the
// CRM outbox and the IPC handlers from injected dependencies. The Electron shell, browser
// mode and the tests all call this; nothing here imports Electron. Each job has its own file:
// argv-handler.ts, call-views.ts, dispatcher.ts, push-hub.ts, stale-sweep.ts, handlers/*.
import { cleanDialNumber } from '../../shared/dial-number';
import type { CallRecord } from '../../shared/call-tracker';
import type { NoticeLevel } from '../../shared/ipc';
import type { Settings } from '../../shared/settings-schema';
import type { Clock, Core, Logger, SpawnFn } from './core-types';
import { nodeSpawn, systemClock } from './core-types';
import { openDatabase } from './db';
import { createJournal } from './journal';
import { createCallRouter } from './call-router';
import { createDialer } from './dialer';
import { createSettingsStore, type SecretBox } from './settings-store';
import { redact } from './redact';
import { createCrmEffects, type CrmEffects, type CrmEffectsDeps } from './crm-effects';
import { createPushHub } from './push-hub';
import { createCallViews } from './call-views';
import { createArgvHandler } from './argv-handler';
import { startStaleSweep } from './stale-sweep';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './handlers/types';
import { callHandlers } from './handlers/calls';
import { popupHandlers } from './handlers/popups';
import { dialHandlers } from './handlers/dial';
import { settingsHandlers } from './handlers/settings';
import { outboxHandlers } from './handlers/outbox';
import { logHandlers } from './handlers/log';
import { contactHandlers } from './handlers/contacts';
import { createContactsService } from './contacts/contacts-service';
import { createHttpApiClient } from './clients/pbx-http-api';
import { createRestApiClient } from './clients/pbx-rest-api';

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
  const hub = createPushHub(logger);
  const { push } = hub;
  const notice = (level: NoticeLevel, message: string) => push('notice', { level, message });

  // An effect's failure must never stop the journal or the popup.
  function guarded(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      logger.error(`${what} failed: ${(err as Error).message}`);
    }
  }

  // The CRM outbox is part of every core: the desktop app, browser mode and tests alike. It is
  // created after the router (it re-sends a call's view through it), hence the late binding.
  let crm: CrmEffects | null = null;
  // The PBX clients for dialing and the 3CX phonebook (one per API, each parses its answers).
  const pbxDeps = { fetch: fetchFn, clock, logger };
  const httpApi = createHttpApiClient(pbxDeps, () => settings().pbx.httpApi);
  const restApi = createRestApiClient(pbxDeps, () => settings().pbx.restApi);
  // Re-sends every open or listed call with this number when the 3CX phonebook answered.
  let resendCallsOf: (number: string) => void = () => undefined;
  const contacts = createContactsService({
    db,
    clock,
    logger,
    settings,
    phonebook: restApi,
    onCallerFound: (number) => resendCallsOf(number),
  });
  const view = createCallViews({
    journal,
    settings,
    logger,
    decorate: (v) => (crm ? crm.decorate(v) : v),
    caller: (number) => {
      const known = contacts.callers.known(number);
      if (!known) contacts.callers.lookUp(number);
      return known;
    },
  });

  const router = createCallRouter({
    journal,
    clock,
    logger,
    settings,
    events: {
      changed(prev, next) {
        push('call.updated', view(next));
        guarded('call effect', () => crm?.onCallChanged(prev, next));
      },
      showCard(call) {
        push('popup.show', view(call));
      },
    },
  });
  const dialer = createDialer({
    spawn,
    settings,
    logger,
    httpApiMakeCall: (ext, dest) => httpApi.makeCall(ext, dest),
    restApiMakeCall: (ext, dest) => restApi.makeCall(ext, dest),
  });
  resendCallsOf = (number) => {
    for (const key of router.cards()) {
      const call = router.get(key);
      if (call?.number === number) push('call.updated', view(call));
    }
  };
  // After a contact changed, the open cards show the name it has now.
  const resendCards = () => {
    for (const key of router.cards()) {
      const call = router.get(key);
      if (call) push('call.updated', view(call));
    }
  };

  crm = createCrmEffects({
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
    ...deps.crm,
  });
  const outbox: CrmEffects = crm;

  const sweep = startStaleSweep({ router, clock, logger });

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

  const handlers: Handlers = {
    ...callHandlers({
      journal,
      router,
      clock,
      logger,
      view,
      push,
      wrapUpSaved: (call: CallRecord, wrap) =>
        guarded('wrap-up effect', () => outbox.onWrapUpSaved(call, wrap)),
    }),
    ...popupHandlers({ router, view, push }),
    ...dialHandlers({ dial }),
    ...settingsHandlers({
      store,
      push,
      saved(next: Settings) {
        refreshSecrets();
        guarded('settings effect', () => outbox.onSettingsChanged(next));
      },
    }),
    ...outboxHandlers(outbox),
    ...logHandlers({ logger }),
    ...contactHandlers({ contacts, changed: resendCards }),
  };
  const dispatcher = createDispatcher({
    handlers,
    logger,
    redact: (text) => redact(text, store.secretValues()),
  });

  // Resume what a previous run left pending; from here on the outbox sends.
  outbox.start();

  return {
    crm: outbox,
    handleArgv: createArgvHandler({
      router,
      logger,
      dial,
      notice,
      confirmLinks: () => settings().dialer.confirmLinks,
      confirm: (number) => {
        // Noted now, so the outbound call 3CX reports after the agent said yes gets the number.
        const clean = cleanDialNumber(number, settings().dialer.outsideLinePrefix);
        if (clean.ok) router.noteDial(clean.number);
        push('dial.confirm', { number });
      },
    }),
    invoke: dispatcher.invoke,
    dispatch: dispatcher.dispatch,
    subscribe: hub.subscribe,
    settings,
    async close() {
      sweep.stop();
      await outbox.close();
      hub.clear();
      db.close();
    },
  };
}
