// Settings' "Test connection" for the CRM systems. DBN: a real lookup of a test number (a
// number no customer has, or one the agent types), showing the status and DBN's answer; it
// never writes anything back. Egards has no test endpoint and a fake report would be a call
// that never happened: whether the host answers, and how the last real report went.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  DBN_TEST_NUMBER,
  type DbnTestResult,
  type EgardsTestResult,
  type LastDelivery,
} from '../../../shared/crm-tests';
import { useApi } from '../api-context';
import { unwrap } from '../queries';
import { formatWhen } from '../format';
import { ConnectionTest, type TestReport, type TestRow } from './ConnectionTest';

function statusText(t: TFunction, status: number | null, ms: number): string {
  return status === null
    ? t('settings.crmTest.noStatus', { ms })
    : t('settings.crmTest.status', { status, ms });
}

export function dbnReport(t: TFunction, r: DbnTestResult): TestReport {
  const headline = r.ok
    ? r.known
      ? t('settings.crmTest.dbnKnown', { number: r.number })
      : t('settings.crmTest.dbnUnknown', { number: r.number })
    : t('settings.crmTest.failed', { reason: r.error ?? '' });
  const rows: TestRow[] = [];
  if (r.request) {
    rows.push({ label: t('pbx.test.request'), value: r.request, code: true });
    rows.push({ label: t('settings.crmTest.statusLabel'), value: statusText(t, r.status, r.ms) });
  }
  if (r.fields) {
    const fields = Object.entries(r.fields).map(([k, v]) => `${k}: ${v}`);
    rows.push({ label: t('settings.crmTest.fields'), value: fields.join('\n'), code: true });
  }
  if (r.request) {
    rows.push({
      label: t('pbx.test.answer'),
      value: r.answer ?? t('pbx.test.noAnswer'),
      code: true,
    });
  }
  if (r.switchedOff)
    rows.push({ label: t('settings.crmTest.note'), value: t('settings.crmTest.dbnOff') });
  return { ok: r.ok, headline, rows };
}

function lastText(t: TFunction, language: string, last: LastDelivery | null): string {
  if (!last) return t('settings.crmTest.noReports');
  const line = t('delivery.line', {
    kind: t(`delivery.kind.${last.kind}`),
    status: t(`delivery.status.${last.status}`),
  });
  const when = formatWhen(last.at, language);
  return last.error
    ? t('settings.crmTest.lastWithError', { line, when, error: last.error })
    : t('settings.crmTest.last', { line, when });
}

export function egardsReport(t: TFunction, language: string, r: EgardsTestResult): TestReport {
  const host = r.host;
  const headline = !host
    ? t('settings.crmTest.egardsNoAddress')
    : host.answered
      ? t('settings.crmTest.egardsAnswers', { status: host.status, ms: host.ms })
      : t('settings.crmTest.egardsSilent', { reason: host.error ?? '' });
  const rows: TestRow[] = [];
  if (host) rows.push({ label: t('settings.crmTest.address'), value: host.url, code: true });
  rows.push({ label: t('settings.crmTest.lastReport'), value: lastText(t, language, r.last) });
  rows.push({
    label: t('settings.crmTest.lastDelivered'),
    value:
      r.lastDeliveredAt === null
        ? t('settings.crmTest.never')
        : formatWhen(r.lastDeliveredAt, language),
  });
  if (r.problem) rows.push({ label: t('settings.crmTest.note'), value: r.problem });
  const lastFailed = r.last !== null && r.last.status !== 'delivered' && r.last.error !== null;
  return { ok: host?.answered === true && !lastFailed && !r.problem, headline, rows };
}

/** `extension`: the agent's own number, offered as the test number with one click. */
export function DbnTest({ dirty, extension }: { dirty: boolean; extension: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [number, setNumber] = useState(DBN_TEST_NUMBER);
  return (
    <ConnectionTest
      label={t('settings.testConnection')}
      run={() => unwrap(api.testDbn(number))}
      describe={(r) => dbnReport(t, r)}
      dirty={dirty}
    >
      <div className="field">
        <label htmlFor={id}>{t('settings.crmTest.number')}</label>
        <input
          id={id}
          type="text"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          value={number}
          aria-describedby={`${id}-help`}
          onChange={(e) => setNumber(e.target.value)}
        />
        <span id={`${id}-help`} className="field-note">
          {t('settings.crmTest.numberHelp')}
        </span>
      </div>
      {extension ? (
        <button type="button" onClick={() => setNumber(extension)}>
          {t('settings.crmTest.useExtension', { extension })}
        </button>
      ) : null}
    </ConnectionTest>
  );
}

export function EgardsTest({ dirty }: { dirty: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  return (
    <ConnectionTest
      label={t('settings.testConnection')}
      run={() => unwrap(api.testEgards())}
      describe={(r) => egardsReport(t, i18n.language, r)}
      dirty={dirty}
    />
  );
}
