// The tray icon: the one thing of CallPop that is always there. Its look says idle / ringing /
// in a call / problem; its menu opens the app, pauses popups, reaches the logs and copies the
// diagnostics; only its Quit ends CallPop. One per process, and only the primary has one.
import { app, clipboard, Menu, nativeImage, shell, Tray, type NativeImage } from 'electron';
import i18next, { type i18n as I18n } from 'i18next';
import { arch, release } from 'node:os';
import { join } from 'node:path';
import type { SettingsView } from '../shared/ipc';
import { resolveLanguage, resources as uiResources, SUPPORTED_LANGUAGES } from '../shared/i18n';
import { isLocked } from '../shared/settings-paths';
import type { Core, Logger } from './core/core-types';
import { diagnosticsText } from './shell/diagnostics';
import { dataDirMode, dataDirPrivacy } from './shell/data-dir-privacy';
import { secretValuesOf } from '../shared/settings-paths';
import { trayStrings } from '../shared/i18n/tray';
import { agentMenuItems } from './shell/tray-agent';
import type { AgentBarState, AgentChange } from '../shared/pbx-views';
import {
  trackCall,
  trayIconName,
  trayMenuTemplate,
  trayTooltip,
  trayView,
  type TrayFacts,
  type TrayView,
} from './shell/tray-state';

export interface TrayDeps {
  core: Pick<Core, 'invoke' | 'subscribe' | 'settings'>;
  showMain(): void;
  quit(): void;
  logger: Logger & { recentProblems?(): string[]; readonly file?: string | null };
  /** Folder with idle.png, ringing.png, in-call.png, problem.png, each -missed too (+ @2x). */
  iconDir: string;
  dataDir: string;
  logsDir: string;
}

export interface CallPopTray {
  view(): TrayView;
  /** The text "Copy diagnostics" puts on the clipboard. */
  diagnostics(): Promise<string>;
  destroy(): void;
}

export function createI18n(language: string): I18n {
  const resources = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((lng) => [lng, { ...uiResources[lng], tray: trayStrings[lng] }]),
  );
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: resolveLanguage(language, app.getPreferredSystemLanguages()),
    fallbackLng: 'en',
    ns: ['tray', 'translation'],
    defaultNS: 'tray',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** PBX event sources that do not work right now. */
function downCount(list: readonly { state: string }[]): number {
  return Array.isArray(list) ? list.filter((s) => s.state === 'down').length : 0;
}

