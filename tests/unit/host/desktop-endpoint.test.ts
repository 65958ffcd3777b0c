// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startDesktopEndpoint,
  type DesktopEndpoint,
} from '../../../electron/host/desktop-endpoint';
import { connectLocal, exchange, socketPathFor } from '../../../electron/host/forward';
import { listenLocal, type LocalServer, type Refusal } from '../../../electron/host/local-socket';

const dirs: string[] = [];
const open: Array<DesktopEndpoint | LocalServer> = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function logger() {
  const lines: string[] = [];
  const put = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, debug: put('debug'), info: put('info'), warn: put('warn'), error: put('error') };
}

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cp-desk-'));
  dirs.push(d);
  return d;
}

describe('the desktop app endpoint', () => {
  it('answers each request with the outcome of handling its argv', async () => {
    const dir = dataDir();
    const seen: string[][] = [];
    const ep = await startDesktopEndpoint({
      dataDir: dir,
      logger: logger(),
      handle: async (argv) => {
        seen.push(argv);
        return { kind: 'call', callId: 'D-1' };
      },
    });
    open.push(ep);
    expect(ep.path).toBe(socketPathFor(dir));
    const c = await connectLocal(socketPathFor(dir));
    if (!('socket' in c)) throw new Error(c.error);
    expect(await exchange(c.socket, { argv: ['/N:S', '/I:D-1'], cwd: '' })).toEqual({
      ok: true,
      outcome: { kind: 'call', callId: 'D-1' },
    });
    expect(seen).toEqual([['/N:S', '/I:D-1']]);
  });

  it('tells the app about a refused request, with its argv', async () => {
    const dir = dataDir();
    const refusals: Refusal[] = [];
    open.push(
      await startDesktopEndpoint({
        dataDir: dir,
        logger: logger(),
        handle: async () => ({ kind: 'open' }),
        onRefused: (r) => refusals.push(r),
      }),
    );
    await new Promise<void>((resolve) => {
      const c = createConnection(socketPathFor(dir), () => c.write('{"argv":"/N:S /I:9"}\n'));
      c.on('close', () => resolve());
      c.resume();
    });
    expect(refusals).toEqual([
      {
        reason: 'malformed request: argv must be an array of strings',
        argv: '["{\\"argv\\":\\"/N:S /I:9\\"}"]',
      },
    ]);
  });

  it('leaves the endpoint to a browser-mode CallPop that already serves the data directory', async () => {
    const dir = dataDir();
    const { acquire } = await import('../../../electron/host/local-socket');
    const role = await acquire({ dataDir: dir });
    if (role.role !== 'primary') throw new Error('expected to be primary');
    const browser = await listenLocal(socketPathFor(dir), async () => ({
      ok: true,
      outcome: null,
    }));
    open.push(browser);
    const log = logger();
    const ep = await startDesktopEndpoint({
      dataDir: dir,
      logger: log,
      handle: async () => ({ kind: 'open' }),
    });
    expect(ep.path).toBeNull();
    expect(log.lines.join('\n')).toMatch(
      /another CallPop \(browser mode\) serves this data directory/,
    );
    role.lock.release();
  });
});
