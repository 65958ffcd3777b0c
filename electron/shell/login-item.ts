// "Start CallPop when I log in" (settings.app.openAtLogin). The login start passes --hidden so
// the agent's desktop comes up with the tray icon only. The portable build runs from a temp
// folder, so its login item must point at the portable exe itself.
import { HIDDEN_FLAG } from './second-instance';

/** The part of Electron's app used here; app.ts passes the real one. */
export interface LoginItemApp {
  readonly isPackaged: boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean; args: string[]; path?: string }): void;
}

export function applyLoginItem(
  app: LoginItemApp,
  openAtLogin: boolean,
  env: Readonly<Record<string, string | undefined>> = process.env,
): void {
  // An unpackaged dev build would register electron.exe itself; leave the machine alone.
  if (!app.isPackaged) return;
  const portable = env.PORTABLE_EXECUTABLE_FILE;
  app.setLoginItemSettings({
    openAtLogin,
    args: [HIDDEN_FLAG],
    ...(portable ? { path: portable } : {}),
  });
}
