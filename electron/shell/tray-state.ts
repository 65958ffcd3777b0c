// What the tray shows, as pure functions of what main knows: the calls in progress, the
// outbox and the settings problems. tray.ts only turns the result into Electron objects.
import type { CallView, OutboxSummary } from '../../shared/ipc';
import type { CallState } from '../../shared/call-tracker';

export const TRAY_ICONS = ['idle', 'ringing', 'in-call', 'problem'] as const;
export type TrayIcon = (typeof TRAY_ICONS)[number];

export interface TrayFacts {
  /** Calls not yet ended, by case-folded id. */
  calls: ReadonlyMap<string, { state: CallState; number: string | null }>;
  outbox: Pick<OutboxSummary, 'failed'> | null;
  settingsProblems: number;
  /** PBX event sources (REST live calls, Call Control) that do not work right now. */
  sourcesDown?: number;
  paused: boolean;
  /** Missed calls the agent has not looked at yet (main's count, as the window titles show). */
  missed?: number;
}

export interface TrayText {
  key: string;
  params?: Record<string, string | number>;
}

export interface TrayView {
  icon: TrayIcon;
  status: TrayText;
  /** A problem line shown under the status while a call takes the icon. */
  problem: TrayText | null;
  /** Missed calls not looked at yet: a badge on the icon, a line in the tooltip and menu. */
  missed: number;
}

/** Keeps `calls` current from one `call.updated` push; returns a new map. */
export function trackCall(
  calls: ReadonlyMap<string, { state: CallState; number: string | null }>,
  call: Pick<CallView, 'key' | 'state' | 'number'>,
): Map<string, { state: CallState; number: string | null }> {
  const next = new Map(calls);
  if (call.state === 'ended') next.delete(call.key);
  else next.set(call.key, { state: call.state, number: call.number });
  return next;
}

function problemOf(facts: TrayFacts): TrayText | null {
  const failed = facts.outbox?.failed ?? 0;
  if (failed > 0) return { key: 'status.deliveryFailed', params: { count: failed } };
  // A call source that stopped means calls may not pop: that outranks settings problems.
  const down = facts.sourcesDown ?? 0;
  if (down > 0) return { key: 'status.sourceDown', params: { count: down } };
  if (facts.settingsProblems > 0)
    return { key: 'status.settingsProblem', params: { count: facts.settingsProblems } };
  return null;
}

/** Ringing beats in a call beats a problem beats idle: the icon shows what needs the agent now. */
export function trayView(facts: TrayFacts): TrayView {
  return { ...stateView(facts), missed: Math.max(0, facts.missed ?? 0) };
}

function stateView(facts: TrayFacts): Omit<TrayView, 'missed'> {
  const active = [...facts.calls.values()];
  const ringing = active.find((c) => c.state === 'ringing');
  const problem = problemOf(facts);
  if (ringing) {
    return {
      icon: 'ringing',
      status: ringing.number
        ? { key: 'status.ringing', params: { number: ringing.number } }
        : { key: 'status.ringingWithheld' },
      problem,
    };
  }
  if (active.length > 0)
    return {
      icon: 'in-call',
      status: { key: 'status.inCall', params: { count: active.length } },
      problem,
    };
  if (problem) return { icon: 'problem', status: problem, problem: null };
  return {
    icon: 'idle',
    status: { key: facts.paused ? 'status.paused' : 'status.idle' },
    problem: null,
  };
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface TrayActions {
  open(): void;
  setPaused(paused: boolean): void;
  openLogs(): void;
  copyDiagnostics(): void;
  /** Opens the main window's history filtered on missed calls. */
  openMissed(): void;
  quit(): void;
}

/** The part of Electron's MenuItemConstructorOptions the tray menu uses (tray.ts builds it). */
export interface TrayMenuItem {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox' | 'radio';
  checked?: boolean;
  enabled?: boolean;
  click?: (item: { checked: boolean }) => void;
  submenu?: TrayMenuItem[];
}

export function trayMenuTemplate(
  view: TrayView,
  facts: Pick<TrayFacts, 'paused'> & { pauseLocked: boolean },
  t: Translate,
  actions: TrayActions,
  /** The agent's PBX controls (tray-agent.ts), shown below the status lines. */
  agentItems: TrayMenuItem[] = [],
): TrayMenuItem[] {
  const lines: TrayMenuItem[] = [
    { id: 'status', label: t(view.status.key, view.status.params), enabled: false },
  ];
  if (view.problem)
    lines.push({ id: 'problem', label: t(view.problem.key, view.problem.params), enabled: false });
  if (view.missed > 0)
    lines.push({
      id: 'missed',
      label: t('missed', { count: view.missed }),
      click: () => actions.openMissed(),
    });
  return [
    { id: 'open', label: t('open'), click: () => actions.open() },
    { type: 'separator' },
    ...lines,
    { type: 'separator' },
    ...agentItems,
    {
      id: 'pause',
      label: t('pause'),
      type: 'checkbox',
      checked: facts.paused,
      // An IT admin may lock popup.paused in the machine-wide file.
      enabled: !facts.pauseLocked,
      click: (item) => actions.setPaused(item.checked),
    },
    { id: 'open-logs', label: t('openLogs'), click: () => actions.openLogs() },
    { id: 'copy-diagnostics', label: t('copyDiagnostics'), click: () => actions.copyDiagnostics() },
    { type: 'separator' },
    { id: 'quit', label: t('quit'), click: () => actions.quit() },
  ];
}

export function trayTooltip(view: TrayView, t: Translate): string {
  const status = t(view.status.key, view.status.params);
  const extra = view.problem ? ` · ${t(view.problem.key, view.problem.params)}` : '';
  const missed = view.missed > 0 ? ` · ${t('missed', { count: view.missed })}` : '';
  return t('tooltip', { status: status + extra + missed });
}

/** The icon file for a view: `<state>-missed` carries the missed-calls badge. */
export function trayIconName(view: Pick<TrayView, 'icon' | 'missed'>): string {
  return view.missed > 0 ? `${view.icon}-missed` : view.icon;
}
