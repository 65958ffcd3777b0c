// Browser mode's window onto the core: serves the built renderer on 127.0.0.1 and carries the
// IPC contract over one WebSocket endpoint, /ipc.
//
// Who may talk to it: only a page that the server itself served. The WebSocket upgrade needs
// the random token (which the page gets from the URL fragment, never sent to the server by the
// browser on navigation) AND an Origin of this very server; every request needs a Host header
// naming this server, so a DNS-rebound page cannot reach it either.
//
// Wire protocol (the renderer's bridge speaks it):
//   client → server  {"id": <number>, "channel": "<InvokeChannel>", "payload": {...}}
//   server → client  {"id": <same>, "result": <Result from core.invoke>}
//   server → client  {"event": "<PushEvent>", "payload": ...}   (every core push, every client)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { Core, Logger } from '../core/core-types';

export interface WebServerOptions {
  core: Pick<Core, 'invoke' | 'subscribe'>;
  logger: Logger;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 64 hex characters; required on the WebSocket upgrade. */
  token: string;
  /** 0 = any free port. */
  port: number;
  /** When `port` is taken, fall back to a random free port instead of failing. */
  fallbackToRandomPort?: boolean;
  host?: '127.0.0.1';
}

export interface WebServer {
  readonly port: number;
  /** The address to open, with the token in the fragment. */
  readonly url: string;
  /** Number of connected WebSocket clients (tests, diagnostics). */
  clientCount(): number;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 5017;
const MAX_FRAME_BYTES = 1024 * 1024;
/** A client that cannot keep up with pushes is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

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

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

/** Constant-time token check; false for anything that is not exactly the token. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // Compare equal-length buffers always, so the time does not reveal the length either.
  const same = timingSafeEqual(a, b.length === a.length ? b : Buffer.alloc(a.length));
  return same && b.length === a.length;
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
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

type IncomingFrame =
  { id: number | null; channel: string; payload: unknown } | { id: number | null; error: string };

/** Reads one client frame; the error names what is wrong, for the reply and the log. */
export function parseFrame(text: string): IncomingFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'a frame must be a JSON object' };
  }
  const v = value as { id?: unknown; channel?: unknown; payload?: unknown };
  const id = typeof v.id === 'number' && Number.isSafeInteger(v.id) ? v.id : null;
  if (id === null) return { id: null, error: 'a frame needs a numeric "id"' };
  if (typeof v.channel !== 'string' || v.channel.length === 0 || v.channel.length > 100) {
    return { id, error: 'a frame needs a "channel" string' };
  }
  return { id, channel: v.channel, payload: v.payload ?? {} };
}

function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404, reason: string): void {
  const text = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[
    status
  ];
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`,
  );
  socket.destroy();
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      fail(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      done(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { core, logger, token } = options;
  const host = options.host ?? '127.0.0.1';
  const staticRoot = resolve(options.staticDir);
  let port: number;
  let hosts = new Set<string>();
  let origins = new Set<string>();
  let headers: Record<string, string> = {};

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  async function serveFile(
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

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
          res.writeHead(403, { ...headers, 'Content-Type': 'text/plain' }).end('Forbidden host');
          return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res
            .writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' })
            .end();
          return;
        }
        const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (pathname === '/api/health') {
          res
            .writeHead(200, {
              ...headers,
              'Content-Type': 'application/json',
              'Cache-Control': 'no-store',
            })
            .end(JSON.stringify({ ok: true }));
          return;
        }
        if (pathname === '/api/token-check') {
          // Lets a page whose WebSocket is refused tell "CallPop is down" from "this link's token
          // is no longer valid". The token travels in a header: never in a URL or a log line.
          // A custom header needs a CORS preflight, which this server never grants, so other
          // origins cannot use it as an oracle.
          const given = req.headers['x-callpop-token'];
          const ok = tokenMatches(token, typeof given === 'string' ? given : null);
          res.writeHead(ok ? 204 : 401, { ...headers, 'Cache-Control': 'no-store' }).end();
          return;
        }
        if (pathname === '/ipc') {
          res.writeHead(426, { ...headers, 'Content-Type': 'text/plain' }).end('Upgrade required');
          return;
        }
        await serveFile(req, res, pathname);
      } catch (err) {
        logger.error(`web server: ${(err as Error).message}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end();
      }
    })();
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      refuseUpgrade(socket, 400, 'Bad request');
      return;
    }
    if (url.pathname !== '/ipc') {
      refuseUpgrade(socket, 404, 'Not found');
      return;
    }
    if (!tokenMatches(token, url.searchParams.get('token'))) {
      logger.warn('web server: WebSocket refused: missing or wrong token', {
        origin: req.headers.origin ?? null,
      });
      refuseUpgrade(socket, 401, 'Unauthorized');
      return;
    }
    const origin = req.headers.origin;
    if (
      typeof origin !== 'string' ||
      !origins.has(origin.toLowerCase()) ||
      !hosts.has((req.headers.host ?? '').toLowerCase())
    ) {
      logger.warn('web server: WebSocket refused: foreign origin', { origin: origin ?? null });
      refuseUpgrade(socket, 403, 'Forbidden origin');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: unknown): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      logger.warn('web server: dropping a client that does not read its messages');
      ws.terminate();
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (err) {
      logger.error(`web server: unserialisable message: ${(err as Error).message}`);
      return;
    }
    ws.send(text);
  };

  wss.on('connection', (ws: WebSocket) => {
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, 30_000);
    heartbeat.unref();
    ws.on('close', () => clearInterval(heartbeat));
    ws.on('error', (err) => logger.warn(`web server: WebSocket error: ${err.message}`));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        logger.warn('web server: binary frame refused');
        ws.close(1003, 'text frames only');
        return;
      }
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
      const frame = parseFrame(text);
      if (frame === null) {
        logger.warn('web server: unparseable frame; closing the connection');
        ws.close(1003, 'unparseable frame');
        return;
      }
      if ('error' in frame) {
        logger.warn(`web server: malformed frame: ${frame.error}`);
        send(ws, { id: frame.id, result: { ok: false, error: frame.error } });
        return;
      }
      void core
        .invoke(frame.channel, frame.payload)
        .catch((err: unknown) => ({ ok: false as const, error: (err as Error).message }))
        .then((result) => send(ws, { id: frame.id, result }));
    });
  });

  const unsubscribe = core.subscribe((event, payload) => {
    for (const ws of wss.clients) send(ws, { event, payload });
  });

  try {
    port = await listen(server, options.port, host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (
      options.port !== 0 &&
      options.fallbackToRandomPort &&
      (code === 'EADDRINUSE' || code === 'EACCES')
    ) {
      logger.info(`web server: port ${options.port} is taken; using a random free port`);
      port = await listen(server, 0, host);
    } else {
      unsubscribe();
      wss.close();
      throw err;
    }
  }
  hosts = allowedHosts(port);
  origins = allowedOrigins(port);
  headers = securityHeaders(port);
  const url = `http://127.0.0.1:${port}/#token=${token}`;

  return {
    port,
    url,
    clientCount: () => wss.clients.size,
    async close() {
      unsubscribe();
      for (const ws of wss.clients) ws.close(1001, 'CallPop is shutting down');
      await new Promise<void>((r) => wss.close(() => r()));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}
