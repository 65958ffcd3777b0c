import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectLocal,
  endpointFor,
  exchange,
  hashText,
  socketPathFor,
} from '../../../electron/host/forward';

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cp-fwd-'));
  dirs.push(d);
  return d;
}

describe('socketPathFor', () => {
  it('is <dataDir>/callpop.sock on Unix', () => {
    expect(socketPathFor('/tmp/x', 'linux')).toBe('/tmp/x/callpop.sock');
  });

  it('is a named pipe on Windows, the same for the same directory in any case', () => {
    const a = socketPathFor('C:\\Users\\Agent\\AppData\\CallPop', 'win32');
    expect(a).toMatch(/^\\\\\.\\pipe\\callpop-[0-9a-f]{16}$/);
    expect(socketPathFor('C:\\Users\\Agent\\AppData\\CallPop', 'win32')).toBe(a);
    expect(socketPathFor('C:\\Users\\Agent\\AppData\\OtherDir', 'win32')).not.toBe(a);
  });

  it('never falls back to a predictable name directly in the shared temp directory', () => {
    const long = '/tmp/' + 'd'.repeat(120);
    const inTmp = endpointFor(long, {
      platform: 'linux',
      tmpDir: '/var/tmp',
      xdgRuntimeDir: '',
      uid: 1000,
    });
    expect(inTmp.path).toMatch(/^\/var\/tmp\/callpop-1000\/callpop-[0-9a-f]{16}\.sock$/);
    expect(inTmp).toMatchObject({ dir: '/var/tmp/callpop-1000', privateDir: true });
    const inXdg = endpointFor(long, { platform: 'linux', xdgRuntimeDir: '/run/user/1000' });
    expect(inXdg.path).toMatch(/^\/run\/user\/1000\/callpop-[0-9a-f]{16}\.sock$/);
    expect(endpointFor(long, { platform: 'linux', xdgRuntimeDir: '/run/user/1000' })).toEqual(
      inXdg,
    );
  });

  it('hashes deterministically', () => {
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
  });
});

describe('connectLocal / exchange', () => {
  it('reports ENOENT when nothing is there', async () => {
    const r = await connectLocal(join(tempDir(), 'none.sock'));
    expect(r).toEqual({ error: 'ENOENT' });
  });

  it('sends one line and reads one reply line', async () => {
    const path = join(tempDir(), 's.sock');
    let got = '';
    const server = createServer((c) => {
      c.on('data', (d) => {
        got += d.toString();
        if (got.includes('\n'))
          c.end(JSON.stringify({ ok: true, outcome: { kind: 'open' } }) + '\n');
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(path, r));
    const c = await connectLocal(path);
    if (!('socket' in c)) throw new Error(c.error);
    const reply = await exchange(c.socket, { argv: ['/N:S'], cwd: '/' });
    expect(reply).toEqual({ ok: true, outcome: { kind: 'open' } });
    expect(JSON.parse(got)).toEqual({ argv: ['/N:S'], cwd: '/' });
  });

  it('gives null when the primary closes without answering, and times out on silence', async () => {
    const path = join(tempDir(), 's.sock');
    const server = createServer((c) => {
      c.on('data', (d) => {
        if (d.toString().includes('close')) c.destroy();
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(path, r));
    const a = await connectLocal(path);
    if (!('socket' in a)) throw new Error(a.error);
    expect(await exchange(a.socket, { argv: ['close'], cwd: '/' })).toBeNull();
    const b = await connectLocal(path);
    if (!('socket' in b)) throw new Error(b.error);
    expect(await exchange(b.socket, { argv: ['silence'], cwd: '/' }, 200)).toBe('timeout');
  });
});
