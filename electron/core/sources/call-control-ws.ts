// Source 2: the 3CX V20 Call Control API. A WebSocket to /callcontrol/ws (Bearer token on the
// handshake) tells which entity changed; each change to the agent's DN is read back with GET
// and applied to a local copy of its participants, whose calls (one per callid) are diffed
// into S / C / E. After every (re)connect the full state is read again, so a call that ended
// while the socket was down ends at reconnect time and nothing is reported twice.
import type WebSocket from 'ws';
import {
  EMPTY_AGENT_STATE,
  diffAgentCalls,
  type AgentCallState,
} from '../../../shared/agent-calls';
import {
  CC_EVENT,
  agentViewsOf,
  parseDnInfo,
  parseFullState,
  parseParticipant,
  parseWsMessage,
  removeParticipant,
  replaceDn,
  stateFrom,
  upsertParticipant,
  type CcParticipant,
  type CcState,
  type CcWsEvent,
} from '../../../shared/call-control-state';
import { backoffDelay } from '../backoff';
import type { CallControlClient, CcFailure } from '../clients/call-control';
import type { PbxEventSource, SourceDeps, SourceStatus } from './source-types';

export const WS_BACKOFF_MIN_MS = 500;
export const WS_BACKOFF_MAX_MS = 60_000;
/** Set-up faults an administrator must fix: no point knocking every second. */
const SETUP_BACKOFF_MIN_MS = 30_000;
const SETUP_BACKOFF_MAX_MS = 5 * 60_000;

export interface CallControlSourceDeps extends SourceDeps {
  client: CallControlClient;
  /** Tests shorten the backoff here. */
  backoff?: { minMs: number; maxMs: number };
  /** The ws constructor (tests may wrap it). */
  WebSocketImpl?: typeof WebSocket;
}

const SETUP_FAULTS: ReadonlySet<CcFailure['kind']> = new Set([
  'bad-credentials',
  'not-licensed',
  'not-monitored',
  'not-configured',
]);

