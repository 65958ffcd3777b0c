// The CRM side of a call: the DBN caller lookup (fire and forget, the card never waits), the
// DBN wrap-up write-back and the Egards connect/disconnect reports (both through the durable
// outbox). createCore calls it on every call change, wrap-up and settings change; everything
// it needs is injected, so it runs the same in Electron, browser mode, tests and the benchmark.
import type { CallRecord } from '../../shared/call-tracker';
import type {
  CallView,
  CrmLookup,
  Delivery,
  DeliveryKind,
  OutboxSummary,
  PushArgs,
  WrapUp,
} from '../../shared/ipc';
import { secretValuesOf, type Settings } from '../../shared/settings-schema';
import { egardsFacts, type EgardsCallFacts } from '../../shared/egards-payload';
import type { Clock, Logger } from './core-types';
import type { Db } from './db';
import { dbnLookup, dbnSendWriteBack, dbnSettingsProblem, type DbnWriteBack } from './clients/dbn';
import { egardsSend, egardsSettingsProblem } from './clients/egards';
import type { HttpDeps } from './clients/http';
import { scrub } from '../../shared/scrub';
import {
  createOutboxStore,
  idempotencyKey,
  toDelivery,
  type Chain,
  type OutboxRow,
} from './outbox-store';
import { createOutbox, type Transport } from './outbox';
import { rescrubStoredErrors } from './rescrub';
import type { LastDelivery } from '../../shared/crm-tests';

export interface CrmEffectsDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  settings: () => Settings;
  /** A call's CRM badge or deliveries changed: re-send its view. */
  callChanged?(callKey: string): void;
  /** 'outbox.changed' with the new summary; 'notice' when deliveries wait for settings. */
  push?(...args: PushArgs): void;
  /** Parking hook: ms the agent parked this call through CallPop so far (pbx-call-control.ts). */
  parkedMs?(callKey: string): number;
  random?: () => number;
  concurrency?: number;
  egardsTimeoutMs?: number;
}

export interface CrmEffects {
  /** A call record changed; `prev` is undefined for a new call. Never blocks. */
  onCallChanged(prev: CallRecord | undefined, next: CallRecord): void;
  /** Queues the call's Egards reports (local writes only, nothing is sent): runs before the
   *  call's view is pushed, so that one push shows them; onCallChanged sends them. */
  queueReports(call: CallRecord): void;
  /** The agent saved (or edited) a wrap-up: queue the write-back. Never blocks. */
  onWrapUpSaved(call: CallRecord, wrapUp: WrapUp): void;
  /** Adds the CRM badge and the delivery states to a call view. */
  decorate(view: CallView): CallView;
  /** Settings changed: waiting deliveries may now be possible. */
  onSettingsChanged(settings: Settings): void;
  close(): void;
  summary(): OutboxSummary;
  /** How the last report to a system went, for Settings' Test connection. */
  lastDelivery(chain: Chain): LastDeliveries;
  retry(id: number): OutboxSummary;
  discard(id: number): OutboxSummary;
  /** Starts sending; resumes what a previous run left pending. */
  start(): void;
  /** Resolves when no lookup or send is in flight and nothing is due at the clock's time. */
  drain(): Promise<void>;
}

export interface LastDeliveries {
  last: LastDelivery | null;
  deliveredAt: number | null;
}

const LOOKUP_INTERRUPTED = 'the lookup was interrupted when CallPop stopped';

