// Which PBX event sources run (settings `events.source`), restarting them when their settings
// change, and what each says about itself. The notifications they produce go to `apply`, the
// same entry the Assistant's argv takes after parsing.
import type WebSocket from 'ws';
import type { CallNotification } from '../../../shared/crm-args';
import type { Settings } from '../../../shared/settings-schema';
import type { Clock, Logger } from '../core-types';
import { createCallControlClient, type CallControlClient } from '../clients/call-control';
import { createCallControlSource } from './call-control-ws';
import { createRestPollSource, type SnapshotResult } from './rest-poll';
import type { PbxEventSource, PbxSourceName, SourceStatus } from './source-types';

export interface EventSourcesDeps {
  settings: () => Settings;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  /** One callsinfo snapshot through the REST API client. */
  restSnapshot: () => Promise<SnapshotResult>;
  apply: (n: CallNotification, source: PbxSourceName) => void;
  onStatus?: (all: SourceStatus[]) => void;
  random?: () => number;
  WebSocketImpl?: typeof WebSocket;
  callControlBackoff?: { minMs: number; maxMs: number };
}

/** A source with the hooks that let tests and the benchmark wait for it. */
export type RunningSource = PbxEventSource & {
  /** REST: poll now and resolve when handled. */
  pollNow?(): Promise<void>;
  /** Call Control: resolves when every message so far is applied. */
  idle?(): Promise<void>;
  handled?(): number;
  /** Call Control: the agent's legs of a call. */
  legsOf?(callId: string): import('../../../shared/call-control-state').CcParticipant[];
};

export interface EventSources {
  start(): void;
  /** Settings changed: start, stop or restart sources whose settings differ. */
  reconfigure(): Promise<void>;
  stop(): Promise<void>;
  statuses(): SourceStatus[];
  /** A running source by name (tests and the benchmark drive it). */
  get(name: PbxSourceName): RunningSource | undefined;
  callControl: CallControlClient;
}

/** The sources `events.source` asks for. `auto`: every PBX source whose settings are enabled. */
export function wantedSources(s: Settings): PbxSourceName[] {
  switch (s.events.source) {
    case 'assistant':
      return [];
    case 'rest-poll':
      return ['rest-poll'];
    case 'call-control':
      return ['call-control'];
    case 'auto': {
      const out: PbxSourceName[] = [];
      if (s.pbx.callControl.enabled && s.pbx.callControl.baseUrl) out.push('call-control');
      if (s.pbx.restApi.enabled && s.pbx.restApi.baseUrl) out.push('rest-poll');
      return out;
    }
  }
}

/** What a source depends on: a change restarts it (new URL, new credentials, new extension). */
function fingerprint(name: PbxSourceName, s: Settings): string {
  const c = name === 'rest-poll' ? s.pbx.restApi : s.pbx.callControl;
  return JSON.stringify([s.agent.extension, c]);
}

export function createEventSources(deps: EventSourcesDeps): EventSources {
  const live = new Map<PbxSourceName, { source: RunningSource; fp: string }>();
  const last = new Map<PbxSourceName, SourceStatus>();
  const callControl = createCallControlClient({
    config: () => deps.settings().pbx.callControl,
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
  });

  function report(s: SourceStatus): void {
    const prev = last.get(s.source);
    last.set(s.source, s);
    if (prev && prev.state === s.state && prev.message === s.message) return;
    deps.onStatus?.([...last.values()]);
  }

  function make(name: PbxSourceName): RunningSource {
    const common = {
      clock: deps.clock,
      logger: deps.logger,
      extension: () => deps.settings().agent.extension,
      emit: (n: CallNotification) => deps.apply(n, name),
      onStatus: report,
      random: deps.random,
    };
    if (name === 'rest-poll')
      return createRestPollSource({
        ...common,
        fetchSnapshot: deps.restSnapshot,
        intervalMs: () => deps.settings().events.restPollMs,
      });
    return createCallControlSource({
      ...common,
      client: callControl,
      WebSocketImpl: deps.WebSocketImpl,
      backoff: deps.callControlBackoff,
    });
  }

  async function sync(): Promise<void> {
    const s = deps.settings();
    const wanted = new Set(wantedSources(s));
    for (const [name, entry] of live) {
      if (wanted.has(name) && entry.fp === fingerprint(name, s)) continue;
      live.delete(name);
      await entry.source.stop();
      if (!wanted.has(name)) {
        last.delete(name);
        deps.onStatus?.([...last.values()]);
      }
    }
    for (const name of wanted) {
      if (live.has(name)) continue;
      if (name === 'call-control') callControl.dropToken();
      const source = make(name);
      live.set(name, { source, fp: fingerprint(name, s) });
      source.start();
    }
  }

  let queue: Promise<void> = Promise.resolve();
  const serial = (fn: () => Promise<void>) => (queue = queue.then(fn, fn));

  return {
    start: () => void serial(sync),
    reconfigure: () => serial(sync),
    stop: () =>
      serial(async () => {
        for (const [name, entry] of live) {
          live.delete(name);
          await entry.source.stop();
        }
        last.clear();
      }),
    statuses: () => [...last.values()],
    get: (name) => live.get(name)?.source,
    callControl,
  };
}

/** The argv-like trace a source's notification leaves in the journal's raw events. */
export function notificationTrace(n: CallNotification, source: PbxSourceName): string[] {
  const out = [`callpop:${source}`, `/N:${n.type}`];
  if (n.caller) out.push(`/C:${n.caller.kind === 'number' ? n.caller.value : n.caller.raw}`);
  if (n.direction) out.push(`/T:${n.direction === 'inbound' ? 'I' : 'O'}`);
  out.push(`/I:${n.callId}`);
  return out;
}
