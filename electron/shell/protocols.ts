// tel: and callto: links open CallPop (a dial request). Only the packaged app registers: a dev
// run would register electron.exe as the phone handler of the machine.
export const DIAL_SCHEMES = ['tel', 'callto'] as const;

/** The part of Electron's app used here; app.ts passes the real one. */
export interface ProtocolClientApp {
  readonly isPackaged: boolean;
  isDefaultProtocolClient(scheme: string): boolean;
  setAsDefaultProtocolClient(scheme: string): boolean;
}

export function registerDialProtocols(
  app: ProtocolClientApp,
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
