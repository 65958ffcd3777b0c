// The PBX service in main: the agent's own state for the agent bar and tray (presence,
// readiness, queue login), the changes the agent makes, the supervisor board, call control
// from the card and Settings' "Test connection". It uses one client per API (the core's, see `clients`), keeps the last
// good state so the UI can say "stale since …" while the PBX is unreachable, and re-reads the
// state right after every change so a refused change rolls back to what the PBX says.
import type { Settings } from '../../shared/settings-schema';
import type { PbxError, PbxResult } from '../../shared/pbx';
import { isPbxNumber } from '../../shared/pbx';
import type {
  AgentBarState,
  AgentChange,
  BoardChange,
  BoardState,
  PbxChangeResult,
  PbxReachability,
  PbxTestResult,
} from '../../shared/pbx-views';
import type { Clock, Logger } from './core-types';
import { createHttpApiClient, httpApiProblem, type HttpApiClient } from './clients/pbx-http-api';
import { createRestApiClient, restApiProblem, type RestApiClient } from './clients/pbx-rest-api';
import { createBoardReader } from './pbx-board';
import { createCallControl, type CallControl } from './pbx-call-control';

export const AGENT_POLL_MS = 30_000;

export interface PbxServiceDeps {
  settings: () => Settings;
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
  random?: () => number;
  /** Main's own refresh of the agent state (tray); 0 turns it off. */
  agentPollMs?: number;
  /**
   * The core's clients, shared with the dialer, the phonebook and the REST live-calls poller:
   * one client per API means one reachability, so a failed poll and the agent bar agree.
   * Without them (tests of the service alone) the service makes its own.
   */
  clients?: { http: HttpApiClient; rest: RestApiClient };
  /** Called whenever the agent state or the board was read again. */
  onAgentState?(state: AgentBarState): void;
  onBoardState?(state: BoardState): void;
}

export interface PbxService {
  agentState(opts?: { background?: boolean }): Promise<AgentBarState>;
  changeAgent(change: AgentChange): Promise<PbxChangeResult<AgentBarState>>;
  board(opts?: { background?: boolean }): Promise<BoardState>;
  changeBoard(change: BoardChange): Promise<PbxChangeResult<BoardState>>;
  test(api: 'http-api' | 'rest-api'): Promise<PbxTestResult>;
  readonly calls: CallControl;
  /** Starts main's own polling of the agent state (for the tray). */
  start(): void;
  close(): void;
}

