// The supervisor board: with the REST API every queue with its members (registered, free,
// busy, per-queue and global login), free and talking counts and the calls waiting; with only
// the HTTP API the extensions in `supervisor.extensions` (presence, busy from showallcalls, the
// all-queue login CallPop last set, since that API cannot read it). A failed read keeps the
// last good board, marked stale.
import type { Settings } from '../../shared/settings-schema';
import type { PbxError, PbxExtensionState, PbxMember, PbxResult } from '../../shared/pbx';
import type {
  BoardChange,
  BoardMember,
  BoardQueue,
  BoardState,
  PbxChangeResult,
  PbxReachability,
} from '../../shared/pbx-views';
import type { Clock } from './core-types';
import type { HttpApiClient } from './clients/pbx-http-api';
import type { RestApiClient } from './clients/pbx-rest-api';

export interface BoardDeps {
  http: HttpApiClient;
  rest: RestApiClient;
  httpOn(): boolean;
  restOn(): boolean;
  settings(): Settings;
  clock: Clock;
  reachability(): PbxReachability;
  onState(state: BoardState): void;
}

type Read = { background?: boolean };

function firstError(results: Array<PbxResult<unknown> | null>): PbxError | null {
  for (const r of results) if (r && !r.ok) return r.error;
  return null;
}

const WAITING_STATES = /^(routing|initiating|rerouting|unknown|queued|waiting)$/i;
const NUMBER_KEYS = /^(dn|num|number|extension|queue|queuenumber|internalnumber)$/i;

/** Numbers (dn, num, …) named anywhere in a call's owner / routingTo, a few levels deep. */
function numbersIn(v: unknown, depth = 0, out = new Set<string>()): Set<string> {
  if (depth > 3 || v === null || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (NUMBER_KEYS.test(k) && (typeof x === 'string' || typeof x === 'number')) out.add(String(x));
    else numbersIn(x, depth + 1, out);
  }
  return out;
}

/**
 * Calls waiting per queue from pbx.callsinfo.get: a call not yet answered (no `answeredAt`,
 * state Routing/Initiating/…) whose owner or routing target names the queue's number.
 */
export function waitingPerQueue(json: unknown, queues: readonly string[]): Map<string, number> {
  const out = new Map(queues.map((q) => [q, 0]));
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object'
      ? (Object.values(json).find(Array.isArray) ?? [])
      : [];
  for (const call of list as unknown[]) {
    if (!call || typeof call !== 'object') continue;
    const c = call as Record<string, unknown>;
    const state = typeof c.state === 'string' ? c.state : '';
    if (c.answeredAt || (state && !WAITING_STATES.test(state))) continue;
    const nums = numbersIn({ owner: c.owner, routingTo: c.routingTo });
    for (const q of queues) if (nums.has(q)) out.set(q, (out.get(q) ?? 0) + 1);
  }
  return out;
}

function member(m: PbxMember, st: PbxExtensionState | undefined): BoardMember {
  return {
    num: m.num,
    name: m.name,
    registered: st?.registered ?? null,
    busy: st?.busy ?? null,
    presence: st?.presence ?? null,
    queuesGlobal: st?.queuesGlobal ?? null,
  };
}

