import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context';
import { settingsQuery } from '../queries';

/** Keys of settings.json that were ignored, with why: the rest of the file still applies. */
export function SettingsProblems() {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useQuery(settingsQuery(api));
  const problems = settings.data?.problems ?? [];
  if (problems.length === 0) return null;
  return (
    <section className="banner banner-warn" aria-labelledby="settings-problems-heading">
      <h2 id="settings-problems-heading">{t('settings.problemsHeading')}</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.path}-${i}`}>
            {t('settings.problem', { path: p.path || t('settings.wholeFile'), message: p.message })}
          </li>
        ))}
      </ul>
    </section>
  );
}
