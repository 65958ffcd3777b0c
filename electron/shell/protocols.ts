// tel: and callto: links open CallPop (a dial request). Only the packaged app registers: a dev
// run would register electron.exe as the phone handler of the machine.
import type { App } from 'electron';

export const DIAL_SCHEMES = ['tel', 'callto'] as const;

export function registerDialProtocols(
  app: Pick<App, 'isPackaged' | 'isDefaultProtocolClient' | 'setAsDefaultProtocolClient'>,
  log: (message: string, meta?: Record<string, unknown>) => void,
): void {
  if (!app.isPackaged) return;
  for (const scheme of DIAL_SCHEMES) {
    if (app.isDefaultProtocolClient(scheme)) continue;
    // On Windows 10/11 this registers CallPop as a handler; the user's choice in
    // Settings → Default apps still decides which one opens the link.
    if (!app.setAsDefaultProtocolClient(scheme))
      log(`Could not register CallPop for ${scheme}: links`);
  }
}
