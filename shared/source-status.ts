// What each PBX event source says about itself, for the status strip, the tray and the log.
// Pure and shared: main produces it, the renderer and the tray show it.

export type PbxSourceName = 'rest-poll' | 'call-control';

export interface SourceStatus {
  source: PbxSourceName;
  /** starting: first contact pending; ok: events flow; down: not working, retrying. */
  state: 'starting' | 'ok' | 'down' | 'off';
  /** A sentence for the status strip and the log (English, like main's errors); no secrets. */
  message: string;
  /** Since when this state holds (ms since epoch). */
  since: number;
  /** When down: milliseconds until the next attempt. */
  retryInMs?: number;
  /**
   * When down because the PBX does not answer: the time of its last good answer (null: none
   * yet). The REST poller and the agent bar share one client, so this is the agent bar's time.
   */
  unreachableSince?: number | null;
}

/** The i18n key that names a source for the agent. */
export const SOURCE_LABEL_KEYS: Record<PbxSourceName, string> = {
  'rest-poll': 'sources.name.restPoll',
  'call-control': 'sources.name.callControl',
};

/** The sources that do not work right now, in a fixed order. */
export function sourcesDown(all: readonly SourceStatus[]): SourceStatus[] {
  return all
    .filter((s) => s.state === 'down')
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