export function createBoardReader(deps: BoardDeps) {
  let last: BoardState | null = null;
  const globalSetByUs = new Map<string, boolean>();

  function base(mode: BoardState['mode']): BoardState {
    return {
      mode,
      queues: [],
      members: [],
      waiting: 0,
      fetchedAt: null,
      stale: false,
      error: null,
      reachability: deps.reachability(),
    };
  }

  function failed(mode: BoardState['mode'], error: PbxError): BoardState {
    const prev = last && last.mode === mode ? last : base(mode);
    return { ...prev, stale: true, error, reachability: deps.reachability() };
  }

  async function readRest(opts: Read): Promise<BoardState> {
    const { rest } = deps;
    const queues = await rest.listQueues(opts);
    if (!queues.ok) return failed('rest', queues.error);
    const per = await Promise.all(
      queues.value.map((q) =>
        Promise.all([
          rest.queueMembers(q.num, opts),
          rest.queueFree(q.num, opts),
          rest.queueTalking(q.num, opts),
        ]),
      ),
    );
    const perError = firstError(per.flat());
    if (perError) return failed('rest', perError);
    const nums = [...new Set(per.flatMap(([m]) => (m.ok ? m.value.map((x) => x.num) : [])))];
    const [states, info] = await Promise.all([
      Promise.all(nums.map((n) => rest.extensionState(n, opts))),
      rest.callsInfo(opts),
    ]);
    // One unreadable extension must not blank the board: it shows as unknown.
    const byNum = new Map<string, PbxExtensionState>();
    states.forEach((s, i) => s.ok && byNum.set(nums[i]!, s.value));
    const reachError = firstError(states.filter((s) => !s.ok && s.error.kind === 'unreachable'));
    if (reachError) return failed('rest', reachError);
    const waiting = waitingPerQueue(
      info.ok ? info.value : null,
      queues.value.map((q) => q.num),
    );
    const board: BoardQueue[] = queues.value.map((q, i) => {
      const [m, f, t] = per[i]!;
      const free = new Set(f.ok ? f.value.map((x) => x.num) : []);
      const talking = new Set(t.ok ? t.value.map((x) => x.num) : []);
      const members = (m.ok ? m.value : []).map((x) => {
        const st = byNum.get(x.num);
        const inQueue = st?.queues.find((l) => l.queue === q.num)?.loggedIn ?? null;
        return {
          ...member(x, st),
          loggedIn: inQueue === null ? null : inQueue && st?.queuesGlobal !== false,
          free: free.has(x.num),
          talking: talking.has(x.num),
        };
      });
      return {
        num: q.num,
        name: q.name,
        members,
        counts: {
          members: members.length,
          loggedIn: members.filter((x) => x.loggedIn).length,
          free: free.size,
          talking: talking.size,
          waiting: waiting.get(q.num) ?? 0,
        },
      };
    });
    return {
      ...base('rest'),
      queues: board,
      waiting: [...waiting.values()].reduce((a, b) => a + b, 0),
      fetchedAt: deps.clock.now(),
    };
  }

  async function readHttp(opts: Read): Promise<BoardState> {
    const { http } = deps;
    const exts = deps.settings().supervisor.extensions;
    const [calls, presences] = await Promise.all([
      http.liveCalls(opts),
      Promise.all(exts.map((e) => http.getPresence(e, opts))),
    ]);
    const error = firstError([calls, ...presences]);
    if (error && error.kind === 'unreachable') return failed('http', error);
    const busy = new Set(calls.ok ? calls.value.map((c) => c.dn) : []);
    const members: BoardMember[] = exts.map((num, i) => {
      const p = presences[i]!;
      return {
        num,
        name: null,
        registered: null,
        busy: calls.ok ? busy.has(num) : null,
        presence: p.ok ? p.value : null,
        queuesGlobal: globalSetByUs.get(num) ?? null,
      };
    });
    return {
      ...base('http'),
      members,
      fetchedAt: deps.clock.now(),
      error: error ?? null,
    };
  }

  async function read(opts: Read = {}): Promise<BoardState> {
    const mode = deps.restOn() ? 'rest' : deps.httpOn() ? 'http' : 'off';
    if (mode === 'off') {
      return {
        ...base('off'),
        error: { kind: 'not-configured', message: 'No PBX API is set up in Settings' },
      };
    }
    const state = mode === 'rest' ? await readRest(opts) : await readHttp(opts);
    if (!state.stale) {
      last = state;
      deps.onState(state);
    }
    return state;
  }

  async function change(c: BoardChange): Promise<PbxChangeResult<BoardState>> {
    let r: PbxResult<true>;
    if (c.kind === 'queue') r = await deps.rest.setQueueLogin(c.extension, c.queue, c.loggedIn);
    else {
      r = deps.restOn()
        ? await deps.rest.setQueuesLogin(c.extension, c.loggedIn)
        : await deps.http.setQueuesLogin(c.extension, c.loggedIn);
      if (r.ok) globalSetByUs.set(c.extension, c.loggedIn);
    }
    const state = await read();
    return { ok: r.ok, error: r.ok ? null : r.error, state };
  }

  return { read, change };
}
