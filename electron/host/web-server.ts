// Browser mode's window onto the core: an HTTP server on 127.0.0.1 that serves the built
// renderer (web/static-files.ts), answers /api/health and /api/token-check, and upgrades /ipc
// to the WebSocket that carries the IPC contract (web/ws-rpc.ts).
//
// Who may talk to it (web/request-guards.ts): only a page that the server itself served. The
// WebSocket upgrade needs the random token (which the page gets from the URL fragment, never
// sent to the server by the browser on navigation) AND an Origin of this very server; every
// request needs a Host header naming this server, so a DNS-rebound page cannot reach it either.
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import type { Core, Logger } from '../core/core-types';
import {
  allowedHosts,
  allowedOrigins,
  refuseUpgrade,
  securityHeaders,
  tokenMatches,
} from './web/request-guards';
import { serveStaticFile } from './web/static-files';
import { serveRpc } from './web/ws-rpc';

export interface WebServerOptions {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
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
        await serveStaticFile(staticRoot, headers, req, res, pathname);
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

  const unsubscribe = serveRpc(wss, core, logger);

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
