// The outbox runner: takes due chain heads from the store, sends them through the transport
// for their kind, and records what came of it. Time comes only from the injected Clock, so
// tests drive retries with a fake clock; nothing here knows DBN or Egards.
//
// - A send is attempted only when the transport finds the settings complete; otherwise the
//   item waits in 'waiting-settings' with the reason, and settingsChanged() releases it.
// - Network errors, timeouts, 408, 429 and 5xx retry with exponential backoff and full
//   jitter (1 s … 5 min), or after the server's Retry-After; every other refusal goes to the
//   failed list with the server's answer until the agent presses Retry or Discard.
// - An item stays 'pending' in the database while in flight: a crash mid-send means it is
//   sent again after restart, with the same idempotency key (at most one duplicate).
import type { Clock, Logger } from './core-types';
import type { DeliveryKind, OutboxSummary } from '../../shared/ipc';
import type { Settings } from '../../shared/settings-schema';
import { backoffDelay } from './backoff';
import type { SendOutcome } from './clients/http';
import type { OutboxRow, OutboxStore } from './outbox-store';

export interface Transport {
  /** Why this item cannot be sent with these settings (shown to the agent), or null. */
  problem(row: OutboxRow, settings: Settings): string | null;
  send(row: OutboxRow, settings: Settings): Promise<SendOutcome>;
  /** Scrubs secrets from a message before it is stored or logged. */
  redact(text: string, settings: Settings): string;
}

export interface OutboxDeps {
  store: OutboxStore;
  clock: Clock;
  logger: Logger;
  settings: () => Settings;
  transports: Record<DeliveryKind, Transport>;
  /** A call's deliveries changed. */
  onItemChanged?(row: OutboxRow): void;
  /** Pending/failed/waiting counts or the failed list changed. */
  onSummaryChanged?(summary: OutboxSummary): void;
  /** An item started waiting for settings with this reason. */
  onWaiting?(reason: string): void;
  random?: () => number;
  /** Requests in flight at once (items of one chain are never concurrent). */
  concurrency?: number;
}

export const DEFAULT_CONCURRENCY = 8;