export function createCrmEffects(deps: CrmEffectsDeps): CrmEffects {
  const { clock, logger } = deps;
  const store = createOutboxStore(deps.db);
  const http: HttpDeps & { timeoutMs?: number } = {
    fetch: deps.fetch,
    clock,
    timeoutMs: deps.egardsTimeoutMs,
  };
  const redact = (text: string, settings: Settings) => scrub(text, secretValuesOf(settings));
  const lookups = new Map<string, Promise<void>>();
  // Reasons already told to the agent; told again after the next settings change.
  const noticed = new Set<string>();
  // Calls already logged as not reportable to Egards (withheld/extension), to log once.
  const notReportable = new Set<string>();
  let closed = false;

  /** Tells the agent once per reason (again after the next settings change). */
  function tellWaiting(reason: string): void {
    if (noticed.has(reason)) return;
    noticed.add(reason);
    deps.push?.('notice', { level: 'warn', message: `CRM deliveries are waiting: ${reason}` });
  }

  const egardsTransport = (kind: 'connect' | 'disconnect'): Transport => ({
    problem: (_row, settings) => egardsSettingsProblem(settings),
    send: (row, settings) =>
      egardsSend(
        http,
        settings,
        kind,
        JSON.parse(row.payload) as EgardsCallFacts,
        row.idempotency_key,
      ),
    redact,
  });
  const transports: Record<DeliveryKind, Transport> = {
    'dbn-writeback': {
      problem: (_row, settings) => dbnSettingsProblem(settings.dbn),
      send: (row, settings) =>
        dbnSendWriteBack(
          http,
          settings.dbn,
          JSON.parse(row.payload) as DbnWriteBack,
          row.idempotency_key,
        ),
      redact,
    },
    'egards-connect': egardsTransport('connect'),
    'egards-disconnect': egardsTransport('disconnect'),
  };

  const outbox = createOutbox({
    store,
    clock,
    logger,
    settings: deps.settings,
    transports,
    random: deps.random,
    concurrency: deps.concurrency,
    onItemChanged: (row) => deps.callChanged?.(row.call_key),
    onSummaryChanged: (summary) => deps.push?.('outbox.changed', summary),
    onWaiting: tellWaiting,
  });

  const interrupted = store.interruptLookups(LOOKUP_INTERRUPTED, clock.now());
  if (interrupted)
    logger.info(`CRM: ${interrupted} caller lookup(s) were interrupted by the last stop`);

  function enqueue(
    call: Pick<CallRecord, 'key' | 'id'>,
    kind: DeliveryKind,
    revision: number,
    payload: unknown,
    settings: Settings,
  ): OutboxRow | null {
    const problem = transports[kind].problem({ kind } as OutboxRow, settings);
    const { row, inserted } = store.enqueue(
      {
        callKey: call.key,
        callId: call.id,
        kind,
        revision,
        payload,
        status: problem ? 'waiting-settings' : 'pending',
        lastError: problem,
      },
      clock.now(),
    );
    if (!inserted) return null;
    logger.info(
      `outbox: queued ${kind} #${revision} for call ${call.id}${problem ? ` (waiting: ${problem})` : ''}`,
    );
    if (problem) tellWaiting(problem);
    return row;
  }

  function startLookup(call: CallRecord, settings: Settings): void {
    const number = call.number as string;
    store.setLookup(call.key, 'pending', null, clock.now());
    deps.callChanged?.(call.key);
    const p = dbnLookup(http, settings.dbn, number)
      .catch((e: unknown): CrmLookup => ({
        state: 'error',
        message: `lookup failed: ${(e as Error).message}`,
      }))
      .then((result) => {
        if (closed) return;
        const message = result.state === 'error' ? redact(result.message, deps.settings()) : null;
        store.setLookup(call.key, result.state, message, clock.now());
        logger.info(
          `CRM lookup for call ${call.id}: ${result.state}${message ? ` (${message})` : ''}`,
        );
        deps.callChanged?.(call.key);
      })
      .catch((e: unknown) =>
        logger.error(`CRM lookup for call ${call.id} could not be stored: ${(e as Error).message}`),
      )
      .finally(() => lookups.delete(call.key));
    lookups.set(call.key, p);
  }

  /** A lookup this call gets (if none has started yet). */
  function lookupWanted(call: CallRecord, settings: Settings): boolean {
    return (
      settings.dbn.enabled &&
      call.direction !== 'outbound' &&
      !!call.number &&
      call.state !== 'ended'
    );
  }

  function maybeLookup(call: CallRecord, settings: Settings): void {
    if (!lookupWanted(call, settings)) return;
    if (lookups.has(call.key) || store.lookup(call.key)) return;
    startLookup(call, settings);
  }

  function egardsFor(call: CallRecord, settings: Settings): boolean {
    const connectKey = idempotencyKey(call.key, 'egards-connect', 1);
    let connect = store.byKey(connectKey);
    let queued = false;
    const wantConnect =
      settings.egards.enabled && (settings.egards.connectOn === 'ring' || call.answeredAt !== null);
    if (!connect && !wantConnect) return false;
    // Disconnect only pairs with a connect; with no connect yet, the facts must allow one.
    if (
      !connect ||
      (call.state === 'ended' && !store.byKey(idempotencyKey(call.key, 'egards-disconnect', 1)))
    ) {
      const facts = egardsFacts(
        { ...call, parkedMs: deps.parkedMs?.(call.key) ?? 0 },
        settings.agent.defaultCountry,
        clock.now(),
      );
      if (!facts) {
        if (!notReportable.has(call.key)) {
          notReportable.add(call.key);
          logger.info(
            `Egards: call ${call.id} is not reported (no public phone number: ${call.withheld ? 'withheld' : (call.number ?? 'none')})`,
          );
        }
        return false;
      }
      if (!connect) {
        connect = enqueue(call, 'egards-connect', 1, facts, settings) ?? undefined;
        queued = connect !== undefined;
      }
      if (connect && call.state === 'ended') {
        queued = enqueue(call, 'egards-disconnect', 1, facts, settings) !== null || queued;
      }
    }
    return queued;
  }

  function lookupFor(callKey: string): CrmLookup {
    const row = store.lookup(callKey);
    if (!row) return { state: 'off' };
    if (row.state === 'error') return { state: 'error', message: row.message ?? 'unknown error' };
    if (
      row.state === 'pending' ||
      row.state === 'known' ||
      row.state === 'unknown' ||
      row.state === 'timeout'
    ) {
      return { state: row.state };
    }
    return { state: 'off' };
  }

  function deliveriesFor(callKey: string): Delivery[] {
    return store.forCall(callKey).map(toDelivery);
  }

  // Calls with reports queued by queueReports and not yet handed to the outbox to send.
  const queuedUnsent = new Set<string>();

  function queueEgards(call: CallRecord, settings: Settings): boolean {
    try {
      return egardsFor(call, settings);
    } catch (e) {
      logger.error(
        `Egards report for call ${call.id} could not be queued: ${redact((e as Error).message, settings)}`,
      );
      return false;
    }
  }

  return {
    queueReports(call) {
      if (closed) return;
      if (queueEgards(call, deps.settings())) {
        queuedUnsent.add(call.key);
        deps.callChanged?.(call.key);
      }
    },
    onCallChanged(_prev, next) {
      if (closed) return;
      const settings = deps.settings();
      try {
        maybeLookup(next, settings);
      } catch (e) {
        logger.error(
          `CRM lookup for call ${next.id} could not start: ${redact((e as Error).message, settings)}`,
        );
      }
      const queued = queueEgards(next, settings);
      if (queued) deps.callChanged?.(next.key);
      if (queuedUnsent.delete(next.key) || queued) outbox.kick();
    },
    onWrapUpSaved(call: CallRecord, wrapUp: WrapUp) {
      if (closed) return;
      const settings = deps.settings();
      if (!settings.dbn.enabled) return;
      if (!call.number) {
        logger.info(`DBN: wrap-up of call ${call.id} is not written back (no caller number)`);
        return;
      }
      const item: DbnWriteBack = {
        callId: call.id,
        cid: call.number,
        status: wrapUp.status,
        comments: wrapUp.comments,
        revision: wrapUp.revision,
      };
      try {
        if (enqueue(call, 'dbn-writeback', wrapUp.revision, item, settings)) {
          deps.callChanged?.(call.key);
          outbox.kick();
        }
      } catch (e) {
        logger.error(
          `DBN write-back for call ${call.id} could not be queued: ${redact((e as Error).message, settings)}`,
        );
      }
    },
    decorate(view: CallView): CallView {
      let crm = lookupFor(view.key);
      // The card is pushed before the lookup starts (nothing may delay it): a lookup that is
      // about to start already shows as under way.
      if (crm.state === 'off' && !closed && lookupWanted(view, deps.settings()))
        crm = { state: 'pending' };
      return { ...view, crm, deliveries: deliveriesFor(view.key) };
    },
    onSettingsChanged(settings: Settings) {
      if (closed) return;
      noticed.clear();
      outbox.settingsChanged(settings);
    },
    summary: () => outbox.summary(),
    lastDelivery(chain) {
      const { last, deliveredAt } = store.lastDelivery(chain);
      const shown: LastDelivery | null = last && {
        kind: last.kind,
        status: last.status,
        at: last.updated_at,
        attempts: last.attempts,
        error: last.last_error === null ? null : redact(last.last_error, deps.settings()),
      };
      return { last: shown, deliveredAt };
    },
    retry: (id) => outbox.retry(id),
    discard: (id) => outbox.discard(id),
    start() {
      const fixed = rescrubStoredErrors(deps.db, secretValuesOf(deps.settings()));
      if (fixed) logger.info(`outbox: scrubbed secrets from ${fixed} stored error text(s)`);
      outbox.start();
    },
    async drain() {
      for (let i = 0; i < 1_000_000; i++) {
        if (lookups.size) await Promise.allSettled([...lookups.values()]);
        await outbox.drain();
        if (!lookups.size && outbox.inFlight() === 0) return;
      }
    },
    close() {
      closed = true;
      outbox.close();
    },
  };
}
