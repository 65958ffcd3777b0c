// sources.status and callcontrol.test: what the PBX event sources say about themselves, and
// the administrator's Test connection for the 3CX Call Control API.
import type { Settings } from '../../../shared/settings-schema';
import type { EventSources } from '../sources/event-sources';
import type { Handlers } from './types';

export function sourceHandlers(deps: {
  sources: Pick<EventSources, 'statuses' | 'callControl'>;
  settings: () => Settings;
}): Pick<Handlers, 'sources.status' | 'callcontrol.test'> {
  return {
    'sources.status': () => deps.sources.statuses(),
    async 'callcontrol.test'() {
      const r = await deps.sources.callControl.testConnection(deps.settings().agent.extension);
      return r.ok
        ? { ok: true, kind: 'ok', message: r.message }
        : { ok: false, kind: r.kind, message: r.message };
    },
  };
}
