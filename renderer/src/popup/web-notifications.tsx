// Browser mode has no popup window, so a new card in a hidden tab also raises a desktop
// notification. Permission is only ever asked for from a click, as browsers require.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStoreApi } from '../api-context';
import { numberText } from '../format';

type Permission = NotificationPermission | 'unsupported';

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Notifies about every card that appears while the page is hidden. */
export function useCardNotifications(): void {
  const store = useAppStoreApi();
  const { t } = useTranslation();
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (!document.hidden || currentPermission() !== 'granted') return;
        const before = new Set(prev.cards.map((c) => c.key));
        for (const call of state.cards) {
          if (before.has(call.key)) continue;
          const n = new Notification(
            call.direction === 'outbound' ? t('notify.titleOutbound') : t('notify.title'),
            { body: numberText(t, call), tag: `callpop-${call.key}` },
          );
          n.onclick = () => {
            window.focus();
            n.close();
          };
        }
      }),
    [store, t],
  );
}

/** "Enable desktop notifications", shown until the agent has answered the browser's question. */
export function NotificationPermissionButton() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState<Permission>(currentPermission);
  if (permission === 'unsupported' || permission === 'granted') return null;
  if (permission === 'denied') return <span className="muted">{t('notify.blocked')}</span>;
  return (
    <button
      type="button"
      onClick={() => {
        void Notification.requestPermission().then(setPermission);
      }}
    >
      {t('notify.enable')}
    </button>
  );
}
