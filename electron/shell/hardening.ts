// App-wide guards (Electron security checklist; GitHub Desktop's web-contents-created guard,
// Fiddle's windows.ts). They apply to every webContents ever created, not only the two windows
// we make, so a future window or an injected frame cannot slip past them.
import type { Session, WebContents } from 'electron';
import type { Logger } from '../core/core-types';
import { CONTENT_SECURITY_POLICY, isAppUrl } from './app-protocol';
import { safeExternalUrl } from './external-url';
import { shownUrl } from '../../shared/scrub';

export interface GuardDeps {
  logger: Logger;
  /** shell.openExternal, called only with a validated http(s) URL. */
  openExternal: (url: string) => Promise<void> | void;
}

function openOutside(raw: string, deps: GuardDeps, why: string): void {
  const url = safeExternalUrl(raw);
  if (!url) {
    deps.logger.warn(`Blocked ${why} to a non-http(s) URL`, { url: shownUrl(raw) });
    return;
  }
  try {
    void Promise.resolve(deps.openExternal(url)).catch((err: unknown) =>
      deps.logger.warn('Could not open a link in the browser', { error: String(err) }),
    );
  } catch (err) {
    deps.logger.warn('Could not open a link in the browser', { error: String(err) });
  }
}

/** Call from app.on('web-contents-created'). */
export function guardWebContents(contents: WebContents, deps: GuardDeps): void {
  // No window.open, ever: http(s) links open in the agent's browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, deps, 'window.open');
    return { action: 'deny' };
  });
  // The UI routes by hash (same-document, no will-navigate); any real navigation away from our
  // own origin is refused, and an http(s) link goes to the browser.
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openOutside(event.url, deps, 'navigation');
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    deps.logger.warn('Blocked a redirect away from the app', { url: shownUrl(event.url) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.logger.warn('Blocked a <webview>');
  });
}

/**
 * Denies every permission request and check. CallPop's UI needs none: the popup window is the
 * notification, the tray and main own the clipboard ("Copy diagnostics"), and it has no
 * camera, microphone, geolocation, MIDI, USB, HID or serial use.
 */
export function hardenSession(ses: Session, logger: Logger): void {
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    logger.warn('Denied a permission request', {
      permission,
      url: shownUrl(contents.getURL()),
    });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The app:// handler sets the CSP itself; this also covers anything served over http(s)
  // into a CallPop webContents, should that ever happen.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
