// Picks how the renderer reaches main: Electron's preload (`window.callpop`) or, in browser
// mode, the WebSocket served by `callpop serve`.
import { createApi, ipcError, type CallPopApi } from '../../shared/ipc';
import { ALWAYS_OPEN, type ConnectionSource } from './bridge-types';
import { createWsBridge } from './ws-bridge';
import { ipcSocketUrl, readAccessToken } from './token';

export interface Transport {
  api: CallPopApi;
  connection: ConnectionSource;
  /** Browser mode: no separate popup window, so cards and notifications live in the page. */
  browserMode: boolean;
}

export function pickTransport(win: Window = window): Transport {
  if (win.callpop) return { api: win.callpop, connection: ALWAYS_OPEN, browserMode: false };

  const token = readAccessToken({
    location: win.location,
    history: win.history,
    storage: sessionStorageOf(win),
  });
  if (!token) return { api: disconnectedApi(), connection: NO_TOKEN, browserMode: true };

  const bridge = createWsBridge({
    url: ipcSocketUrl(win.location, token),
    checkToken: () => checkToken(win, token),
  });
  return {
    api: createApi(bridge.invoke, bridge.subscribe, bridge.ready),
    connection: bridge.connection,
    browserMode: true,
  };
}

/** Asks the server whether it still knows this token (it answers 204 or 401, nothing else). */
async function checkToken(win: Window, token: string): Promise<'valid' | 'invalid' | 'unknown'> {
  try {
    const res = await win.fetch('/api/token-check', {
      headers: { 'X-CallPop-Token': token },
      cache: 'no-store',
    });
    if (res.status === 204) return 'valid';
    if (res.status === 401) return 'invalid';
    return 'unknown';
  } catch {
    return 'unknown'; // CallPop is not running: keep trying
  }
}

function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    // Some privacy settings throw on access; the token then lasts for this page load only.
    return null;
  }
}

const NO_TOKEN: ConnectionSource = { getStatus: () => 'no-token', subscribe: () => () => {} };

/** Without a token the server would refuse us; every call answers with an error instead. */
function disconnectedApi(): CallPopApi {
  return createApi(
    async () => ({ ok: false, error: ipcError('disconnected', 'no access token') }),
    () => () => {},
    async () => undefined,
  );
}
