// What every PBX event source shares: how it hands over notifications and tells the rest of
// CallPop whether it works. Sources are factories over injected clock, logger and I/O.
import type { CallNotification } from '../../../shared/crm-args';
import type { Clock, Logger } from '../core-types';

export type PbxSourceName = 'rest-poll' | 'call-control';

export interface SourceStatus {
  source: PbxSourceName;
  /** starting: first contact pending; ok: events flow; down: not working, retrying. */
  state: 'starting' | 'ok' | 'down' | 'off';
  /** For the status strip, tray and log; never holds a secret. */
  message: string;
  /** Since when this state holds (ms since epoch). */
  since: number;
  /** When down: milliseconds until the next attempt. */
  retryInMs?: number;
}

export interface SourceDeps {
  clock: Clock;
  logger: Logger;
  /** The agent's extension (settings agent.extension), read on every look at the PBX. */
  extension: () => string;
  /** Receives each S / C / E, in order. Must not throw. */
  emit: (n: CallNotification) => void;
  onStatus?: (s: SourceStatus) => void;
  random?: () => number;
}

export interface PbxEventSource {
  readonly name: PbxSourceName;
  start(): void;
  stop(): Promise<void>;
  status(): SourceStatus;
}
