// Settings' "Test connection" for the PBX: the HTTP and REST APIs read the agent's own state
// (showstatus, ext.state.get) and show the request and the PBX's real answer (the key replaced
// by ***); Call Control says which set-up step is missing.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ConnectionTest as CallControlResult } from '../../../shared/ipc';
import type { PbxTestResult } from '../../../shared/pbx-views';
import { useApi } from '../api-context';
import { unwrap } from '../queries';
import { pbxErrorText } from '../pbx/pbx-text';
import { ConnectionTest, type TestReport } from './ConnectionTest';

export function pbxReport(t: TFunction, r: PbxTestResult): TestReport {
  return {
    ok: r.ok,
    headline: r.ok
      ? t('pbx.test.ok')
      : t('pbx.test.failed', { reason: r.error ? pbxErrorText(t, r.error) : '' }),
    rows: [
      { label: t('pbx.test.request'), value: r.request, code: true },
      { label: t('pbx.test.answer'), value: r.answer ?? t('pbx.test.noAnswer'), code: true },
    ],
  };
}

export function PbxTest({ api: which, dirty }: { api: 'http-api' | 'rest-api'; dirty: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ConnectionTest
      label={which === 'http-api' ? t('pbx.test.http') : t('pbx.test.rest')}
      run={() => unwrap(api.testPbx(which))}
      describe={(r) => pbxReport(t, r)}
      dirty={dirty}
    />
  );
}

const CALL_CONTROL_KINDS = [
  'ok',
  'bad-credentials',
  'not-licensed',
  'not-monitored',
  'unreachable',
  'not-configured',
] as const;

export function callControlReport(t: TFunction, r: CallControlResult): TestReport {
  const kind = (CALL_CONTROL_KINDS as readonly string[]).includes(r.kind) ? r.kind : 'other';
  return {
    ok: r.ok,
    headline: `${t(`settings.test.${kind}` as 'settings.test.ok')} — ${r.message}`,
    rows: [],
  };
}

/** Test connection for the saved Call Control settings: which set-up step is missing. */
export function CallControlTest({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ConnectionTest
      label={t('settings.testConnection')}
      run={() => unwrap(api.testCallControl())}
      describe={(r) => callControlReport(t, r)}
      dirty={dirty}
    />
  );
}
