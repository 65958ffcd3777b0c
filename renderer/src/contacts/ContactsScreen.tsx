import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactInput } from '../../../shared/contacts/contact';
import { useApi } from '../api-context';
import { unwrap } from '../queries';
import { callButtonName, labelText } from './contact-labels';
import { ContactForm } from './ContactForm';
import { ImportContacts } from './ImportContacts';
import { useDial } from './use-dial';
import { errorOf } from './error-of';
import { downloadText } from '../download-text';

export const contactKeys = { all: ['contacts'] as const };

type Editing = { mode: 'new'; initial: ContactInput } | { mode: 'edit'; contact: Contact } | null;

/** One dial target: a number of a contact. The arrow keys move between these. */
interface Target {
  contact: Contact;
  index: number;
}

/**
 * The agent's phone book: find as you type (any part of a name, company, e-mail or digits),
 * one dial button per number, arrow keys and Enter to dial, create, edit, delete, import.
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
  const targets = useMemo<Target[]>(
    () => contacts.flatMap((contact) => contact.numbers.map((_, index) => ({ contact, index }))),
    [contacts],
  );
  const activeTarget = targets[Math.min(active, targets.length - 1)];

  const list = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: contacts.length,
    getScrollElement: () => list.current,
    estimateSize: () => 64,
    overscan: 8,
    // Until the list is measured (and where nothing is, as in tests): a window's worth.
    initialRect: { width: 800, height: 600 },
  });
  useEffect(() => {
    const at = activeTarget ? contacts.indexOf(activeTarget.contact) : -1;
    if (at >= 0) virtual.scrollToIndex(at, { align: 'auto' });
  }, [activeTarget, contacts, virtual]);

  const dialTarget = (target: Target) => {
    const n = target.contact.numbers[target.index];
    if (n) void dial(n.number, target.contact.name || n.number);
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
      {results.data && contacts.length === 0 ? (
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
            const c = contacts[item.index]!;
            return (
              <div
                key={c.id}
                role="listitem"
                data-index={item.index}
                ref={virtual.measureElement}
                className="contact-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <div className="contact-who">
                  <span className="contact-name">{c.name || c.company}</span>
                  {c.name && c.company ? (
                    <span className="contact-company">{c.company}</span>
                  ) : null}
                  {c.source === '3cx' ? (
                    <span className="badge">{t('contacts.from3cx')}</span>
                  ) : null}
                  {c.pbxId ? <span className="badge">{t('contacts.in3cx')}</span> : null}
                </div>
                <div className="contact-numbers">
                  {c.numbers.map((n, index) => {
                    const target = { contact: c, index };
                    const isActive =
                      activeTarget?.contact.id === c.id && activeTarget.index === index;
                    return (
                      <button
                        key={index}
                        id={targetId(target)}
                        type="button"
                        className={`dial-button${isActive ? ' active' : ''}`}
                        aria-label={callButtonName(t, c, n.label, n.number)}
                        onClick={() => dialTarget(target)}
                      >
                        <span className="dial-label">{labelText(t, n.label)}</span> {n.number}
                      </button>
                    );
                  })}
                </div>
                <div className="contact-tools">
                  <button type="button" onClick={() => setEditing({ mode: 'edit', contact: c })}>
                    {t('contacts.edit')}
                    <span className="visually-hidden"> {c.name || c.company}</span>
                  </button>
                  <button type="button" onClick={() => void toPhonebook(c)}>
                    {t('contacts.saveTo3cx')}
                    <span className="visually-hidden"> {c.name || c.company}</span>
                  </button>
                  <button type="button" onClick={() => void remove(c)}>
                    {t('contacts.delete')}
                    <span className="visually-hidden"> {c.name || c.company}</span>
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function targetId(t: Target): string {
  return `contact-${t.contact.id}-${t.index}`;
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
