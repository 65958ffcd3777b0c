// Call control on the card: one set of controls, chosen by control-set.ts (the HTTP API's
// HttpApiControls.tsx or V20 Call Control's CallControlActions.tsx, never both).
import { useQuery } from '@tanstack/react-query';
import type { CallView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { settingsQuery, sourcesQuery } from '../queries';
import { CallControlActions } from './CallControlActions';
import { controlSet } from './control-set';
import { HttpApiControls } from './HttpApiControls';

export { allowedActions } from './HttpApiControls';

export function CallControls({ call }: { call: CallView }) {
  const api = useApi();
  const settings = useQuery(settingsQuery(api));
  const sources = useQuery(sourcesQuery(api));
  if (call.state === 'ended') return null;
  // Which set to show depends on both answers: never flash the wrong one while one is pending.
  if (!settings.data || !sources.data) return null;
  const set = controlSet(settings.data?.settings, sources.data);
  if (set === 'http-api')
    return (
      <HttpApiControls call={call} extension={settings.data?.settings.agent.extension ?? ''} />
    );
  return set === 'call-control' ? <CallControlActions call={call} /> : null;
}
