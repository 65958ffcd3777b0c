import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallView, HistoryKind } from '../../../shared/ipc';
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
import { FirstRun } from '../settings/FirstRun';
import { SetupHints } from '../status/SetupHints';
import { AgentBar } from '../agent/AgentBar';
import { SupervisorBoard } from '../supervisor/SupervisorBoard';
import { HistoryList } from './HistoryList';
import { ShortcutsHelp } from '../shortcuts/ShortcutsHelp';
import { focusFirst, useGlobalShortcuts } from '../shortcuts/use-global-shortcuts';
import { ContactsScreen } from '../contacts/ContactsScreen';
import type { ContactInput } from '../../../shared/contacts/contact';
import { useDialLinks } from '../contacts/use-dial-links';
import { useMissedTitle } from './use-missed-title';
import { useTopbarBottom } from './use-topbar-bottom';

/** The agent's main window: status, history and the selected call (or the settings). */
export function MainWindow() {
  const { t } = useTranslation();
  const browserMode = useBrowserMode();
  const [selected, setSelected] = useState<{ id: string; key: string } | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const api = useApi();
  const settings = useQuery(settingsQuery(api));
  // First run opens by itself until it is finished or skipped; later only on request.
  const [setupWanted, setSetupWanted] = useState<boolean | null>(null);
  const firstRunDone = settings.data?.settings.app.firstRunDone;
  const setupOpen =
    !settingsOpen && settings.data !== undefined && (setupWanted ?? firstRunDone === false);
  const [contactsOpen, setContactsOpen] = useState(false);
  const [prefill, setPrefill] = useState<ContactInput | null>(null);
  const settingsButton = useRef<HTMLButtonElement>(null);
  useDialLinks(browserMode);
  useMissedTitle();
  const [historyKind, setHistoryKind] = useState<HistoryKind>('all');
  // Another window or the tray asks for a screen: "Add contact" on a card (the popup window's
  // or a browser-mode card) opens a new contact for that number; the tray's missed calls open
  // the history on them. Main shows this window; this is what it then shows.
  useEffect(
    () =>
      api.onShowMain((route) => {
        setSettingsOpen(false);
        if (route.to === 'new-contact') {
          setPrefill({
            name: '',
            company: '',
            email: '',
            notes: '',
            numbers: [{ label: 'mobile', number: route.number }],
          });
          setContactsOpen(true);
        } else {
          setContactsOpen(false);
          setHistoryKind(route.kind);
        }
      }),
    [api],
  );
  const prefillUsed = useCallback(() => setPrefill(null), []);
  // Choosing a call shows it; unsaved settings edits wait in the store for the next visit.
  const select = (call: CallView | null) => {
    setSelected(call ? { id: call.id, key: call.key } : null);
    if (call) setContactsOpen(false);
  };
  const [helpOpen, setHelpOpen] = useState(false);
  // An agent who goes to Settings instead is not sent back to the first run afterwards.
  const openSettings = () => {
    setContactsOpen(false);
    setSettingsOpen(true);
    setSetupWanted(false);
  };
  const closeSettings = () => {
    setSettingsOpen(false);
    settingsButton.current?.focus();
  };
  const topbarRef = useRef<HTMLElement>(null);
  useTopbarBottom(topbarRef);
  useGlobalShortcuts({
    help: () => setHelpOpen(true),
    settings: () => (settingsOpen ? closeSettings() : openSettings()),
    history: () => focusFirst('.history-row[tabindex="0"]'),
    newestCard: () => focusFirst('.card-stack .card'),
  });

  return (
    <div className="main-window">
      <ConnectionBanner />
      <header className="topbar" ref={topbarRef}>
        <h1>{t('app.title')}</h1>
        <div className="topbar-actions">
          {browserMode ? <NotificationPermissionButton /> : null}
          <button
            type="button"
            className="icon-button"
            aria-label={t('shortcuts.open')}
            aria-keyshortcuts="Shift+?"
            title={t('shortcuts.open')}
            onClick={() => setHelpOpen(true)}
          >
            <span aria-hidden="true">?</span>
          </button>
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
            aria-keyshortcuts="Control+,"
            onClick={() => (settingsOpen ? closeSettings() : openSettings())}
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
      <main className={`main-grid${settingsOpen || contactsOpen || setupOpen ? ' with-side' : ''}`}>
        {/* The window is as high as the screen; this column and the side pane each scroll by
            themselves, so the bars above stay put and a side pane's Save stays in view. */}
        <div className="main-column">
          <SupervisorBoard />
          <SetupHints onOpen={() => setSetupWanted(true)} />
          <HistoryList
            selectedKey={selected?.key ?? null}
            onSelect={select}
            kind={historyKind}
            onKindChange={setHistoryKind}
          />
        </div>
        {settingsOpen ? (
          <div className="side-pane">
            <SettingsPanel onClose={closeSettings} />
          </div>
        ) : contactsOpen ? (
          <section className="side-pane" aria-label={t('contacts.heading')}>
            <ContactsScreen prefill={prefill} onPrefillUsed={prefillUsed} />
          </section>
        ) : setupOpen && settings.data ? (
          <div className="side-pane">
            <FirstRun
              view={settings.data}
              onDone={() => {
                setSetupWanted(false);
                focusFirst('.history-row[tabindex="0"], #history-heading');
              }}
            />
          </div>
        ) : null}
      </main>
      {browserMode ? <BrowserCards /> : null}
      <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
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
