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
import { callControlResult, createDialer } from './dialer';
import { createSettingsStore, type SecretBox } from './settings-store';
import { scrub } from '../../shared/scrub';
import { securePrivateDir } from './private-files';
import { createRendererLog } from './renderer-log';
import { createCrmEffects, type CrmEffects, type CrmEffectsDeps } from './crm-effects';
import { createPushHub } from './push-hub';
import { createCallViews } from './call-views';
import { createArgvHandler } from './argv-handler';
import { startStaleSweep } from './stale-sweep';
import { createCardKeeper, type CardKeeper } from './card-keeper';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './handlers/types';
import { callHandlers } from './handlers/calls';
import { popupHandlers } from './handlers/popups';
import { dialHandlers } from './handlers/dial';
import { settingsHandlers } from './handlers/settings';
import { outboxHandlers } from './handlers/outbox';
import { logHandlers } from './handlers/log';
import { sourceHandlers } from './handlers/sources';
import { latencyHandlers } from './handlers/latency';
import { createLatencyLog, type EventTrace } from './latency';
import { createCallMatcher } from '../../shared/call-matching';
import type { CallNotification } from '../../shared/crm-args';
import {
  createEventSources,
  notificationTrace,
  type EventSources,
  type EventSourcesDeps,
} from './sources/event-sources';
import type { PbxSourceName } from './sources/source-types';
import { contactHandlers } from './handlers/contacts';
import { createContactsService } from './contacts/contacts-service';
import { createHttpApiClient } from './clients/pbx-http-api';
import { createRestApiClient } from './clients/pbx-rest-api';
import { pbxHandlers } from './handlers/pbx';
import { crmTestHandlers } from './handlers/crm-tests';
import { createPbxService, type PbxService, type PbxServiceDeps } from './pbx-service';
import { createMissedCalls } from './missed-calls';
import { mainWindowHandlers } from './handlers/main-window';
import { createHistoryQuery } from './history-query';
import { historyHandlers } from './handlers/history';

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
  /** Options for the PBX event sources (REST live calls, Call Control): tests inject here. */
  sources?: Partial<
    Pick<EventSourcesDeps, 'restSnapshot' | 'random' | 'WebSocketImpl' | 'callControlBackoff'>
  >;
  /** Options for the PBX service: tests shorten timeouts or turn main's polling off. */
  pbx?: Pick<PbxServiceDeps, 'timeoutMs' | 'agentPollMs' | 'random'>;
}

