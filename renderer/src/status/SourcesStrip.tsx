import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SourceStatus } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { sourcesQuery } from '../queries';
import { clockTime } from '../pbx/pbx-text';

/**
 * One line per PBX event source that runs (REST live calls, 3CX Call Control): working, or not
 * working with the reason and that it retries. Nothing when only the 3CX Assistant is used.
 */
export function SourcesStrip() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const sources = useQuery(sourcesQuery(api));
  const list = sources.data ?? [];
  if (list.length === 0) return null;
  return (
    <ul className="sources" aria-label={t('sources.heading')}>
      {list.map((s) => (
        <li key={s.source} className={`source source-${s.state}`} role="status">
          {line(t, i18n.language, s)}
        </li>
      ))}
    </ul>
  );
}

function line(
  t: ReturnType<typeof useTranslation>['t'],
  language: string,
  s: SourceStatus,
): string {
  const name = t(s.source === 'rest-poll' ? 'sources.name.restPoll' : 'sources.name.callControl');
  if (s.state === 'ok') return t('sources.ok', { source: name });
  // The PBX did not answer: the same words and time as the agent bar (they share one client).
  if (s.state === 'down' && s.unreachableSince !== undefined)
    return t('sources.down', {
      source: name,
      message:
        s.unreachableSince === null
          ? t('pbx.unreachableNever')
          : t('pbx.unreachable', { time: clockTime(s.unreachableSince, language) }),
    });
  if (s.state === 'down') return t('sources.down', { source: name, message: s.message });
  if (s.state === 'starting') return t('sources.starting', { source: name });
  return t('sources.off', { source: name });
}
