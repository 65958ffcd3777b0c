// The agent's PBX state in the tray menu (desktop app): a Status submenu with the five
// presence profiles, and Ready / Logged in to queues as check items. Pure: built from the
// state main's PBX service last read, so the tests need no Electron.
import { PRESENCE_IDS } from '../../shared/pbx';
import type { AgentBarState, AgentChange } from '../../shared/pbx-views';
import type { TrayMenuItem } from './tray-state';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** No items when no PBX API is set up; otherwise the bar's controls, disabled while stale. */
export function agentMenuItems(
  state: AgentBarState | null,
  t: Translate,
  change: (c: AgentChange) => void,
): TrayMenuItem[] {
  if (!state || !state.available) return [];
  // The menu never acts on a state the PBX did not confirm lately.
  const usable = !state.stale;
  const pbx = (key: string) => t(`translation:pbx.${key}`);
  const status = state.presence ? pbx(`presence.${state.presence}`) : pbx('presenceUnknown');
  return [
    {
      id: 'pbx-status',
      label: `${pbx('status')}: ${status}${state.stale ? ' (!)' : ''}`,
      enabled: usable && state.can.presence,
      submenu: PRESENCE_IDS.map((id): TrayMenuItem => ({
        id: `pbx-presence-${id}`,
        label: pbx(`presence.${id}`),
        type: 'radio',
        checked: state.presence === id,
        click: () => change({ kind: 'presence', presence: id }),
      })),
    },
    {
      id: 'pbx-ready',
      label: pbx('ready'),
      type: 'checkbox',
      checked: state.ready === true,
      enabled: usable && state.can.ready,
      click: (item) => change({ kind: 'ready', ready: item.checked }),
    },
    {
      id: 'pbx-queues',
      label: pbx('queuesLogin'),
      type: 'checkbox',
      checked: state.queuesLoggedIn === true,
      enabled: usable && state.can.queuesLogin,
      click: (item) => change({ kind: 'queues', loggedIn: item.checked }),
    },
    { type: 'separator' },
  ];
}