export async function createCore(
  deps: CoreDeps,
): Promise<Core & { crm: CrmEffects; sources: EventSources; pbx: PbxService }> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const spawn: SpawnFn = deps.spawn ?? nodeSpawn;
  const fetchFn = deps.fetch ?? globalThis.fetch;
  securePrivateDir(deps.dataDir, (m) => logger.warn(`data directory: ${m}`));
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
  const latency = createLatencyLog();
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
  // One client per PBX API for everything that talks to it: dialing, the 3CX phonebook, the
  // REST live-calls poller and the PBX service (agent bar, board, card). One client is one
  // reachability state, so a failed poll and the agent bar's "PBX unreachable" agree.
  const pbxDeps = {
    fetch: fetchFn,
    clock,
    logger,
    timeoutMs: deps.pbx?.timeoutMs,
    random: deps.pbx?.random,
  };
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

  // One change of a call gives one 'call.updated' with its final view. While the CRM outbox
  // reacts to a change (a lookup starts, a report is queued) its requests to re-send a view
  // are collected here and answered by that one push, not each by a push of its own.
  let held: Set<string> | null = null;
  function resendView(key: string): void {
    if (held) {
      held.add(key);
      return;
    }
    const call = router.get(key);
    if (call) push('call.updated', view(call));
  }
  /** Runs `fn` with view re-sends held back; sends those for calls other than `key`. */
  function asOneChange(key: string, fn: () => void): void {
    const outer = held;
    const keys = new Set<string>();
    held = keys;
    try {
      fn();
    } finally {
      held = outer;
    }
    for (const k of keys) if (k !== key) resendView(k);
  }

  // The missed count is read after the journal write (settled), so it counts this call.
  const missed = createMissedCalls({ db, now: () => clock.now(), push });
  // The export writes what is known now; asking the PBX about every number is the cards' job.
  const exportView = createCallViews({
    journal,
    settings,
    logger,
    decorate: (v) => v,
    caller: (number) => contacts.callers.known(number),
  });
  const historyQuery = createHistoryQuery({
    db,
    now: () => clock.now(),
    match: () => ({
      defaultCountry: settings().agent.defaultCountry,
      suffixDigits: settings().matching.suffixDigits,
    }),
    numbersNamed: (text) => contacts.numbersNamed(text),
  });

  let keeper: CardKeeper | null = null;
  const router = createCallRouter({
    journal,
    clock,
    logger,
    settings,
    events: {
      // The call's view is pushed before the journal write and before the CRM effects (a
      // lookup, sending the outbox), so none of them delays the card. Only the Egards reports
      // are queued first (local writes), so that this one push already shows them; a lookup
      // about to start shows as under way (see decorate).
      changed(_prev, next) {
        asOneChange(next.key, () => guarded('call effect', () => crm?.queueReports(next)));
        const v = view(next);
        push('call.updated', v);
        // Closes the card when the lifecycle rules say it needs nothing more.
        guarded('card lifecycle', () => keeper?.check(v));
      },
      // The change's own view was pushed above; what its effects change later (an answer to the
      // lookup, a delivery sent) is pushed when it happens.
      settled(prev, next) {
        asOneChange(next.key, () => guarded('call effect', () => crm?.onCallChanged(prev, next)));
        if (next.outcome === 'missed') guarded('missed count', () => missed.refresh());
      },
      showCard(call) {
        push('popup.show', view(call));
      },
    },
  });
  keeper = createCardKeeper({ router, settings, now: () => clock.now(), push, logger });
  const dialer = createDialer({
    spawn,
    settings,
    logger,
    httpApiMakeCall: (ext, dest) => httpApi.makeCall(ext, dest),
    restApiMakeCall: (ext, dest) => restApi.makeCall(ext, dest),
    // The sources own the Call Control client (one token for events and dialing); they exist
    // by the time anyone dials.
    callControlMakeCall: async (ext, dest) =>
      callControlResult(await sources.callControl.makeCall(ext, dest)),
  });
  resendCallsOf = (number) => {
    for (const key of router.cards()) if (router.get(key)?.number === number) resendView(key);
  };
  // After a contact changed, the open cards show the name it has now.
  const resendCards = () => {
    for (const key of router.cards()) resendView(key);
  };

  // Every source's notifications meet here: the same call reported by two sources is one call.
  const matcher = createCallMatcher({ suffixDigits: () => settings().matching.suffixDigits });
  function applyNotification(
    n: CallNotification,
    source: 'assistant' | PbxSourceName,
    argv: readonly string[],
    trace?: EventTrace,
  ): CallRecord {
    return router.apply(matcher.resolve(n, source, clock.now()), argv, trace);
  }
  // The poller backs off by itself, so each poll really asks (not the client's background mode).
  async function restSnapshot() {
    const r = await restApi.callsInfo();
    if (r.ok) return { ok: true as const, body: r.value };
    const unreachable =
      r.error.kind === 'unreachable' ? { lastGoodAt: restApi.health().lastGoodAt } : undefined;
    return { ok: false as const, error: r.error.message, unreachable };
  }
  const sources = createEventSources({
    settings,
    clock,
    logger,
    fetch: fetchFn,
    restSnapshot: deps.sources?.restSnapshot ?? restSnapshot,
    random: deps.sources?.random,
    WebSocketImpl: deps.sources?.WebSocketImpl,
    callControlBackoff: deps.sources?.callControlBackoff,
    apply(n, source) {
      try {
        const call = applyNotification(n, source, notificationTrace(n, source));
        logger.info(`${source} /N:${n.type} call ${call.id} → ${call.state}`);
      } catch (e) {
        const message = scrub((e as Error).message, store.secretValues());
        logger.error(`handling a ${source} notification failed: ${message}`);
        notice('error', `A 3CX notification could not be stored: ${message}`);
      }
    },
    onStatus: (all) => push('sources.changed', all),
  });
  const pbx = createPbxService({
    settings,
    fetch: fetchFn,
    clock,
    logger,
    ...deps.pbx,
    clients: { http: httpApi, rest: restApi },
    onAgentState: (state) => push('pbx.agent.changed', state),
  });

  crm = createCrmEffects({
    db,
    clock,
    logger,
    fetch: fetchFn,
    settings,
    callChanged: resendView,
    push,
    // Time the agent parked a call through CallPop counts as Egards hold time.
    parkedMs: (key) => pbx.calls.parkedMs(key),
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
      // The handler pushes the call's view once the outbox has queued the write-back.
      wrapUpSaved: (call: CallRecord, wrap) =>
        asOneChange(call.key, () =>
          guarded('wrap-up effect', () => outbox.onWrapUpSaved(call, wrap)),
        ),
    }),
    ...popupHandlers({ router, view, push }),
    ...dialHandlers({ dial }),
    ...settingsHandlers({
      store,
      push,
      logger,
      saved(next: Settings) {
        refreshSecrets();
        guarded('settings effect', () => outbox.onSettingsChanged(next));
        void sources.reconfigure();
      },
    }),
    ...outboxHandlers(outbox),
    ...logHandlers({
      log: createRendererLog({ logger, clock, secrets: () => store.secretValues() }),
    }),
    ...sourceHandlers({
      sources,
      settings,
      callControlId: (id) => matcher.ownId(id, 'call-control'),
    }),
    ...contactHandlers({ contacts, changed: resendCards }),
    ...latencyHandlers(latency),
    ...pbxHandlers(pbx),
    ...crmTestHandlers({
      fetch: fetchFn,
      clock,
      logger,
      settings,
      lastDelivery: (chain) => outbox.lastDelivery(chain),
    }),
    ...mainWindowHandlers({ missed, push }),
    ...historyHandlers({ query: historyQuery, view, exportView }),
  };
  const dispatcher = createDispatcher({
    handlers,
    logger,
    redact: (text) => scrub(text, store.secretValues()),
  });

  // Resume what a previous run left pending; from here on the outbox sends.
  outbox.start();
  sources.start();
  pbx.start();

  return {
    crm: outbox,
    sources,
    pbx,
    handleArgv: createArgvHandler({
      router: { apply: (n, argv, trace) => applyNotification(n, 'assistant', argv, trace) },
      logger,
      dial,
      notice,
      secrets: () => store.secretValues(),
      confirmLinks: () => settings().dialer.confirmLinks,
      confirm: (number) => {
        // Noted now, so the outbound call 3CX reports after the agent said yes gets the number.
        const clean = cleanDialNumber(number, settings().dialer.outsideLinePrefix);
        if (clean.ok) router.noteDial(clean.number);
        push('dial.confirm', { number });
      },
      latency,
    }),
    notice,
    invoke: dispatcher.invoke,
    dispatch: dispatcher.dispatch,
    subscribe: hub.subscribe,
    openCards: () => router.cards(),
    settings,
    async close() {
      sweep.stop();
      pbx.close();
      await sources.stop();
      await outbox.close();
      hub.clear();
      db.close();
    },
  };
}
