// The browser-mode access token. `callpop serve` prints `http://127.0.0.1:P/#token=…`; the token
// is kept in sessionStorage so a reload still works, and removed from the visible URL so it
// does not end up in screenshots, bookmarks or screen shares.

const STORAGE_KEY = 'callpop.token';
const TOKEN_IN_HASH = /(^|[#&?])token=([^&]*)/;

export interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export function readAccessToken(env: TokenEnv): string | null {
  const match = TOKEN_IN_HASH.exec(env.location.hash);
  if (match) {
    const token = safeDecode(match[2] ?? '');
    try {
      env.storage?.setItem(STORAGE_KEY, token);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    const rest = env.location.hash
      .replace(TOKEN_IN_HASH, (_all, lead: string) => (lead === '#' ? '#' : ''))
      .replace(/^#&/, '#');
    const hash = rest === '#' ? '' : rest;
    env.history.replaceState(
      env.history.state,
      '',
      env.location.pathname + env.location.search + hash,
    );
    return token || null;
  }
  try {
    return env.storage?.getItem(STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** ws://host/ipc?token=… on http pages, wss:// on https pages. */
export function ipcSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ipc?token=${encodeURIComponent(token)}`;
}
