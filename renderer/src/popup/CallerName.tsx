import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useBrowserMode } from '../api-context';

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
 * "Add contact" for a caller CallPop does not know yet: opens the contacts screen pre-filled.
 * Browser mode only for now: there the cards float over the main window that holds the screen.
 */
export function AddCallerButton({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const browserMode = useBrowserMode();
  if (!browserMode || call.caller || !call.number) return null;
  const open = () => {
    window.dispatchEvent(
      new CustomEvent('callpop:add-contact', { detail: { number: call.number } }),
    );
  };
  return (
    <button type="button" className="add-contact" onClick={open}>
      {t('contacts.addFromCard')}
    </button>
  );
}
