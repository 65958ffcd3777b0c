// Which call controls a card shows. Two PBX APIs can act on a call, and a card shows one set,
// never both (two Hang up buttons that act through different APIs would be a trap):
// - V20 Call Control acts on the very participant the card shows; the HTTP API acts on "the
//   extension's current call". So when Call Control is the configured event source and it
//   follows the call right now, its set (Answer, Hang up, Transfer) is shown.
// - Otherwise the HTTP API's set (it also parks and records) when the HTTP API is on.
// - Otherwise Call Control's set while it follows the call (as a source next to another one).
// - Otherwise none: the Assistant only reports calls.
import type { SourceStatus } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings-schema';

export type ControlSet = 'http-api' | 'call-control' | null;

type RuleSettings = {
  pbx: { httpApi: { enabled: boolean }; callControl: { enabled: boolean } };
  events: { source: Settings['events']['source'] };
};

/** Call Control is the configured event source (named, or `auto` with it switched on). */
export function callControlIsEventSource(s: RuleSettings): boolean {
  return (
    s.events.source === 'call-control' || (s.events.source === 'auto' && s.pbx.callControl.enabled)
  );
}

export function controlSet(
  settings: RuleSettings | undefined,
  sources: readonly SourceStatus[] | undefined,
): ControlSet {
  if (!settings) return null;
  const follows = (sources ?? []).some((s) => s.source === 'call-control' && s.state === 'ok');
  if (follows && callControlIsEventSource(settings)) return 'call-control';
  if (settings.pbx.httpApi.enabled) return 'http-api';
  return follows ? 'call-control' : null;
}