export function createCallControlSource(deps: CallControlSourceDeps): PbxEventSource & {
  /** Resolves once every message received so far has been applied (tests, benchmark). */
  idle(): Promise<void>;
  /** WebSocket messages handled so far (applied, or ignored as not ours). */
  handled(): number;
  /** The agent's participants (legs) of a call, by 3CX's callid. */
  legsOf(callId: string): CcParticipant[];
} {
  const random = deps.random ?? Math.random;
  // Loaded on first connect: a CallPop that only hears the Assistant never pays for it, and
  // the primary's start (which every racing 3CX launch waits for) stays as short as before.
  let WS: typeof WebSocket | undefined = deps.WebSocketImpl;
  const minMs = deps.backoff?.minMs ?? WS_BACKOFF_MIN_MS;
  const maxMs = deps.backoff?.maxMs ?? WS_BACKOFF_MAX_MS;
  let cc: CcState = new Map();
  let agent: AgentCallState = EMPTY_AGENT_STATE;
  let ext = '';
  let running = false;
  let socket: WebSocket | null = null;
  let generation = 0;
  let failures = 0;
  let timer: unknown = null;
  let chain: Promise<void> = Promise.resolve();
  let badMessages = 0;
  let handled = 0;
  let status: SourceStatus = {
    source: 'call-control',
    state: 'off',
    message: 'not started',
    since: deps.clock.now(),
  };

  function setStatus(next: Omit<SourceStatus, 'source' | 'since'>): void {
    const changed = next.state !== status.state || next.message !== status.message;
    status = { source: 'call-control', since: changed ? deps.clock.now() : status.since, ...next };
    if (changed)
      (next.state === 'down' ? deps.logger.warn : deps.logger.info)(
        `3CX Call Control: ${next.message}`,
      );
    deps.onStatus?.(status);
  }

  function publish(): void {
    const d = diffAgentCalls(agent, agentViewsOf(cc, ext));
    agent = d.state;
    for (const n of d.notifications) {
      try {
        deps.emit(n);
      } catch (e) {
        deps.logger.error(
          `3CX Call Control: handing on /N:${n.type} failed: ${(e as Error).message}`,
        );
      }
    }
  }

  /** Runs `fn` after everything queued before it: state changes apply in arrival order. */
  function enqueue(fn: () => Promise<void>): Promise<void> {
    chain = chain.then(fn).catch((e: unknown) => {
      deps.logger.error(`3CX Call Control: ${(e as Error).message}`);
    });
    return chain;
  }

  function closeSocket(): void {
    const s = socket;
    socket = null;
    generation++;
    if (s) {
      s.removeAllListeners();
      s.on('error', () => undefined);
      s.terminate();
    }
  }

  function retry(why: string, setup = false): void {
    closeSocket();
    if (!running) return;
    failures++;
    const wait = setup
      ? backoffDelay(failures, random, SETUP_BACKOFF_MIN_MS, SETUP_BACKOFF_MAX_MS)
      : backoffDelay(failures, random, minMs, maxMs);
    setStatus({
      state: 'down',
      message: `${why}; next try in ${Math.max(1, Math.round(wait / 1000))} s`,
      retryInMs: wait,
    });
    if (timer !== null) deps.clock.clearTimeout(timer);
    timer = deps.clock.setTimeout(() => {
      timer = null;
      connect();
    }, wait);
  }

  async function readFull(gen: number): Promise<boolean> {
    const r = await deps.client.state(ext);
    if (gen !== generation) return false;
    if (!r.ok) {
      retry(`cannot read extension ${ext}'s calls: ${r.message}`, SETUP_FAULTS.has(r.kind));
      return false;
    }
    const parsed = parseFullState(r.value);
    if (!parsed.ok) {
      retry(`3CX's state of extension ${ext} is unusable: ${parsed.error}`);
      return false;
    }
    for (const p of parsed.problems ?? []) deps.logger.warn(`3CX Call Control: ${p} (skipped)`);
    // The full answer replaces everything: what is not in it is over (ended at this moment).
    cc = stateFrom(parsed.value);
    publish();
    return true;
  }

  async function apply(ev: CcWsEvent, gen: number): Promise<void> {
    const e = ev.entity;
    if (e.dn !== ext || e.kind === 'device') return; // other DNs and devices do not change our calls
    if (ev.eventType === CC_EVENT.remove) {
      cc = e.kind === 'participant' ? removeParticipant(cc, e.dn, e.id) : replaceDn(cc, null, e.dn);
      publish();
      return;
    }
    if (ev.eventType !== CC_EVENT.upsert) return; // DTMF, prompt finished: not call state
    const r = await deps.client.entity(e.path);
    if (gen !== generation) return;
    if (!r.ok) {
      if (r.kind === 'not-found') {
        cc =
          e.kind === 'participant' ? removeParticipant(cc, e.dn, e.id) : replaceDn(cc, null, e.dn);
        publish();
        return;
      }
      // We no longer know the truth: reconnect, which reads the full state again.
      retry(`cannot read ${e.path}: ${r.message}`, SETUP_FAULTS.has(r.kind));
      return;
    }
    if (e.kind === 'participant') {
      const p = parseParticipant(r.value, e.dn);
      if (!p.ok) {
        deps.logger.warn(`3CX Call Control: ${e.path}: ${p.error} (ignored)`);
        return;
      }
      cc = upsertParticipant(cc, { ...p.value, dn: e.dn, id: e.id });
    } else {
      const d = parseDnInfo(r.value);
      if (!d.ok) {
        deps.logger.warn(`3CX Call Control: ${e.path}: ${d.error} (ignored)`);
        return;
      }
      cc = replaceDn(cc, d.value, e.dn);
    }
    publish();
  }

  function onMessage(data: WebSocket.RawData, gen: number): void {
    const parsed = parseWsMessage(data.toString());
    if (!parsed.ok) {
      badMessages++;
      handled++;
      // The first few in full, then one line per hundred: a chatty bad PBX must not fill the log.
      if (badMessages <= 5 || badMessages % 100 === 0)
        deps.logger.warn(
          `3CX Call Control: ignored a WebSocket message (${badMessages} so far): ${parsed.error}`,
        );
      return;
    }
    void enqueue(() => apply(parsed.value, gen).finally(() => handled++));
  }

  function connect(): void {
    if (!running) return;
    const extension = deps.extension();
    if (extension !== ext) {
      cc = new Map();
      const d = diffAgentCalls(agent, []);
      agent = EMPTY_AGENT_STATE;
      for (const n of d.notifications) deps.emit(n);
      ext = extension;
    }
    if (!/^\d{1,8}$/.test(ext)) {
      retry('agent.extension is not set: no calls to follow', true);
      return;
    }
    const gen = ++generation;
    void (async () => {
      // Every connect asks the client again; it hands out its token only while the token is
      // fresh, and a 401 on the handshake below throws it away.
      const t = await deps.client.token();
      WS ??= (await import('ws')).default;
      if (gen !== generation || !running) return;
      if (!t.ok) {
        retry(t.message, SETUP_FAULTS.has(t.kind));
        return;
      }
      let ws: WebSocket;
      try {
        ws = new WS(deps.client.wsUrl(), { headers: { Authorization: `Bearer ${t.value}` } });
      } catch (e) {
        retry(`cannot open the Call Control WebSocket: ${(e as Error).message}`);
        return;
      }
      socket = ws;
      ws.on('unexpected-response', (_req, res) => {
        if (gen !== generation) return;
        const code = res.statusCode ?? 0;
        res.resume();
        if (code === 401) deps.client.dropToken();
        retry(
          code === 401
            ? 'the WebSocket refused the token (HTTP 401); getting a new one'
            : `the WebSocket handshake was refused (HTTP ${code})`,
          code === 403,
        );
      });
      ws.on('open', () => {
        if (gen !== generation) return;
        setStatus({ state: 'starting', message: `connected; reading extension ${ext}'s calls` });
        void enqueue(async () => {
          if (await readFull(gen)) {
            failures = 0;
            setStatus({ state: 'ok', message: `following extension ${ext}` });
          }
        });
      });
      ws.on('message', (data) => {
        if (gen === generation) onMessage(data, gen);
      });
      ws.on('error', (err) => {
        if (gen === generation) retry(`Call Control WebSocket: ${err.message}`);
      });
      ws.on('close', (code) => {
        if (gen === generation) retry(`the Call Control WebSocket closed (code ${code})`);
      });
    })();
  }

  return {
    name: 'call-control',
    start() {
      if (running) return;
      running = true;
      setStatus({ state: 'starting', message: 'connecting to 3CX' });
      connect();
    },
    async stop() {
      running = false;
      if (timer !== null) deps.clock.clearTimeout(timer);
      timer = null;
      closeSocket();
      await chain;
      setStatus({ state: 'off', message: 'stopped' });
    },
    status: () => status,
    idle: () => chain,
    handled: () => handled,
    legsOf: (callId) => [...(cc.get(ext)?.values() ?? [])].filter((p) => p.callid === callId),
  };
}
