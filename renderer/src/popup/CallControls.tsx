// Call control on the card. Two PBX APIs can act on a call: the HTTP API (HttpApiControls.tsx:
// answer, hang up, transfer, attended transfer, park, record) and V20 Call Control
// (CallControlActions.tsx: answer, hang up, transfer to). One card shows one set: the HTTP API's
// when it is set up, since it offers all Call Control does and more; else Call Control's while
// that source follows the call; else none (the Assistant only reports calls).
import { useQuery } from '@tanstack/react-query';
import type { CallView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { settingsQuery, sourcesQuery } from '../queries';
import { CallControlActions } from './CallControlActions';
import { HttpApiControls } from './HttpApiControls';

export { allowedActions } from './HttpApiControls';

export function CallControls({ call }: { call: CallView }) {
  const api = useApi();
  const settings = useQuery(settingsQuery(api));
  const sources = useQuery(sourcesQuery(api));
  if (call.state === 'ended') return null;
  if (settings.data?.settings.pbx.httpApi.enabled)
    return <HttpApiControls call={call} extension={settings.data.settings.agent.extension} />;
  const followed = (sources.data ?? []).some(
    (s) => s.source === 'call-control' && s.state === 'ok',
  );
  return followed ? <CallControlActions call={call} /> : null;
}
