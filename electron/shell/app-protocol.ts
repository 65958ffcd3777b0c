// The renderer is served from a privileged custom scheme (app://callpop/...) instead of file://
// (Electron security checklist: "avoid file://"). It gives the UI a real origin that the IPC
// sender check and the navigation guard can compare against, lets every response carry the
// CSP header, and lets the GrantFileProtocolExtraPrivileges fuse go off. The file lookup is pure
// Node so it is tested against a real folder.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'callpop';

/** No remote code, no plugins, no framing; fetch/XHR only to ourselves (main owns the network). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `app://callpop/index.html#/popup` for route '/popup'; the main window uses route '/'. */
export function appUrl(route = '/'): string {
  const hash =
    route === '/' || route === '' ? '' : `#${route.startsWith('/') ? route : `/${route}`}`;
  return `${APP_SCHEME}://${APP_HOST}/index.html${hash}`;
}

/** True only for our own UI. (URL.origin is "null" for custom schemes, so compare parts.) */
export function isAppUrl(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  try {
    const url = new URL(raw);
    return (
      url.protocol === `${APP_SCHEME}:` &&
      url.host.toLowerCase() === APP_HOST &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file under `rootDir` a request names, or null when it is not ours or escapes the root. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(join(root, pathname));
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/** The protocol handler body: a Response for every request, never a throw. */
export async function serveAppRequest(rootDir: string, requestUrl: string): Promise<Response> {
  const file = resolveAppFile(rootDir, requestUrl);
  if (!file)
    return new Response('Not found', { status: 404, headers: securityHeaders('text/plain') });
  const type = MIME[extname(file).toLowerCase()];
  if (!type)
    return new Response('Not found', { status: 404, headers: securityHeaders('text/plain') });
  try {
    // fs reads inside app.asar in the packaged app (Electron patches fs for asar paths).
    const body = await readFile(file);
    return new Response(new Uint8Array(body), { status: 200, headers: securityHeaders(type) });
  } catch {
    return new Response('Not found', { status: 404, headers: securityHeaders('text/plain') });
  }
}