export function createTray(deps: TrayDeps): CallPopTray {
  const { core, logger } = deps;
  const i18n = createI18n(core.settings().language);
  const t = (key: string, params?: Record<string, string | number>) => i18n.t(key, params ?? {});

  let facts: TrayFacts = {
    calls: new Map(),
    outbox: null,
    settingsProblems: 0,
    sourcesDown: 0,
    paused: core.settings().popup.paused,
  };
  let locked: string[] = [];
  let agent: AgentBarState | null = null;
  let current = trayView(facts);
  const images = new Map<string, NativeImage>();
  const image = (icon: string): NativeImage => {
    let img = images.get(icon);
    if (!img) {
      // createFromPath picks icon@2x.png on 200 % displays by itself.
      img = nativeImage.createFromPath(join(deps.iconDir, `${icon}.png`));
      if (img.isEmpty()) logger.warn('Tray icon missing', { icon, dir: deps.iconDir });
      images.set(icon, img);
    }
    return img;
  };

  const tray = new Tray(image('idle'));

  async function diagnostics(): Promise<string> {
    const [settings, outbox, latency] = await Promise.all([
      core.invoke('settings.get', {}),
      core.invoke('outbox.summary', {}),
      core.invoke('latency.report', {}),
    ]);
    return diagnosticsText({
      appName: app.getName(),
      appVersion: app.getVersion(),
      versions: process.versions,
      platform: process.platform,
      arch: arch(),
      osRelease: release(),
      dataDir: deps.dataDir,
      logFile: deps.logger.file ?? null,
      settings: settings.ok ? settings.value : null,
      outbox: outbox.ok ? outbox.value : null,
      recentProblems: deps.logger.recentProblems?.() ?? [],
      latency: latency.ok ? latency.value.summary : null,
      now: new Date(),
      dataDirPrivacy: dataDirPrivacy({
        dataDir: deps.dataDir,
        platform: process.platform,
        env: process.env,
        mode: dataDirMode(deps.dataDir),
      }).text,
      secrets: secretValuesOf(core.settings()),
    });
  }

  const actions = {
    open: () => deps.showMain(),
    setPaused(paused: boolean) {
      void core.invoke('settings.save', { patch: { popup: { paused } } }).then((r) => {
        if (!r.ok) logger.warn('Could not pause/resume popups', { error: r.error.message });
        else facts = { ...facts, paused };
        render();
      });
    },
    openLogs() {
      void shell.openPath(deps.logsDir).then((error) => {
        if (error) logger.warn('Could not open the logs folder', { error });
      });
    },
    openMissed() {
      // The push shows the main window (windows.ts) and its history on the missed calls.
      void core.invoke('main.show', { to: 'history', kind: 'missed' }).then((r) => {
        if (!r.ok) logger.warn('Could not open the missed calls', { error: r.error.message });
      });
    },
    copyDiagnostics() {
      void diagnostics()
        .then((text) => clipboard.writeText(text))
        .catch((err: unknown) => logger.warn('Could not copy diagnostics', { error: String(err) }));
    },
    quit: () => deps.quit(),
  };

  function changeAgent(change: AgentChange): void {
    void core.invoke('pbx.agent.change', { change }).then((r) => {
      if (!r.ok) logger.warn('Could not change the agent status', { error: r.error });
      else {
        const result = r.value;
        agent = result.state;
        if (!result.ok) logger.warn('The PBX refused an agent status change from the tray');
      }
      render();
    });
  }

  function render(): void {
    current = trayView(facts);
    tray.setImage(image(trayIconName(current)));
    tray.setToolTip(trayTooltip(current, t));
    const pauseLocked = isLocked('popup.paused', locked);
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(
          current,
          { paused: facts.paused, pauseLocked },
          t,
          actions,
          agentMenuItems(agent, t, changeAgent),
        ),
      ),
    );
  }

  function applySettings(view: SettingsView): void {
    locked = view.locked;
    facts = {
      ...facts,
      paused: view.settings.popup.paused,
      settingsProblems: view.problems.length,
    };
    const lng = resolveLanguage(view.settings.language, app.getPreferredSystemLanguages());
    if (i18n.language !== lng) void i18n.changeLanguage(lng);
  }

  const unsubscribe = core.subscribe((event, payload) => {
    if (event === 'call.updated') facts = { ...facts, calls: trackCall(facts.calls, payload) };
    else if (event === 'outbox.changed') facts = { ...facts, outbox: payload };
    else if (event === 'settings.changed') applySettings(payload);
    else if (event === 'sources.changed') facts = { ...facts, sourcesDown: downCount(payload) };
    else if (event === 'pbx.agent.changed') agent = payload;
    else if (event === 'missed.changed') facts = { ...facts, missed: payload.count };
    else return;
    render();
  });

  // Windows opens the app on a left click; the menu is on the right click.
  tray.on('click', () => deps.showMain());
  render();

  void Promise.all([
    core.invoke('settings.get', {}),
    core.invoke('outbox.summary', {}),
    core.invoke('sources.status', {}),
    core.invoke('missed.get', {}),
  ]).then(([settings, outbox, sources, missed]) => {
    if (settings.ok) applySettings(settings.value);
    if (missed.ok) facts = { ...facts, missed: missed.value.count };
    if (outbox.ok) facts = { ...facts, outbox: outbox.value };
    if (sources.ok) facts = { ...facts, sourcesDown: downCount(sources.value) };
    render();
  });
  void core.invoke('pbx.agent.get', { background: true }).then((r) => {
    if (r.ok) agent = r.value;
    render();
  });

  return {
    view: () => current,
    diagnostics,
    destroy() {
      unsubscribe();
      tray.destroy();
    },
  };
}
