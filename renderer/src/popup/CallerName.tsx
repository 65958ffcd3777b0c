import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useApi } from '../api-context';
import { logTo } from '../logging';

/**
 * Who is calling, as large as the card allows: the contact's name and company from CallPop's
 * contacts or the 3CX phonebook (marked "3CX"). Nothing while the number is unknown.
 */
export function CallerName({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const caller = call.caller;
  if (!caller || (!caller.name && !caller.company)) return null;
  return (
    <div className="caller">
      <h3 className="caller-name">{caller.name || caller.company}</h3>
      {caller.name && caller.company ? <p className="caller-company">{caller.company}</p> : null}
      {caller.source === '3cx' ? <span className="badge">{t('contacts.from3cx')}</span> : null}
    </div>
  );
}

/**
 * "Add contact" for a caller CallPop does not know yet: main shows the main window with its
 * contacts screen pre-filled with the number (from the popup window as from a browser card).
 */
export function AddCallerButton({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const api = useApi();
  if (call.caller || !call.number) return null;
  const open = () => {
    const number = call.number!;
    void api.showMain({ to: 'new-contact', number }).then((r) => {
      if (!r.ok) logTo(api, 'warn', `Add contact for ${call.id} failed: ${r.error.message}`);
    });
  };
  return (
    <button type="button" className="add-contact" onClick={open}>
      {t('contacts.addFromCard')}
    </button>
  );
}
