import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context';
import { settingsQuery } from '../queries';

/**
 * After a skipped or partial setup: what a chosen feature still lacks, said once at the top,
 * with the way to fix it. Nothing when everything the agent turned on has what it needs.
 */
export function SetupHints({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const view = useQuery(settingsQuery(api)).data;
  if (!view || !view.settings.app.firstRunDone) return null;
  const s = view.settings;
  const hints = [
    s.egards.enabled && s.agent.email === '' ? t('setupHints.noEmail') : null,
    (s.pbx.httpApi.enabled || s.pbx.restApi.enabled || s.pbx.callControl.enabled) &&
    s.agent.extension === ''
      ? t('setupHints.noExtension')
      : null,
  ].filter((h): h is string => h !== null);
  if (hints.length === 0) return null;
  return (
    <section className="banner banner-warn setup-hints" aria-labelledby="setup-hints-heading">
      <h2 id="setup-hints-heading">{t('setupHints.title')}</h2>
      <ul>
        {hints.map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ul>
      <button type="button" onClick={onOpen}>
        {t('setupHints.open')}
      </button>
    </section>
  );
}
