// Settings' "Test connection", one shape for every system: a button, a note when there are
// unsaved edits (every test uses the saved settings), and a live region with what the test
// found: one line saying whether it worked, then the facts as label/value rows (the request,
// the status, the real answer). Each system only says how its answer reads (a TestReport).
import { Fragment, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

export interface TestRow {
  label: string;
  value: string;
  /** Shown as code (a request, an answer as received). */
  code?: boolean;
}

export interface TestReport {
  ok: boolean;
  headline: string;
  rows: TestRow[];
}

export interface ConnectionTestProps<T> {
  /** The button's name, e.g. "Test connection" or "Test connection (HTTP API)". */
  label: string;
  run: () => Promise<T>;
  describe: (result: T) => TestReport;
  dirty: boolean;
  /** Inputs the test takes (DBN's test number), shown before the button. */
  children?: ReactNode;
}

export function ConnectionTest<T>({
  label,
  run,
  describe,
  dirty,
  children,
}: ConnectionTestProps<T>) {
  const { t } = useTranslation();
  const test = useMutation({ mutationFn: run });
  const report = test.data === undefined ? null : describe(test.data);
  return (
    <div className="connection-test">
      {/* Enter in the test's own input runs the test, not the settings form's Save. */}
      <div
        className="connection-test-controls"
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
          e.preventDefault();
          if (!test.isPending) test.mutate();
        }}
      >
        {children}
        <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>
          {label}
        </button>
      </div>
      {dirty ? <span className="field-note">{t('pbx.test.saveFirst')}</span> : null}
      <div aria-live="polite" className="connection-test-result">
        {test.isPending ? <p>{t('settings.testing')}</p> : null}
        {test.isError ? <p className="pbx-refusal">{test.error.message}</p> : null}
        {report && !test.isPending ? (
          <>
            <p className={report.ok ? 'pbx-done' : 'pbx-refusal'}>{report.headline}</p>
            {report.rows.length > 0 ? (
              <dl>
                {report.rows.map((row, i) => (
                  <Fragment key={i}>
                    <dt>{row.label}</dt>
                    <dd>{row.code ? <code>{row.value}</code> : row.value}</dd>
                  </Fragment>
                ))}
              </dl>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
