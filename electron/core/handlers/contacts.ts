// contacts.*: search, create/edit/delete, file import with an optional column mapping, export,
// and "Save to 3CX phonebook". Files arrive as base64; a file that is not contacts fails with
// its reason, bad rows come back in the summary with their line numbers.
import { IpcFailure } from '../../../shared/ipc';
import { ContactFileError } from '../../../shared/contacts/import-result';
import type { ContactsService } from '../contacts/contacts-service';
import type { Handlers } from './types';

type ContactChannels =
  | 'contacts.search'
  | 'contacts.save'
  | 'contacts.delete'
  | 'contacts.readFile'
  | 'contacts.import'
  | 'contacts.toPhonebook'
  | 'contacts.export'
  | 'contacts.phonebook';

function bytesOf(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function fileFailure(e: unknown): never {
  if (e instanceof ContactFileError)
    throw new IpcFailure({ code: 'invalid-request', message: e.message });
  throw e;
}

export function contactHandlers(deps: {
  contacts: ContactsService;
  /** A contact changed: calls showing its numbers get their name again. */
  changed(): void;
}): Pick<Handlers, ContactChannels> {
  const { contacts } = deps;
  return {
    'contacts.search': ({ query }) => contacts.search(query),
    'contacts.save': ({ id, contact }) => {
      if (id !== null && !contacts.store.get(id))
        throw new IpcFailure({ code: 'not-found', message: `no contact with id ${id}` });
      const saved = contacts.save(id, contact);
      deps.changed();
      return saved;
    },
    'contacts.delete': ({ id }) => {
      if (!contacts.store.get(id))
        throw new IpcFailure({ code: 'not-found', message: `no contact with id ${id}` });
      contacts.remove(id);
      deps.changed();
      return null;
    },
    'contacts.readFile': ({ data }) => {
      try {
        return contacts.preview(bytesOf(data));
      } catch (e) {
        return fileFailure(e);
      }
    },
    'contacts.import': ({ data, mapping }) => {
      try {
        const summary = contacts.importFile(bytesOf(data), mapping);
        deps.changed();
        return summary;
      } catch (e) {
        return fileFailure(e);
      }
    },
    'contacts.toPhonebook': async ({ id }) => {
      if (!contacts.store.get(id))
        throw new IpcFailure({ code: 'not-found', message: `no contact with id ${id}` });
      return contacts.toPhonebook(id);
    },
    'contacts.export': ({ format }) => contacts.exportAs(format),
    'contacts.phonebook': ({ query }) => contacts.searchPhonebook(query),
  };
}
