// What every PBX event source shares: how it hands over notifications and tells the rest of
// CallPop whether it works. Sources are factories over injected clock, logger and I/O.
import type { CallNotification } from '../../../shared/crm-args';
import type { Clock, Logger } from '../core-types';
import type { PbxSourceName, SourceStatus } from '../../../shared/source-status';

export type { PbxSourceName, SourceStatus } from '../../../shared/source-status';

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
