// Serves the built renderer from one folder: the path is checked never to leave it, unknown
// routes get the app (it routes itself), and the page is never cached so a new build shows.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a URL path to a file under `root`, or null when it would leave it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Any `..` segment is refused outright rather than clamped.
  if (decoded.split('/').includes('..')) return null;
  const rel = normalize(decoded).replace(/^\/+/, '');
  const full = resolve(root, rel);
  const rootAbs = resolve(root);
  if (full !== rootAbs && !full.startsWith(rootAbs + sep)) return null;
  return full;
}

export async function serveStaticFile(
  staticRoot: string,
  headers: Record<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  let file = resolveStaticPath(staticRoot, pathname === '/' ? '/index.html' : pathname);
  if (file === null) {
    res.writeHead(400, { ...headers, 'Content-Type': 'text/plain' }).end('Bad path');
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    // SPA fallback: routes without a file extension get the app; a missing asset is a 404.
    if (extname(pathname) !== '') {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    file = join(staticRoot, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      res
        .writeHead(503, { ...headers, 'Content-Type': 'text/plain' })
        .end('The CallPop UI is not built: run `npm run build`.');
      return;
    }
  }
  const body = await readFile(file);
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(file),
    'Content-Length': body.length,
    // Hashed assets may be cached; the page itself never, so a new build is picked up.
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=3600',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
