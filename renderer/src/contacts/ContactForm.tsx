import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KNOWN_LABELS, type ContactInput } from '../../../shared/contacts/contact';
import { labelText } from './contact-labels';

/** Create or edit a contact: name, company, e-mail, notes and any number of labelled numbers. */
export function ContactForm({
  initial,
  heading,
  onSave,
  onCancel,
}: {
  initial: ContactInput;
  heading: string;
  /** Resolves to an error message, or null when saved. */
  onSave: (c: ContactInput) => Promise<string | null>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [c, setC] = useState<ContactInput>(() => ({
    name: initial.name,
    company: initial.company,
    email: initial.email,
    notes: initial.notes,
    numbers: initial.numbers.length
      ? initial.numbers.map((n) => ({ ...n }))
      : [{ label: 'mobile', number: '' }],
    ...(initial.externalId ? { externalId: initial.externalId } : {}),
  }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ContactInput>) => setC((prev) => ({ ...prev, ...patch }));
  const setNumber = (i: number, patch: Partial<ContactInput['numbers'][number]>) =>
    set({ numbers: c.numbers.map((n, j) => (j === i ? { ...n, ...patch } : n)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const cleaned = { ...c, numbers: c.numbers.filter((n) => n.number.trim() !== '') };
    if (!cleaned.name.trim() && !cleaned.company.trim() && cleaned.numbers.length === 0) {
      setError(t('contacts.needSomething'));
      return;
    }
    setBusy(true);
    const problem = await onSave(cleaned);
    setBusy(false);
    setError(problem);
  };

  return (
    <form className="contact-form" aria-label={heading} onSubmit={(e) => void submit(e)}>
      <h2>{heading}</h2>
      <label className="field">
        <span>{t('contacts.field.name')}</span>
        <input value={c.name} autoFocus onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('contacts.field.company')}</span>
        <input value={c.company} onChange={(e) => set({ company: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('contacts.field.email')}</span>
        <input type="email" value={c.email} onChange={(e) => set({ email: e.target.value })} />
      </label>
      <fieldset className="contact-form-numbers">
        <legend>{t('contacts.field.numbers')}</legend>
        {c.numbers.map((n, i) => (
          <div key={i} className="contact-form-number">
            <label>
              <span className="visually-hidden">{t('contacts.field.label', { n: i + 1 })}</span>
              <select
                aria-label={t('contacts.field.label', { n: i + 1 })}
                value={(KNOWN_LABELS as readonly string[]).includes(n.label) ? n.label : 'other'}
                onChange={(e) => setNumber(i, { label: e.target.value })}
              >
                {KNOWN_LABELS.map((l) => (
                  <option key={l} value={l}>
                    {labelText(t, l)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="visually-hidden">{t('contacts.field.number', { n: i + 1 })}</span>
              <input
                aria-label={t('contacts.field.number', { n: i + 1 })}
                type="tel"
                value={n.number}
                onChange={(e) => setNumber(i, { number: e.target.value })}
              />
            </label>
            <button
              type="button"
              onClick={() => set({ numbers: c.numbers.filter((_, j) => j !== i) })}
            >
              {t('contacts.removeNumber', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set({ numbers: [...c.numbers, { label: 'work', number: '' }] })}
        >
          {t('contacts.addNumber')}
        </button>
      </fieldset>
      <label className="field">
        <span>{t('contacts.field.notes')}</span>
        <textarea rows={3} value={c.notes} onChange={(e) => set({ notes: e.target.value })} />
      </label>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t('contacts.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('contacts.cancel')}
        </button>
      </div>
    </form>
  );
}