export function createOutbox(deps: OutboxDeps) {
  const { store, clock, logger } = deps;
  const random = deps.random ?? Math.random;
  const concurrency = Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY);
  const inFlight = new Map<number, Promise<void>>();
  let timer: unknown = null;
  let timerAt: number | null = null;
  let started = false;
  let closed = false;
  let lastSummary = '';

  function summaryChanged(): void {
    if (!deps.onSummaryChanged || closed) return;
    const summary = store.summary();
    const text = JSON.stringify(summary);
    if (text === lastSummary) return;
    lastSummary = text;
    deps.onSummaryChanged(summary);
  }

  function itemChanged(id: number): void {
    if (closed) return;
    const row = store.get(id);
    if (row) deps.onItemChanged?.(row);
    summaryChanged();
  }

  function label(row: OutboxRow): string {
    return `${row.kind} #${row.revision} for call ${row.call_id} (item ${row.id})`;
  }

  function schedule(): void {
    if (closed || !started) return;
    const at = store.nextDueAt(clock.now());
    if (at === null) {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      timerAt = null;
      return;
    }
    if (timer !== null && timerAt === at) return;
    if (timer !== null) clock.clearTimeout(timer);
    timerAt = at;
    timer = clock.setTimeout(
      () => {
        timer = null;
        timerAt = null;
        pump();
      },
      Math.max(0, at - clock.now()),
    );
  }

  /** Starts every due chain head there is room for, then arms the timer for the next one. */
  function pump(): void {
    if (closed || !started) return;
    const room = concurrency - inFlight.size;
    if (room > 0) {
      for (const row of store.due(clock.now(), room, inFlight.keys())) {
        if (inFlight.has(row.id)) continue;
        const p = attempt(row)
          .catch((e: unknown) => {
            // A bug of ours must not become an unhandled rejection; the item stays pending.
            logger.error(`outbox: ${label(row)} could not be processed: ${(e as Error).message}`);
          })
          .finally(() => {
            inFlight.delete(row.id);
            pump();
          });
        inFlight.set(row.id, p);
      }
    }
    // With every slot busy, the next completion pumps again; no timer needed until then.
    if (inFlight.size < concurrency) schedule();
  }

  async function attempt(row: OutboxRow): Promise<void> {
    const settings = deps.settings();
    const transport = deps.transports[row.kind] as Transport | undefined;
    if (!transport) {
      store.markFailed(row.id, clock.now(), `this version of CallPop cannot send "${row.kind}"`);
      itemChanged(row.id);
      return;
    }
    const problem = transport.problem(row, settings);
    if (problem) {
      store.markWaiting(row.id, clock.now(), problem);
      logger.info(`outbox: ${label(row)} waits for settings: ${problem}`);
      deps.onWaiting?.(problem);
      itemChanged(row.id);
      return;
    }
    store.markAttempt(row.id, clock.now());
    let outcome: SendOutcome;
    try {
      outcome = await transport.send(row, settings);
    } catch (e) {
      outcome = { kind: 'retry', error: `unexpected error: ${(e as Error).message}` };
    }
    if (closed) return; // the database may be gone; the item is resent after restart
    const now = clock.now();
    const error =
      outcome.kind === 'delivered' ? '' : transport.redact(outcome.error, deps.settings());
    switch (outcome.kind) {
      case 'delivered':
        store.markDelivered(row.id, now);
        logger.info(`outbox: delivered ${label(row)} (attempt ${row.attempts + 1})`);
        break;
      case 'retry': {
        const delay = outcome.retryAfterMs ?? backoffDelay(row.failures + 1, random);
        store.markRetry(row.id, now, now + delay, error);
        logger.warn(
          `outbox: ${label(row)} will be retried in ${Math.round(delay / 1000)} s: ${error}`,
        );
        break;
      }
      case 'failed':
        store.markFailed(row.id, now, error);
        logger.warn(`outbox: ${label(row)} failed: ${error}`);
        break;
      case 'waiting-settings':
        store.markWaiting(row.id, now, error);
        logger.info(`outbox: ${label(row)} waits for settings: ${error}`);
        deps.onWaiting?.(error);
        break;
    }
    itemChanged(row.id);
  }

  return {
    /** Begins sending (and resumes whatever a previous run left pending). */
    start(): void {
      if (closed || started) return;
      started = true;
      const repaired = store.repair(clock.now());
      if (repaired) logger.info(`outbox: ${repaired} item(s) moved to the head of their queue`);
      const s = store.summary();
      if (s.pending || s.waitingSettings || s.failed) {
        logger.info(
          `outbox: resuming with ${s.pending} pending, ${s.waitingSettings} waiting for settings, ${s.failed} failed`,
        );
      }
      summaryChanged();
      pump();
    },
    /** Something was queued or released: tell the UI, and send it if it is due. */
    kick(): void {
      // An item queued as waiting-settings is never touched by pump(); without this its count
      // would not reach the status strip.
      summaryChanged();
      pump();
    },
    /** Waiting items whose settings are now complete go out. */
    settingsChanged(settings: Settings): void {
      if (closed) return;
      const now = clock.now();
      for (const row of store.waiting()) {
        const transport = deps.transports[row.kind] as Transport | undefined;
        if (!transport || transport.problem(row, settings) !== null) continue;
        store.release(row.id, now);
        itemChanged(row.id);
      }
      pump();
    },
    retry(id: number): OutboxSummary {
      if (inFlight.has(id)) return store.summary();
      const row = store.get(id);
      if (!row) throw new Error(`no delivery with id ${id}`);
      if (store.retry(id, clock.now())) {
        logger.info(`outbox: ${label(row)} retried by the agent`);
        itemChanged(id);
        pump();
      }
      return store.summary();
    },
    discard(id: number): OutboxSummary {
      const row = store.get(id);
      if (!row) throw new Error(`no delivery with id ${id}`);
      if (inFlight.has(id))
        throw new Error('this delivery is being sent right now; try again in a moment');
      if (store.discard(id, clock.now())) {
        logger.warn(
          `outbox: ${label(row)} discarded by the agent (was ${row.status}: ${row.last_error ?? 'no error'})`,
        );
        itemChanged(id);
        pump(); // the next item of the chain may go now
      }
      return store.summary();
    },
    summary: (): OutboxSummary => store.summary(),
    /** Resolves once nothing is in flight and nothing is due at the clock's current time. */
    async drain(maxRounds = 1_000_000): Promise<void> {
      for (let i = 0; i < maxRounds; i++) {
        pump();
        if (inFlight.size === 0) return;
        await Promise.race(inFlight.values());
      }
    },
    inFlight: (): number => inFlight.size,
    close(): void {
      closed = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