export function createPbxService(deps: PbxServiceDeps): PbxService {
  const clientDeps = {
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
    timeoutMs: deps.timeoutMs,
    random: deps.random,
  };
  const http: HttpApiClient =
    deps.clients?.http ?? createHttpApiClient(clientDeps, () => deps.settings().pbx.httpApi);
  const rest: RestApiClient =
    deps.clients?.rest ?? createRestApiClient(clientDeps, () => deps.settings().pbx.restApi);
  const httpOn = () => httpApiProblem(deps.settings().pbx.httpApi) === null;
  const restOn = () => restApiProblem(deps.settings().pbx.restApi) === null;
  const ext = () => deps.settings().agent.extension.trim();

  function reachability(): PbxReachability {
    const healths = [httpOn() ? http.health() : null, restOn() ? rest.health() : null].filter(
      (h) => h !== null,
    );
    const down = healths.find((h) => h.reachable === false);
    const goods = healths.map((h) => h.lastGoodAt);
    return {
      reachable: !down,
      lastGoodAt: goods.includes(null)
        ? null
        : goods.length
          ? Math.min(...(goods as number[]))
          : null,
      lastError: down?.lastError ?? null,
    };
  }

  // The HTTP API cannot read the queue login: remember what the agent last set through CallPop.
  let queuesSetByUs: boolean | null = null;
  let lastAgent: AgentBarState | null = null;

  function emptyAgent(): AgentBarState {
    const h = httpOn();
    const r = restOn();
    return {
      available: (h || r) && isPbxNumber(ext()),
      extension: ext(),
      presence: null,
      ready: null,
      queuesLoggedIn: null,
      queues: [],
      can: { presence: h || r, ready: h, queuesLogin: h || r, perQueue: r },
      fetchedAt: null,
      stale: false,
      error: null,
      reachability: reachability(),
    };
  }

  async function agentState(opts: { background?: boolean } = {}): Promise<AgentBarState> {
    const base = emptyAgent();
    if (!base.available) {
      const error: PbxError = isPbxNumber(ext())
        ? { kind: 'not-configured', message: 'No PBX API is set up in Settings' }
        : { kind: 'not-configured', message: 'Set your extension in Settings' };
      return { ...base, error };
    }
    const e = ext();
    const [presence, state, queues] = await Promise.all([
      httpOn() ? http.getPresence(e, opts) : null,
      restOn() ? rest.extensionState(e, opts) : null,
      restOn() ? rest.listQueues(opts) : null,
    ]);
    const error = [presence, state, queues].find((r) => r && !r.ok) as
      { ok: false; error: PbxError } | undefined;
    if (error) {
      const prev = lastAgent ?? base;
      return {
        ...prev,
        ...pick(base),
        stale: true,
        error: error.error,
        reachability: reachability(),
      };
    }
    const names = new Map((queues?.ok ? queues.value : []).map((q) => [q.num, q.name]));
    const st = state?.ok ? state.value : null;
    const p = presence?.ok ? presence.value : (st?.presence ?? null);
    const loggedIn = st ? st.queuesGlobal : queuesSetByUs;
    const result: AgentBarState = {
      ...base,
      presence: p,
      queuesLoggedIn: loggedIn,
      ready: p === null ? null : p === 'avail' && loggedIn !== false,
      queues: (st?.queues ?? []).map((q) => ({
        queue: q.queue,
        name: names.get(q.queue) ?? null,
        loggedIn: q.loggedIn,
      })),
      fetchedAt: deps.clock.now(),
      stale: false,
      error: null,
      reachability: reachability(),
    };
    lastAgent = result;
    deps.onAgentState?.(result);
    return result;
  }

  /** The parts of a state that follow the settings, not the PBX. */
  function pick(s: AgentBarState) {
    return { available: s.available, extension: s.extension, can: s.can };
  }

  async function changeAgent(change: AgentChange): Promise<PbxChangeResult<AgentBarState>> {
    const e = ext();
    let r: PbxResult<unknown>;
    switch (change.kind) {
      case 'presence':
        r = httpOn()
          ? await http.setPresence(e, change.presence)
          : await rest.setPresence(e, change.presence);
        break;
      case 'ready':
        r = await http.setReady(e, change.ready);
        if (r.ok) queuesSetByUs = change.ready;
        break;
      case 'queues':
        r = httpOn()
          ? await http.setQueuesLogin(e, change.loggedIn)
          : await rest.setQueuesLogin(e, change.loggedIn);
        if (r.ok) queuesSetByUs = change.loggedIn;
        break;
      case 'queue':
        r = await rest.setQueueLogin(e, change.queue, change.loggedIn);
        break;
    }
    if (!r.ok) deps.logger.warn(`agent ${change.kind} change refused: ${r.error.message}`);
    else deps.logger.info(`agent ${e}: ${change.kind} changed`);
    const state = await agentState();
    return { ok: r.ok, error: r.ok ? null : r.error, state };
  }

  const boardReader = createBoardReader({
    http,
    rest,
    httpOn,
    restOn,
    settings: deps.settings,
    clock: deps.clock,
    reachability,
    onState: (s) => deps.onBoardState?.(s),
  });

  async function test(api: 'http-api' | 'rest-api'): Promise<PbxTestResult> {
    const e = ext();
    const s = deps.settings().pbx;
    if (api === 'http-api') {
      const request = `${s.httpApi.baseUrl.trim().replace(/\/+$/, '')}/showstatus/${encodeURIComponent(e)}`;
      const r = await http.getPresence(e);
      return testResult(api, request, r);
    }
    const request = `${s.restApi.baseUrl.trim().replace(/\/+$/, '')}/***/ext.state.get?num=${encodeURIComponent(e)}`;
    const r = await rest.extensionState(e);
    return testResult(api, request, r);
  }

  const calls = createCallControl({
    http,
    httpOn,
    extension: ext,
    outsideLinePrefix: () => deps.settings().dialer.outsideLinePrefix,
    clock: deps.clock,
    logger: deps.logger,
  });

  let timer: unknown = null;
  let closed = false;
  function schedule(): void {
    const ms = deps.agentPollMs ?? AGENT_POLL_MS;
    if (closed || ms <= 0) return;
    timer = deps.clock.setTimeout(() => {
      void (async () => {
        if (emptyAgent().available) await agentState({ background: true });
        schedule();
      })();
    }, ms);
  }

  return {
    agentState,
    changeAgent,
    board: boardReader.read,
    changeBoard: boardReader.change,
    test,
    calls,
    start() {
      if (timer === null) schedule();
    },
    close() {
      closed = true;
      if (timer !== null) deps.clock.clearTimeout(timer);
    },
  };
}

function testResult(
  api: PbxTestResult['api'],
  request: string,
  r: PbxResult<unknown>,
): PbxTestResult {
  if (r.ok) return { api, ok: true, request, answer: r.raw, error: null };
  return { api, ok: false, request, answer: r.error.raw ?? null, error: r.error };
}
