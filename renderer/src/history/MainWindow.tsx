import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/ipc';
import { useApi, useBrowserMode } from '../api-context';
import { settingsQuery } from '../queries';
import { CardStack } from '../popup/CardStack';
import { NotificationPermissionButton, useCardNotifications } from '../popup/web-notifications';
import { ConnectionBanner } from '../status/ConnectionBanner';
import { Notices } from '../status/Notices';
import { OutboxStrip } from '../status/OutboxStrip';
import { SourcesStrip } from '../status/SourcesStrip';
import { SettingsProblems } from '../status/SettingsProblems';
import { SettingsPanel } from '../settings/SettingsPanel';
import { AgentBar } from '../agent/AgentBar';
import { SupervisorBoard } from '../supervisor/SupervisorBoard';
import { CallDetail } from './CallDetail';
import { HistoryList } from './HistoryList';
import { ContactsScreen } from '../contacts/ContactsScreen';
import type { ContactInput } from '../../../shared/contacts/contact';
import { useDialLinks } from '../contacts/use-dial-links';
import { useMissedTitle } from './use-missed-title';

/** The agent's main window: status, history and the selected call (or the settings). */
export function MainWindow() {
  const { t } = useTranslation();
  const browserMode = useBrowserMode();
  const [selected, setSelected] = useState<{ id: string; key: string } | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [contactsOpen, setContactsOpen] = useState(false);
  const [prefill, setPrefill] = useState<ContactInput | null>(null);
  const settingsButton = useRef<HTMLButtonElement>(null);
  useDialLinks(browserMode);
  useMissedTitle();
  // "Add contact" on a card: the contacts screen opens with a new contact for that number.
  useEffect(() => {
    const onAdd = (e: Event) => {
      const number = (e as CustomEvent<{ number: string }>).detail.number;
      setPrefill({
        name: '',
        company: '',
        email: '',
        notes: '',
        numbers: [{ label: 'mobile', number }],
      });
      setSettingsOpen(false);
      setContactsOpen(true);
    };
    window.addEventListener('callpop:add-contact', onAdd);
    return () => window.removeEventListener('callpop:add-contact', onAdd);
  }, []);
  const prefillUsed = useCallback(() => setPrefill(null), []);
  // Choosing a call shows it; unsaved settings edits wait in the store for the next visit.
  const select = (call: CallView) => {
    setSelected({ id: call.id, key: call.key });
    setSettingsOpen(false);
    setContactsOpen(false);
  };
  const closeSettings = () => {
    setSettingsOpen(false);
    settingsButton.current?.focus();
  };

  return (
    <div className="main-window">
      <ConnectionBanner />
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <div className="topbar-actions">
          {browserMode ? <NotificationPermissionButton /> : null}
          <button
            type="button"
            aria-expanded={contactsOpen}
            onClick={() => {
              setContactsOpen((v) => !v);
              setSettingsOpen(false);
            }}
          >
            {t('contacts.open')}
          </button>
          <button
            type="button"
            ref={settingsButton}
            aria-expanded={settingsOpen}
            onClick={() => {
              setContactsOpen(false);
              if (settingsOpen) closeSettings();
              else setSettingsOpen(true);
            }}
          >
            {t('settings.open')}
          </button>
        </div>
      </header>
      <AgentBar />
      <SettingsProblems />
      <Notices />
      <OutboxStrip />
      <SourcesStrip />
      <SupervisorBoard />
      <main className="main-grid">
        <HistoryList selectedKey={selected?.key ?? null} onSelect={select} />
        {settingsOpen ? (
          <SettingsPanel onClose={closeSettings} />
        ) : contactsOpen ? (
          <section className="detail-pane" aria-label={t('contacts.heading')}>
            <ContactsScreen prefill={prefill} onPrefillUsed={prefillUsed} />
          </section>
        ) : (
          <section className="detail-pane" aria-label={t('history.detailHeading')}>
            {selected ? (
              <CallDetail callId={selected.id} onSelect={select} />
            ) : (
              <p className="muted">{t('history.selectHint')}</p>
            )}
          </section>
        )}
      </main>
      {browserMode ? <BrowserCards /> : null}
    </div>
  );
}

/** Browser mode has no popup window: cards float in the configured corner of the page. */
function BrowserCards() {
  const api = useApi();
  const settings = useQuery(settingsQuery(api));
  const corner = settings.data?.settings.popup.corner ?? 'bottom-right';
  useCardNotifications();
  return <CardStack className={`overlay corner-${corner}`} />;
}
