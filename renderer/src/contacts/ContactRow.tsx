// One row of the contacts screen: who, one dial button per number, and (for CallPop's own
// contacts) edit, save to 3CX and delete. A 3CX phonebook match is marked "3CX" and can only
// be dialed: it lives in the PBX, not in CallPop.
import { useTranslation } from 'react-i18next';
import type { Contact, PhonebookMatch } from '../../../shared/ipc';
import { callButtonName, labelText } from './contact-labels';

/** A row of the list: a local contact, or a match from the 3CX phonebook. */
export type ContactRowItem =
  { kind: 'local'; contact: Contact } | { kind: '3cx'; match: PhonebookMatch };

/** One dial target: a number of a row. The arrow keys move between these. */
export interface Target {
  row: ContactRowItem;
  index: number;
}

export function rowKey(row: ContactRowItem): string {
  return row.kind === 'local' ? `contact-${row.contact.id}` : `pbx-${row.match.pbxId}`;
}

export function targetId(t: Target): string {
  return `${rowKey(t.row)}-${t.index}`;
}

export function rowPerson(row: ContactRowItem): Pick<Contact, 'name' | 'company' | 'numbers'> {
  return row.kind === 'local' ? row.contact : row.match;
}

export function ContactRow({
  row,
  active,
  onDial,
  onEdit,
  onToPhonebook,
  onDelete,
}: {
  row: ContactRowItem;
  /** Which of its numbers the arrow keys are on, or null. */
  active: number | null;
  onDial(target: Target): void;
  onEdit(c: Contact): void;
  onToPhonebook(c: Contact): void;
  onDelete(c: Contact): void;
}) {
  const { t } = useTranslation();
  const who = rowPerson(row);
  const c = row.kind === 'local' ? row.contact : null;
  return (
    <>
      <div className="contact-who">
        <span className="contact-name">{who.name || who.company}</span>
        {who.name && who.company ? <span className="contact-company">{who.company}</span> : null}
        {row.kind === '3cx' || c?.source === '3cx' ? (
          <span className="badge">{t('contacts.from3cx')}</span>
        ) : null}
        {c?.pbxId ? <span className="badge">{t('contacts.in3cx')}</span> : null}
      </div>
      <div className="contact-numbers">
        {who.numbers.map((n, index) => {
          const target = { row, index };
          return (
            <button
              key={index}
              id={targetId(target)}
              type="button"
              className={`dial-button${active === index ? ' active' : ''}`}
              aria-label={callButtonName(t, who, n.label, n.number)}
              onClick={() => onDial(target)}
            >
              <span className="dial-label">{labelText(t, n.label)}</span> {n.number}
            </button>
          );
        })}
      </div>
      {c ? (
        <div className="contact-tools">
          <button type="button" onClick={() => onEdit(c)}>
            {t('contacts.edit')}
            <span className="visually-hidden"> {c.name || c.company}</span>
          </button>
          <button type="button" onClick={() => onToPhonebook(c)}>
            {t('contacts.saveTo3cx')}
            <span className="visually-hidden"> {c.name || c.company}</span>
          </button>
          <button type="button" onClick={() => onDelete(c)}>
            {t('contacts.delete')}
            <span className="visually-hidden"> {c.name || c.company}</span>
          </button>
        </div>
      ) : null}
    </>
  );
}
