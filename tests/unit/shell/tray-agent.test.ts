// @vitest-environment node
// The tray's agent items: the PBX state as radio/check items, changes sent as agent changes,
// nothing while no PBX API is set up, and no acting on a stale state.
import i18next from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItem, MenuItemConstructorOptions } from 'electron';
import { agentMenuItems } from '../../../electron/shell/tray-agent';
import { resources } from '../../../shared/i18n';
import type { AgentBarState } from '../../../shared/pbx-views';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: resources.en.translation, tray: {} } },
  lng: 'en',
  ns: ['tray', 'translation'],
  defaultNS: 'tray',
  initAsync: false,
});
const t = (k: string, p?: Record<string, string | number>) => i18n.t(k, p ?? {});

const state: AgentBarState = {
  available: true,
  extension: '102',
  presence: 'away',
  ready: false,
  queuesLoggedIn: true,
  queues: [],
  can: { presence: true, ready: true, queuesLogin: true, perQueue: false },
  fetchedAt: 1,
  stale: false,
  error: null,
  reachability: { reachable: true, lastGoodAt: 1, lastError: null },
};

const click = (item: MenuItemConstructorOptions, checked: boolean) =>
  item.click?.({ checked } as MenuItem, undefined, {} as never);

describe('tray agent items', () => {
  it('shows the state and sends changes', () => {
    const change = vi.fn();
    const items = agentMenuItems(state, t, change);
    const status = items.find((i) => i.id === 'pbx-status')!;
    expect(status.label).toBe('Status: Away');
    const sub = status.submenu as MenuItemConstructorOptions[];
    expect(sub.map((i) => [i.label, i.checked])).toEqual([
      ['Available', false],
      ['Away', true],
      ['Out of office', false],
      ['Custom 1', false],
      ['Custom 2', false],
    ]);
    click(sub[0]!, true);
    expect(change).toHaveBeenLastCalledWith({ kind: 'presence', presence: 'avail' });
    const ready = items.find((i) => i.id === 'pbx-ready')!;
    expect([ready.label, ready.checked]).toEqual(['Ready', false]);
    click(ready, true);
    expect(change).toHaveBeenLastCalledWith({ kind: 'ready', ready: true });
    const queues = items.find((i) => i.id === 'pbx-queues')!;
    expect([queues.label, queues.checked]).toEqual(['Logged in to queues', true]);
    click(queues, false);
    expect(change).toHaveBeenLastCalledWith({ kind: 'queues', loggedIn: false });
  });

  it('nothing without a PBX; disabled while stale', () => {
    expect(agentMenuItems(null, t, vi.fn())).toEqual([]);
    expect(agentMenuItems({ ...state, available: false }, t, vi.fn())).toEqual([]);
    const stale = agentMenuItems({ ...state, stale: true }, t, vi.fn());
    expect(stale.filter((i) => i.id).every((i) => i.enabled === false)).toBe(true);
  });
});
