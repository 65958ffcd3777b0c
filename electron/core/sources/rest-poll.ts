// Source 1: the REST API's live calls. Polls `pbx.callsinfo.get` at a fixed rate, diffs each
// snapshot against the last one (shared/live-calls.ts) and hands the S / C / E on. While the
// PBX is unreachable it backs off (up to a minute) and says so; a call that vanished while the
// PBX could not be read ends at the first poll that reads it again without the call.
import { EMPTY_AGENT_STATE, endAll, type AgentCallState } from '../../../shared/agent-calls';
import { diffCallsInfo, parseCallsInfo } from '../../../shared/live-calls';
import { backoffDelay } from '../backoff';
import type { PbxEventSource, SourceDeps, SourceStatus } from './source-types';

export type SnapshotResult =
  | { ok: true; body: unknown }
  | {
      ok: false;
      error: string;
      /** Set when the PBX did not answer at all: the time of its last good answer (or null). */
      unreachable?: { lastGoodAt: number | null };
    };

export const REST_BACKOFF_MAX_MS = 60_000;

export interface RestPollDeps extends SourceDeps {
  /** One `pbx.callsinfo.get`: the raw answer (text or parsed JSON), or why there is none. */
  fetchSnapshot: () => Promise<SnapshotResult>;
  /** events.restPollMs, read before every wait. */
  intervalMs: () => number;
}

export function createRestPollSource(deps: RestPollDeps): PbxEventSource & {
  /** Polls now (tests and the benchmark); resolves when that poll is handled. */
  pollNow(): Promise<void>;
} {
  const random = deps.random ?? Math.random;
  let state: AgentCallState = EMPTY_AGENT_STATE;
  let ext = '';
  let timer: unknown = null;
  let running = false;
  let inFlight: Promise<void> | null = null;
  let failures = 0;
  let lastProblems = '';
  let status: SourceStatus = {
    source: 'rest-poll',
    state: 'off',
    message: 'not started',
    since: deps.clock.now(),
  };

  function setStatus(next: Omit<SourceStatus, 'source' | 'since'>): void {
    const changed = next.state !== status.state || next.message !== status.message;
    status = {
      source: 'rest-poll',
      since: changed ? deps.clock.now() : status.since,
      ...next,
    };
    if (changed) {
      const log = next.state === 'down' ? deps.logger.warn : deps.logger.info;
      log(`REST live calls: ${next.message}`);
    }
    deps.onStatus?.(status);
  }

  function emitAll(list: ReturnType<typeof endAll>): void {
    for (const n of list) {
      try {
        deps.emit(n);
      } catch (e) {
        deps.logger.error(
          `REST live calls: handing on /N:${n.type} failed: ${(e as Error).message}`,
        );
      }
    }
  }

  async function pollOnce(): Promise<number> {
    const interval = Math.max(250, deps.intervalMs());
    const extension = deps.extension();
    if (extension !== ext) {
      // Another agent's calls are not ours: whatever the old extension had is over for us.
      emitAll(endAll(state));
      state = EMPTY_AGENT_STATE;
      ext = extension;
    }
    if (ext === '') {
      setStatus({ state: 'down', message: 'agent.extension is not set: no calls to follow' });
      return interval;
    }
    let r: SnapshotResult;
    try {
      r = await deps.fetchSnapshot();
    } catch (e) {
      r = { ok: false, error: (e as Error).message };
    }
    if (!running) return interval;
    const parsed = r.ok ? parseCallsInfo(r.body) : null;
    if (!r.ok || !parsed?.ok) {
      failures++;
      const wait = backoffDelay(
        failures,
        random,
        interval,
        Math.max(interval, REST_BACKOFF_MAX_MS),
      );
      const why = !r.ok ? r.error : parsed && !parsed.ok ? parsed.error : 'no answer';
      const unreachable = !r.ok ? r.unreachable : undefined;
      setStatus({
        state: 'down',
        message: `cannot read the PBX's live calls (${why}); next try in ${Math.ceil(wait / 1000)} s`,
        retryInMs: wait,
        ...(unreachable ? { unreachableSince: unreachable.lastGoodAt } : {}),
      });
      return wait;
    }
    failures = 0;
    const problems = parsed.problems.join('; ');
    if (problems && problems !== lastProblems)
      deps.logger.warn(`REST live calls: parts of the answer were skipped: ${problems}`);
    lastProblems = problems;
    const d = diffCallsInfo(state, parsed.calls, ext);
    state = d.state;
    setStatus({ state: 'ok', message: `polling every ${interval} ms` });
    emitAll(d.notifications);
    return interval;
  }

  function schedule(delay: number): void {
    if (!running) return;
    timer = deps.clock.setTimeout(tick, delay);
  }

  function tick(): void {
    timer = null;
    const startedAt = deps.clock.now();
    inFlight = pollOnce()
      .then((wait) => {
        // A fixed rate: the next poll is due `wait` after this one started, not after it ended.
        const spent = deps.clock.now() - startedAt;
        schedule(failures > 0 ? wait : Math.max(0, wait - spent));
      })
      .catch((e: unknown) => {
        deps.logger.error(`REST live calls: poll failed: ${(e as Error).message}`);
        schedule(deps.intervalMs());
      })
      .finally(() => (inFlight = null));
  }

  return {
    name: 'rest-poll',
    start() {
      if (running) return;
      running = true;
      setStatus({ state: 'starting', message: 'reading the PBX live calls' });
      tick();
    },
    async stop() {
      running = false;
      if (timer !== null) deps.clock.clearTimeout(timer);
      timer = null;
      await inFlight;
      setStatus({ state: 'off', message: 'stopped' });
    },
    status: () => status,
    async pollNow() {
      if (inFlight) await inFlight;
      if (!running) return;
      if (timer !== null) deps.clock.clearTimeout(timer);
      timer = null;
      tick();
      await inFlight;
    },
  };
}
