import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping } from '../../../shared/contacts/csv-mapping';
import type { ContactFileFormat } from '../../../shared/contacts/import-result';
import { KNOWN_LABELS } from '../../../shared/contacts/contact';
import type { ContactsFilePreview, ContactsImportSummary } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { labelText } from './contact-labels';
import { errorOf } from './error-of';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Import a contacts file: Outlook, Google and vCard files go straight in; any other CSV first
 * shows its columns so the agent says which holds the name, company, e-mail and numbers.
 */
export function ImportContacts({ onDone, onClose }: { onDone: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<ContactsFilePreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [summary, setSummary] = useState<ContactsImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (f: File | undefined) => {
    setSummary(null);
    setError(null);
    setPreview(null);
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      setError(t('contacts.importTooLarge'));
      return;
    }
    const data = toBase64(new Uint8Array(await f.arrayBuffer()));
    setFile({ name: f.name, data });
    const r = await api.readContactsFile(data);
    if (!r.ok) {
      setError(errorOf(r));
      return;
    }
    setPreview(r.value);
    setMapping(r.value.kind === 'csv' ? r.value.mapping : null);
  };

  const run = async () => {
    if (!file || !preview) return;
    setBusy(true);
    const needsMapping = preview.kind === 'csv' && preview.format === 'csv';
    const r = await api.importContacts(file.data, needsMapping ? mapping : null);
    setBusy(false);
    if (!r.ok) {
      setError(errorOf(r));
      return;
    }
    setSummary(r.value);
    onDone();
  };

  const column = (value: number | null, onChange: (v: number | null) => void, label: string) => (
    <label className="field">
      <span>{label}</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      >
        <option value="">{t('contacts.mapping.none')}</option>
        {preview?.kind === 'csv'
          ? preview.headers.map((h, i) => (
              <option key={i} value={i}>
                {h || t('contacts.mapping.column', { n: i + 1 })}
              </option>
            ))
          : null}
      </select>
    </label>
  );

  return (
    <section className="contacts-import" aria-label={t('contacts.import')}>
      <label className="field">
        <span>{t('contacts.importFile')}</span>
        <input
          type="file"
          accept=".csv,.vcf,.txt,text/csv,text/vcard"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {preview ? (
        <p className="muted">
          {t('contacts.importFound', {
            format: t(`contacts.format.${preview.format as ContactFileFormat}`),
            count: preview.rows,
          })}
        </p>
      ) : null}
      {preview?.kind === 'csv' && preview.format === 'csv' && mapping ? (
        <fieldset className="contacts-mapping">
          <legend>{t('contacts.mapping.heading')}</legend>
          {column(
            mapping.name[0] ?? null,
            (v) => setMapping({ ...mapping, name: v === null ? [] : [v] }),
            t('contacts.field.name'),
          )}
          {column(
            mapping.company,
            (v) => setMapping({ ...mapping, company: v }),
            t('contacts.field.company'),
          )}
          {column(
            mapping.email,
            (v) => setMapping({ ...mapping, email: v }),
            t('contacts.field.email'),
          )}
          {column(
            mapping.notes,
            (v) => setMapping({ ...mapping, notes: v }),
            t('contacts.field.notes'),
          )}
          {[0, 1, 2].map((i) => {
            const n = mapping.numbers[i];
            const setN = (col: number | null, label = n?.label ?? 'mobile') => {
              const numbers = [...mapping.numbers];
              if (col === null) numbers.splice(i, 1);
              else numbers[i] = { column: col, label };
              setMapping({ ...mapping, numbers: numbers.filter(Boolean) });
            };
            return (
              <div key={i} className="contact-form-number">
                {column(
                  n?.column ?? null,
                  (v) => setN(v),
                  t('contacts.field.number', { n: i + 1 }),
                )}
                <label className="field">
                  <span>{t('contacts.field.label', { n: i + 1 })}</span>
                  <select
                    value={n?.label ?? 'mobile'}
                    disabled={!n}
                    onChange={(e) => n && setN(n.column, e.target.value)}
                  >
                    {KNOWN_LABELS.map((l) => (
                      <option key={l} value={l}>
                        {labelText(t, l)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            );
          })}
        </fieldset>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {summary ? (
        <div role="status" className="import-summary">
          <p>
            {t('contacts.importSummary', {
              added: summary.added,
              updated: summary.updated,
              skipped: summary.skipped,
            })}
          </p>
          {summary.problems.length ? (
            <ul>
              {summary.problems.map((p, i) => (
                <li key={i}>
                  {p.kept
                    ? t('contacts.importKept', { line: p.line, reason: p.reason })
                    : t('contacts.importSkipped', { line: p.line, reason: p.reason })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" disabled={!preview || busy} onClick={() => void run()}>
          {t('contacts.importRun')}
        </button>
        <button type="button" onClick={onClose}>
          {t('contacts.close')}
        </button>
      </div>
    </section>
  );
}
