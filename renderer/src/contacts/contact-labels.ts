// How a number's label and a contact's name read on screen.
import type { TFunction } from 'i18next';
import { KNOWN_LABELS, type ContactInput, type KnownLabel } from '../../../shared/contacts/contact';

export function labelText(t: TFunction, label: string): string {
  return (KNOWN_LABELS as readonly string[]).includes(label)
    ? t(`contacts.label.${label as KnownLabel}`)
    : label;
}

/**
 * The accessible name of a dial button: `Call Jan Jansen: Mobile +31 6 5111 2222`. It holds
 * the button's visible text (label and number), so speech control finds it by what it shows.
 */
export function callButtonName(
  t: TFunction,
  contact: Pick<ContactInput, 'name' | 'company'>,
  label: string,
  number: string,
): string {
  const name = contact.name || contact.company || number;
  return t('contacts.callWithNumber', { name, label: labelText(t, label), number });
}
