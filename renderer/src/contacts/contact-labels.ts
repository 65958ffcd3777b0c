// How a number's label and a contact's name read on screen.
import type { TFunction } from 'i18next';
import { KNOWN_LABELS, type ContactInput, type KnownLabel } from '../../../shared/contacts/contact';

export function labelText(t: TFunction, label: string): string {
  return (KNOWN_LABELS as readonly string[]).includes(label)
    ? t(`contacts.label.${label as KnownLabel}`)
    : label;
}

/** The accessible name of a dial button: `Call Jan Jansen`, with the label when there are several. */
export function callButtonName(
  t: TFunction,
  contact: Pick<ContactInput, 'name' | 'company' | 'numbers'>,
  label: string,
): string {
  const name = contact.name || contact.company || contact.numbers[0]?.number || '';
  return contact.numbers.length > 1
    ? t('contacts.callWithLabel', { name, label: labelText(t, label) })
    : t('contacts.call', { name });
}
