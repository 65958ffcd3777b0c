// Settings' "Test connection" for one PBX API: reads the agent's own state (the HTTP API's
// showstatus, the REST API's ext.state.get) with the saved settings and shows the request
// and the PBX's real answer (the key replaced by ***).
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context';
import { unwrap } from '../queries';
import { pbxErrorText } from '../pbx/pbx-text';

export function PbxTest({ api: which, dirty }: { api: 'http-api' | 'rest-api'; dirty: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const test = useMutation({ mutationFn: () => unwrap(api.testPbx(which)) });
  const r = test.data;
  return (
    <div className="pbx-test">
      <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>
        {which === 'http-api' ? t('pbx.test.http') : t('pbx.test.rest')}
      </button>
      {dirty ? <span className="field-note">{t('pbx.test.saveFirst')}</span> : null}
      <div aria-live="polite" className="pbx-test-result">
        {test.isPending ? t('pbx.test.running') : null}
        {test.isError ? <span className="error">{test.error.message}</span> : null}
        {r ? (
          <>
            <p className={r.ok ? 'pbx-done' : 'pbx-refusal'}>
              {r.ok
                ? t('pbx.test.ok')
                : t('pbx.test.failed', { reason: r.error ? pbxErrorText(t, r.error) : '' })}
            </p>
            <dl>
              <dt>{t('pbx.test.request')}</dt>
              <dd>
                <code>{r.request}</code>
              </dd>
              <dt>{t('pbx.test.answer')}</dt>
              <dd>
                <code>{r.answer ?? t('pbx.test.noAnswer')}</code>
              </dd>
            </dl>
          </>
        ) : null}
      </div>
    </div>
  );
}
