import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactInput } from '../../../shared/contacts/contact';
import { useApi } from '../api-context';
import { unwrap } from '../queries';
import {
  ContactRow,
  rowKey,
  rowPerson,
  targetId,
  type ContactRowItem,
  type Target,
} from './ContactRow';
import { usePhonebookSearch } from './use-phonebook-search';
import { ContactForm } from './ContactForm';
import { ImportContacts } from './ImportContacts';
import { useDial } from './use-dial';
import { errorOf } from './error-of';
import { downloadText } from '../download-text';

export const contactKeys = { all: ['contacts'] as const };

type Editing = { mode: 'new'; initial: ContactInput } | { mode: 'edit'; contact: Contact } | null;

/**
 * The agent's phone book: find as you type (any part of a name, company, e-mail or digits),
 * one dial button per number, arrow keys and Enter to dial, create, edit, delete, import.
 * When the 3CX REST API is set up, a number also finds 3CX phonebook contacts, appended below
 * the local ones when they arrive (marked "3CX").
 */
export function ContactsScreen({
  prefill,
  onPrefillUsed,
}: {
  /** "Add contact" from a card: a new contact with this number. */
  prefill?: ContactInput | null;
  onPrefillUsed?: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { dial, status, message } = useDial();
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (prefill) {
      setEditing({ mode: 'new', initial: prefill });
      onPrefillUsed?.();
    }
  }, [prefill, onPrefillUsed]);

  const results = useQuery({
    queryKey: [...contactKeys.all, 'search', query],
    queryFn: () => unwrap(api.searchContacts(query)),
    placeholderData: keepPreviousData,
  });
  const contacts = useMemo(() => results.data?.contacts ?? [], [results.data]);
  const phonebook = usePhonebookSearch(query);
  const rows = useMemo<ContactRowItem[]>(() => {
    const local = contacts.map((contact) => ({ kind: 'local' as const, contact }));
    // A 3CX contact CallPop already has (saved there from here) is listed once, as local.
    const known = new Set(contacts.map((c) => c.pbxId).filter(Boolean));
    const pbx = (phonebook?.contacts ?? [])
      .filter((m) => !known.has(m.pbxId))
      .map((match) => ({ kind: '3cx' as const, match }));
    return [...local, ...pbx];
  }, [contacts, phonebook]);
  const targets = useMemo<Target[]>(
    () => rows.flatMap((row) => rowPerson(row).numbers.map((_, index) => ({ row, index }))),
    [rows],
  );
  const activeTarget = targets[Math.min(active, targets.length - 1)];

  const list = useRef<HTMLDivElement>(null);
  // No React Compiler in this build; the virtualizer re-renders the list itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => list.current,
    estimateSize: () => 64,
    overscan: 8,
    // Until the list is measured (and where nothing is, as in tests): a window's worth.
    initialRect: { width: 800, height: 600 },
  });
  useEffect(() => {
    const at = activeTarget ? rows.indexOf(activeTarget.row) : -1;
    if (at >= 0) virtual.scrollToIndex(at, { align: 'auto' });
  }, [activeTarget, rows, virtual]);

  const dialTarget = (target: Target) => {
    const who = rowPerson(target.row);
    const n = who.numbers[target.index];
    if (n) void dial(n.number, who.name || who.company || n.number);
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, Math.max(0, targets.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && activeTarget) {
      e.preventDefault();
      dialTarget(activeTarget);
    }
  };

  const refresh = () => client.invalidateQueries({ queryKey: contactKeys.all });

  const remove = async (c: Contact) => {
    if (!window.confirm(t('contacts.confirmDelete', { name: c.name || c.company }))) return;
    const r = await api.deleteContact(c.id);
    setNotice(
      r.ok
        ? t('contacts.deleted', { name: c.name || c.company })
        : t('contacts.failed', { error: String(errorOf(r)) }),
    );
    void refresh();
  };

  const toPhonebook = async (c: Contact) => {
    const r = await api.saveContactToPhonebook(c.id);
    setNotice(
      r.ok
        ? t('contacts.savedTo3cx', { name: c.name || c.company })
        : t('contacts.failed', { error: String(errorOf(r)) }),
    );
    void refresh();
  };

  if (editing) {
    return (
      <ContactForm
        initial={editing.mode === 'edit' ? editing.contact : editing.initial}
        heading={editing.mode === 'edit' ? t('contacts.editHeading') : t('contacts.newHeading')}
        onCancel={() => setEditing(null)}
        onSave={async (input) => {
          const r = await api.saveContact(
            editing.mode === 'edit' ? editing.contact.id : null,
            input,
          );
          if (!r.ok) return String(errorOf(r));
          setEditing(null);
          setNotice(t('contacts.saved', { name: input.name || input.company }));
          void refresh();
          return null;
        }}
      />
    );
  }

  return (
    <section className="contacts" aria-labelledby="contacts-heading">
      <div className="contacts-head">
        <h2 id="contacts-heading">{t('contacts.heading')}</h2>
        <div className="contacts-actions">
          <button type="button" onClick={() => setEditing({ mode: 'new', initial: emptyInput() })}>
            {t('contacts.new')}
          </button>
          <button type="button" aria-expanded={importing} onClick={() => setImporting((v) => !v)}>
            {t('contacts.import')}
          </button>
          <ExportButtons />
        </div>
      </div>
      {importing ? (
        <ImportContacts
          onDone={() => {
            void refresh();
          }}
          onClose={() => setImporting(false)}
        />
      ) : null}
      <label className="field contacts-search">
        <span className="visually-hidden">{t('contacts.search')}</span>
        <input
          ref={search}
          type="search"
          aria-label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          value={query}
          autoFocus
          role="combobox"
          aria-expanded={targets.length > 0}
          aria-controls="contact-results"
          aria-activedescendant={activeTarget ? targetId(activeTarget) : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onSearchKey}
        />
      </label>
      {message ? (
        <p
          role={status.state === 'failed' ? 'alert' : 'status'}
          className={status.state === 'failed' ? 'error' : 'saved'}
        >
          {message}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="muted">
          {notice}
        </p>
      ) : null}
      {results.isError ? (
        <p role="alert" className="error">
          {t('contacts.failed', { error: results.error.message })}
        </p>
      ) : null}
      {phonebook?.error ? (
        <p role="status" className="muted">
          {t('contacts.phonebookFailed', { error: phonebook.error })}
        </p>
      ) : null}
      {results.data && rows.length === 0 ? (
        <p className="muted">{query ? t('contacts.noMatch') : t('contacts.empty')}</p>
      ) : null}
      {results.data?.more ? <p className="muted">{t('contacts.more')}</p> : null}
      <div
        ref={list}
        className="contact-list"
        id="contact-results"
        role="list"
        aria-label={t('contacts.results')}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={rowKey(row)}
                role="listitem"
                data-index={item.index}
                ref={virtual.measureElement}
                className={`contact-row${row.kind === '3cx' ? ' contact-row-3cx' : ''}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <ContactRow
                  row={row}
                  active={activeTarget?.row === row ? activeTarget.index : null}
                  onDial={dialTarget}
                  onEdit={(c) => setEditing({ mode: 'edit', contact: c })}
                  onToPhonebook={(c) => void toPhonebook(c)}
                  onDelete={(c) => void remove(c)}
                />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function emptyInput(): ContactInput {
  return {
    name: '',
    company: '',
    email: '',
    notes: '',
    numbers: [{ label: 'mobile', number: '' }],
  };
}

/** Export as CSV or vCard: main writes the text, the browser saves it. */
function ExportButtons() {
  const { t } = useTranslation();
  const api = useApi();
  const save = async (format: 'csv' | 'vcf') => {
    const r = await api.exportContacts(format);
    if (!r.ok) return;
    downloadText(r.value, `contacts.${format}`, format === 'csv' ? 'text/csv' : 'text/vcard');
  };
  return (
    <>
      <button type="button" onClick={() => void save('csv')}>
        {t('contacts.exportCsv')}
      </button>
      <button type="button" onClick={() => void save('vcf')}>
        {t('contacts.exportVcf')}
      </button>
    </>
  );
}
