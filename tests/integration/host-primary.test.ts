// Browser mode's primary with the real core and SQLite, in this process: a forwarded argv is
// journaled before its ack, reaches WebSocket clients as pushes, and the IPC contract answers
// over the socket. No browser needed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import WebSocket from 'ws';
import { acquire } from '../../electron/host/local-socket';
import { connectLocal, exchange, socketPathFor } from '../../electron/host/forward';
import { loadOrCreateToken, runPrimary, type Primary } from '../../electron/host/serve';
import { exportJournal } from '../../electron/core/export';

let dataDir: string;
let staticDir: string;
let primary: Primary | null = null;
const sockets: WebSocket[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cp-host-'));
  staticDir = join(dataDir, 'ui');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>CallPop test UI</title>');
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await primary?.close();
  primary = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function startPrimary(argv: string[] = []): Promise<Primary> {
  const got = await acquire({ dataDir });
  if (got.role !== 'primary') throw new Error('expected to become the primary');
  const lines: string[] = [];
  primary = await runPrimary({
    dataDir,
    socketPath: socketPathFor(dataDir),
    lock: got.lock,
    port: 0,
    open: false,
    argv,
    staticDir,
    print: (l) => lines.push(l),
  });
  // The address and the private page that carries the token: never the token itself.
  const port = new URL(primary.url).port;
  expect(lines).toEqual([
    `CallPop is running at http://127.0.0.1:${port}/ (your access link: ${join(dataDir, 'open-callpop.html')})`,
  ]);
  expect(lines.join('\n')).not.toContain(new URL(primary.url).hash.slice('#token='.length));
  return primary;
}

async function forward(argv: string[]) {
  const c = await connectLocal(socketPathFor(dataDir));
  if (!('socket' in c)) throw new Error(c.error);
  return exchange(c.socket, { argv, cwd: '/' });
}

function connect(p: Primary): Promise<WebSocket> {
  const token = new URL(p.url).hash.replace('#token=', '');
  const ws = new WebSocket(`ws://127.0.0.1:${p.port}/ipc?token=${token}`, {
    headers: { Origin: `http://127.0.0.1:${p.port}` },
  });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function collect(ws: WebSocket): Array<Record<string, unknown>> {
  const got: Array<Record<string, unknown>> = [];
  ws.on('message', (d) => got.push(JSON.parse(d.toString())));
  return got;
}

describe('browser-mode primary', () => {
  it('handles its own start-up argv and journals it before printing the URL', async () => {
    const p = await startPrimary(['/N:S', '/C:0612345678', '/T:I', '/I:own-1']);
    expect(p.ownOutcome).toEqual({ kind: 'call', callId: 'own-1' });
    const records = JSON.parse(exportJournal(dataDir, 'json'));
    expect(records).toMatchObject([{ id: 'own-1', number: '0612345678', state: 'ringing' }]);
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it('acks a forwarded event only after it is journaled, and pushes it to the browser', async () => {
    const p = await startPrimary();
    const ws = await connect(p);
    const messages = collect(ws);
    const reply = await forward([
      '--allow-file-access-from-files',
      '/i:abc1',
      '/t:i',
      '/n:s',
      '/c:+4930123456',
    ]);
    expect(reply).toMatchObject({
      ok: true,
      outcome: { kind: 'call', callId: 'abc1' },
      url: p.url,
    });
    // Journaled at ack time: a reader of the database sees it now.
    expect(JSON.parse(exportJournal(dataDir, 'json'))).toMatchObject([
      { id: 'abc1', number: '+4930123456' },
    ]);
    await expect.poll(() => messages.map((m) => m.event)).toContain('popup.show');
    const show = messages.find((m) => m.event === 'popup.show')?.payload as {
      id: string;
      phone: unknown;
    };
    expect(show.id).toBe('abc1');
    expect(show.phone).not.toBeNull();
  });

  it('a launch the endpoint refuses reaches the agent as a notice, with its argv', async () => {
    const ws = await connect(await startPrimary());
    const messages = collect(ws);
    const reply = await new Promise<string>((resolve) => {
      const c = createConnection(socketPathFor(dataDir), () =>
        c.write('{"argv":["/N:S","/I:refused-1",{"x":1}],"cwd":"/"}\n'),
      );
      let got = '';
      c.on('data', (d) => (got += d));
      c.on('close', () => resolve(got));
    });
    expect(JSON.parse(reply)).toMatchObject({ ok: false });
    await expect.poll(() => messages.some((m) => m.event === 'notice')).toBe(true);
    const notice = messages.find((m) => m.event === 'notice')!.payload as { message: string };
    expect(notice.message).toMatch(
      /refused \(malformed request: argv must be an array of strings\)/,
    );
    expect(notice.message).toContain('/I:refused-1');
    expect(readFileSync(join(dataDir, 'logs', 'callpop.log'), 'utf8')).toContain('/I:refused-1');
  });

  it('answers the IPC contract over the WebSocket: list, save a wrap-up, validation errors', async () => {
    const p = await startPrimary();
    await forward(['/N:S', '/C:0612345678', '/T:I', '/I:w1']);
    await forward(['/N:C', '/T:I', '/I:w1']);
    const ws = await connect(p);
    const messages = collect(ws);
    const ask = async (id: number, channel: string, payload: unknown) => {
      ws.send(JSON.stringify({ id, channel, payload }));
      await expect.poll(() => messages.some((m) => m.id === id)).toBe(true);
      return messages.find((m) => m.id === id)!.result as {
        ok: boolean;
        value?: unknown;
        error?: { code: string; message: string };
      };
    };
    const list = await ask(1, 'calls.list', {});
    expect(list.ok).toBe(true);
    expect((list.value as Array<{ id: string; state: string }>)[0]).toMatchObject({
      id: 'w1',
      state: 'connected',
    });
    const saved = await ask(2, 'wrapup.save', {
      callId: 'w1',
      status: 'Completed',
      comments: 'called back',
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { wrapUp: { status: 'Completed', comments: 'called back' } },
    });
    const bad = await ask(3, 'wrapup.save', { callId: 'w1', status: 'Maybe', comments: '' });
    expect(bad.ok).toBe(false);
    expect(bad.error).toEqual({
      code: 'invalid-request',
      message: expect.stringMatching(/status/),
    });
    expect(JSON.parse(exportJournal(dataDir, 'json'))[0]).toMatchObject({
      wrapUpStatus: 'Completed',
    });
  });

  it('a rejected argv is acked with its reason and the primary keeps serving', async () => {
    await startPrimary();
    expect(await forward(['/N:Q', '/I:1'])).toMatchObject({
      ok: true,
      outcome: { kind: 'rejected' },
    });
    expect(await forward(['/N:S', '/T:O', '/I:out1'])).toMatchObject({
      ok: true,
      outcome: { kind: 'call' },
    });
  });

  it('keeps the token in the private data directory across restarts', async () => {
    const p1 = await startPrimary();
    const token = new URL(p1.url).hash.slice('#token='.length);
    await p1.close();
    primary = null;
    expect(existsSync(socketPathFor(dataDir))).toBe(false);
    expect(existsSync(join(dataDir, 'callpop.lock'))).toBe(false);
    const file = join(dataDir, 'browser-token');
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    const p2 = await startPrimary();
    expect(p2.url).toContain(token);
    expect(loadOrCreateToken(dataDir)).toBe(token);
  });

  it('replaces a damaged token file with a fresh random token', () => {
    writeFileSync(join(dataDir, 'browser-token'), 'short');
    const t = loadOrCreateToken(dataDir);
    expect(t).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.skipIf(process.platform === 'win32')('opening the browser', () => {
  it('starts the browser with the private launch page, never with the token in its arguments', async () => {
    // A stand-in `xdg-open`/`open` on PATH records its arguments, as a real process.
    const bin = join(dataDir, 'bin');
    const record = join(dataDir, 'opened.txt');
    mkdirSync(bin);
    for (const name of ['xdg-open', 'open'])
      writeFileSync(join(bin, name), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`, {
        mode: 0o755,
      });
    const saved = { PATH: process.env.PATH, NO_OPEN: process.env.CALLPOP_NO_OPEN };
    process.env.PATH = `${bin}:${process.env.PATH ?? ''}`;
    delete process.env.CALLPOP_NO_OPEN;
    try {
      const got = await acquire({ dataDir });
      if (got.role !== 'primary') throw new Error('expected to become the primary');
      primary = await runPrimary({
        dataDir,
        socketPath: socketPathFor(dataDir),
        lock: got.lock,
        port: 0,
        open: true,
        argv: [],
        staticDir,
        print: () => undefined,
      });
      const token = new URL(primary.url).hash.slice('#token='.length);
      const deadline = Date.now() + 15_000;
      while (!existsSync(record) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const args = readFileSync(record, 'utf8').trim().split('\n');
      const page = join(dataDir, 'open-callpop.html');
      expect(args).toEqual([page]);
      expect(args.join(' ')).not.toContain(token);
      // The page, readable by this user only, carries the token to the browser.
      expect(statSync(page).mode & 0o777).toBe(0o600);
      expect(readFileSync(page, 'utf8')).toContain(`content="0;url=${primary.url}"`);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.NO_OPEN !== undefined) process.env.CALLPOP_NO_OPEN = saved.NO_OPEN;
    }
  });
});
