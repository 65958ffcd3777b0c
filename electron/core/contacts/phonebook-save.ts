// "Save to 3CX phonebook": a local contact becomes (or updates) a 3CX phonebook contact through
// the REST API's contact.new / contact.update, with the seed's field mapping.
import type { Logger } from '../core-types';
import type { ContactStore } from './contact-store';
import {
  toPhonebookFields,
  type PhonebookFieldValues,
} from '../../../shared/contacts/phonebook-fields';

type Answer<T> =
  { ok: true; value: T } | { ok: false; error: { kind: string; message: string; raw?: string } };

export interface PhonebookWriter {
  contactNew(fields: PhonebookFieldValues): Promise<Answer<string>>;
  contactUpdate(id: string, fields: PhonebookFieldValues): Promise<Answer<true>>;
}

export interface SavedToPhonebook {
  pbxId: string;
  created: boolean;
  /** Numbers the phonebook had no field left for. */
  leftOut: string[];
}

export async function saveToPhonebook(
  deps: { store: ContactStore; writer: PhonebookWriter; logger: Logger },
  contactId: number,
): Promise<SavedToPhonebook> {
  const contact = deps.store.get(contactId);
  if (!contact) throw new Error(`no contact with id ${contactId}`);
  const { fields, leftOut } = toPhonebookFields(contact);
  if (contact.pbxId) {
    const r = await deps.writer.contactUpdate(contact.pbxId, fields);
    if (!r.ok) throw new Error(`The 3CX phonebook did not take the change: ${r.error.message}`);
    deps.logger.info(`contact ${contactId} updated in the 3CX phonebook (${contact.pbxId})`);
    return { pbxId: contact.pbxId, created: false, leftOut };
  }
  const r = await deps.writer.contactNew(fields);
  if (!r.ok) throw new Error(`The 3CX phonebook did not take the contact: ${r.error.message}`);
  deps.store.setPbxId(contactId, r.value);
  deps.logger.info(`contact ${contactId} saved to the 3CX phonebook as ${r.value}`);
  return { pbxId: r.value, created: true, leftOut };
}
