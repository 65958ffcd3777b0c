// "Start CallPop when I log in" (settings.app.openAtLogin). The login start passes --hidden so
// the agent's desktop comes up with the tray icon only. The portable build runs from a temp
// folder, so its login item must point at the portable exe itself.
import type { App } from 'electron';
import { HIDDEN_FLAG } from './second-instance';

export function applyLoginItem(
  app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>,
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
