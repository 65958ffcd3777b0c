// What the PBX service in main shows the agent bar, the supervisor board, the call card's
// controls and Settings' "Test connection". Plain data, sent over IPC as is.
import type { PbxError, PresenceId, RecordAction } from './pbx';

/** Reachability of the configured APIs, for "PBX unreachable since …" notices. */
export interface PbxReachability {
  /** Every configured API answered the last time it was asked. */
  reachable: boolean;
  /** The oldest of the configured APIs' last good answers (null: never). */
  lastGoodAt: number | null;
  /** Why the last request did not reach a PBX API. */
  lastError: string | null;
}

interface Freshness {
  /** When this state was read from the PBX (null: never). */
  fetchedAt: number | null;
  /** The last read failed: this is the last good state (or empty), possibly out of date. */
  stale: boolean;
  /** The last read's error, when it failed. */
  error: PbxError | null;
  reachability: PbxReachability;
}

export interface AgentQueueLogin {
  queue: string;
  name: string | null;
  loggedIn: boolean | null;
}

export interface AgentBarState extends Freshness {
  /** No PBX API is configured, or the agent's extension is not set. */
  available: boolean;
  extension: string;
  presence: PresenceId | null;
  /**
   * The HTTP API cannot read readiness: `ready` puts the agent on Available and into the
   * queues, `notready` on Custom 1 and out. So ready is read as "Available and in the queues".
   */
  ready: boolean | null;
  queuesLoggedIn: boolean | null;
  /** The agent's own queues with their login (REST API only). */
  queues: AgentQueueLogin[];
  can: { presence: boolean; ready: boolean; queuesLogin: boolean; perQueue: boolean };
}

export type AgentChange =
  | { kind: 'presence'; presence: PresenceId }
  | { kind: 'ready'; ready: boolean }
  | { kind: 'queues'; loggedIn: boolean }
  | { kind: 'queue'; queue: string; loggedIn: boolean };

export interface BoardMember {
  num: string;
  name: string | null;
  registered: boolean | null;
  busy: boolean | null;
  presence: PresenceId | null;
  /** Logged in to all queues (the global switch). */
  queuesGlobal: boolean | null;
}

export interface BoardQueueMember extends BoardMember {
  /** Logged in to this queue (REST API only; null when unknown). */
  loggedIn: boolean | null;
  free: boolean;
  talking: boolean;
}

export interface BoardQueue {
  num: string;
  name: string | null;
  members: BoardQueueMember[];
  counts: { members: number; loggedIn: number; free: number; talking: number; waiting: number };
}

export interface BoardState extends Freshness {
  /** rest: queues and members from the REST API; http: supervisor.extensions only; off. */
  mode: 'rest' | 'http' | 'off';
  queues: BoardQueue[];
  /** HTTP-API-only board: the extensions in `supervisor.extensions`. */
  members: BoardMember[];
  /** Live calls waiting in any queue (not answered yet). */
  waiting: number;
}

export type BoardChange =
  | { kind: 'queue'; extension: string; queue: string; loggedIn: boolean }
  | { kind: 'queues'; extension: string; loggedIn: boolean };

/** The result of a change: the PBX's verdict and the state read right after it. */
export interface PbxChangeResult<S> {
  ok: boolean;
  error: PbxError | null;
  state: S;
}

export type CardAction =
  | { kind: 'answer' }
  | { kind: 'drop' }
  | { kind: 'transfer'; destination: string }
  /**
   * With a destination: the consult call (the caller waits on hold while the agent talks to
   * the destination). Without: join the two calls (`atttrans`), completing the transfer.
   */
  | { kind: 'attendedTransfer'; destination?: string }
  | { kind: 'park' }
  | { kind: 'unpark' }
  | { kind: 'record'; action: RecordAction };

export interface CallControlState {
  callId: string;
  /** Call control needs the HTTP API. */
  available: boolean;
  parked: boolean;
  /** When the current park began (null: not parked). */
  parkedSince: number | null;
  /** Parked time so far, ended parks only. */
  parkedMs: number;
  recording: 'off' | 'on' | 'paused';
  /** The number of the consult call of an attended transfer under way (null: none). */
  consulting: string | null;
}

export interface CallControlResult {
  ok: boolean;
  error: PbxError | null;
  state: CallControlState;
}

export interface PbxTestResult {
  api: 'http-api' | 'rest-api';
  ok: boolean;
  /** What was asked (URL with the key replaced). */
  request: string;
  /** The PBX's answer as received (scrubbed, shortened), or null when nothing came back. */
  answer: string | null;
  error: PbxError | null;
}
