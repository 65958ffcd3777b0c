// @vitest-environment node
// The Windows half of the native trampoline (native/src/notify-win.c) run for real:
// callpop-notify.exe, built with MinGW from binding.gyp's sources, as real processes under
// Wine, against the stand-ins in tests/fixtures/native-win/: a named-pipe server created the
// way CallPop's endpoint must be, and an argv echo in the place of node.exe / CallPop.exe.
//
// What Wine cannot show: every Wine process runs as the one same user (wineserver gives all
// tokens one SID), so the refusal of a pipe served by another user's process (exit 2) and the
// pipe's access control against another user never happen here; the check itself
// (GetNamedPipeServerProcessId, the server's token, EqualSid) does run on every delivery below.
// Wine enforces no DACL between processes of that one user either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { socketPathFor, type ForwardReply, type ForwardRequest } from '../../electron/host/forward';
import {
  callEvents,
  prng,
  processPool,
  waitFor,
  type CallSpec,
  type Run,
} from '../fixtures/cli-processes';
import { HARD_ARGUMENTS } from '../fixtures/hard-arguments';
import {
  buildNotifyExe,
  buildPeer,
  haveMingw,
  haveWine,
  openWinePrefix,
  WINE,
  winPath,
  type WinePrefix,
} from '../fixtures/wine';

const ready = haveWine && haveMingw;
const pool = processPool();
let root = '';
let bin = '';
let NOTIFY = '';
let SERVER = '';
let ECHO = '';
let prefix: WinePrefix | undefined;
let serial = 0;

beforeAll(() => {
  if (!ready) return;
  root = mkdtempSync(join(tmpdir(), 'cp-wine-'));
  bin = join(root, 'bin');
  mkdirSync(bin);
  NOTIFY = buildNotifyExe(bin);
  SERVER = buildPeer('pipe-server', bin);
  ECHO = buildPeer('argv-echo', bin);
  prefix = openWinePrefix(join(root, 'prefix'));
}, 300_000);

afterAll(async () => {
  prefix?.close();
  await pool.killAll();
  if (root) rmSync(root, { recursive: true, force: true });
}, 60_000);

function tempDir(name: string): string {
  const d = join(root, `${name}-${++serial}`);
  mkdirSync(d);
  return d;
}

const OK_REPLY = JSON.stringify({
  ok: true,
  outcome: { kind: 'call', callId: 'x' },
} satisfies ForwardReply);

interface PipeServer {
  run: Run;
  /** The request lines it received, in order. */
  requests(): ForwardRequest[];
}

/**
 * The stand-in endpoint on the pipe CallPop listens on for the data directory `winDir` (as
 * Windows writes it), named by the Node side: it serves `count` connections, then exits.
 */
async function pipeServer(
  winDir: string,
  count: number,
  mode: 'reply' | 'mute' | 'close',
  reply = OK_REPLY,
): Promise<PipeServer> {
  const record = join(root, `requests-${++serial}.jsonl`);
  const pipe = socketPathFor(winDir, 'win32');
  const run = pool.start(
    WINE!,
    [SERVER, pipe, winPath(record), String(count), mode, ...(mode === 'reply' ? [reply] : [])],
    { env: prefix!.env() },
  );
  await waitFor('the pipe server', () => {
    if (run.child.exitCode !== null) throw new Error(`pipe server exited: ${run.stderr}`);
    return run.stdout.includes('listening');
  });
  return {
    run,
    requests: () =>
      existsSync(record)
        ? readFileSync(record, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as ForwardRequest)
        : [],
  };
}

/** Runs the trampoline; `dataDir` becomes CALLPOP_DATA_DIR (null: none, the default). */
function notify(
  args: string[],
  options: { dataDir: string | null; cwd?: string; env?: NodeJS.ProcessEnv; exe?: string },
) {
  const dataDir = options.dataDir === null ? undefined : winPath(options.dataDir);
  return pool.runToEnd(WINE!, [options.exe ?? NOTIFY, ...args], {
    env: prefix!.env({ CALLPOP_DATA_DIR: dataDir, ...options.env }),
    cwd: options.cwd ?? root,
  });
}

function notifyLog(dataDir: string): string[] {
  return readFileSync(join(dataDir, 'logs', 'notify.log'), 'utf8')
    .trim()
    .split('\n');
}

/** callpop-notify.exe installed as the desktop app has it: beside CallPop.exe (the argv echo). */
function desktopCopy(): string {
  const app = tempDir('CallPop');
  const exe = join(app, 'callpop-notify.exe');
  copyFileSync(NOTIFY, exe);
  copyFileSync(ECHO, join(app, 'CallPop.exe'));
  return exe;
}

interface Echo {
  commandLine: string;
  commandLineToArgvW: string[];
  crt: string[];
}

async function echoed(file: string): Promise<Echo> {
  await waitFor('the started program to write its arguments', () => existsSync(file));
  return JSON.parse(readFileSync(file, 'utf8')) as Echo;
}

/** How much a Windows command line can hold (32,767 characters with the closing NUL). */
const MAX_COMMAND_LINE = 32_766;

/**
 * An argument as long as a command line that also holds `others` can take (each of them
 * quoted at its worst: every character doubled, two quotes and a space). Half CJK, half
 * Cyrillic: about 80 KB of UTF-8, more than the pipe's 64 KB buffer takes in one write.
 */
function longestArgument(others: readonly string[]): string {
  const room = MAX_COMMAND_LINE - others.reduce((n, a) => n + 2 * a.length + 3, 0) - 3;
  const half = Math.floor(room / 2);
  return '日'.repeat(half) + 'ж'.repeat(room - half - 2) + '😀';
}

// Skipped where Wine or MinGW is missing; CI installs both (.ci/run) and must run these.
it.runIf(process.env.CI === 'true')('CI has Wine and MinGW for the Windows trampoline', () => {
  expect({ haveWine, haveMingw }).toEqual({ haveWine: true, haveMingw: true });
});

describe.runIf(ready)('callpop-notify.exe under Wine', () => {
  it('finds the pipe the Node side names, however the data directory is written', async () => {
    const dataDir = tempDir('Data');
    const name = dataDir.split('/').pop()!;
    const other = join(root, 'other');
    // CALLPOP_DATA_DIR as it is; then --data-dir, which wins over it: in upper case, with
    // forward slashes and a "..", relative to the working directory with a trailing backslash.
    const given: Array<[string[], string]> = [
      [['/N:S', '/I:Env-1'], dataDir],
      [['/N:S', '/I:Upper-1', '--data-dir', winPath(dataDir).toUpperCase()], other],
      [
        ['/N:C', '/I:Slash-1', `--DATA-DIR=${winPath(root).split('\\').join('/')}/x/../${name}`],
        other,
      ],
      [['/N:E', '/I:Relative-1', `--data-dir=.\\${name}\\`], other],
    ];
    const server = await pipeServer(winPath(dataDir), given.length, 'reply');
    for (const [argv, envDir] of given) {
      const r = await notify(argv, { dataDir: envDir, cwd: root });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    }
    await server.run.exit;
    expect(server.requests().map((q) => q.argv)).toEqual(given.map(([argv]) => argv));
    expect(existsSync(join(dataDir, 'logs'))).toBe(false);
  });

  it('finds the pipe for a data directory at the root of a network share', async () => {
    // Node's resolve keeps the separator after a share root (\\fs\agent1\) as after C:\ .
    const share = '\\\\fs\\agent1';
    const given = [
      ['/N:S', '/I:Share-1', '--data-dir', share],
      ['/N:E', '/I:Share-1', '--data-dir', '//fs/agent1/'],
    ];
    const server = await pipeServer(share, given.length, 'reply');
    for (const argv of given) {
      const r = await notify(argv, { dataDir: null });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    }
    await server.run.exit;
    expect(server.requests().map((q) => q.argv)).toEqual(given);
  });

  it('without a data directory given: the pipe of %APPDATA%\\callpop beside CallPop.exe, else of %USERPROFILE%\\.callpop', async () => {
    // Wine sets APPDATA and USERPROFILE from its prefix, whatever the Unix environment says.
    const profile = `C:\\users\\${userInfo().username}`;
    const desktop = await pipeServer(`${profile}\\AppData\\Roaming\\callpop`, 1, 'reply');
    const r1 = await notify(['/N:S', '/I:Desk-default'], { dataDir: null, exe: desktopCopy() });
    expect(r1.code, r1.stderr).toBe(0);
    await desktop.run.exit;
    expect(desktop.requests().map((q) => q.argv)).toEqual([['/N:S', '/I:Desk-default']]);

    const browser = await pipeServer(`${profile}\\.callpop`, 1, 'reply');
    const r2 = await notify(['/N:S', '/I:Browser-default'], { dataDir: null });
    expect(r2.code, r2.stderr).toBe(0);
    await browser.run.exit;
    expect(browser.requests().map((q) => q.argv)).toEqual([['/N:S', '/I:Browser-default']]);
  });

  it('hands over the longest argument Windows allows, Unicode, quotes, backslashes and empty arguments unchanged', async () => {
    const dataDir = tempDir('данные 日本 😀');
    const cwd = tempDir('cwd with spaces');
    const server = await pipeServer(winPath(dataDir), 1, 'reply');
    const argv = ['/N:S', '/C:+31 6 1234 5678', ...HARD_ARGUMENTS, '/I:Uni-1'];
    argv.splice(2, 0, longestArgument([NOTIFY, ...argv]));
    expect(argv[2]!.length).toBeGreaterThan(30_000);
    expect(Buffer.byteLength(argv[2]!)).toBeGreaterThan(64 * 1024);

    const r = await notify(argv, { dataDir, cwd });
    expect(r.code, r.stderr).toBe(0);
    await server.run.exit;
    expect(server.requests()).toEqual([{ argv, cwd: winPath(cwd) }]);
  });

  it('several calls’ S/C/E fired at once and shuffled all arrive, each once (the busy pipe is waited for)', async () => {
    const dataDir = tempDir('data');
    const calls = Array.from({ length: 6 }, (_, i): CallSpec => ({
      id: `Wine${100 + i}Cd`,
      direction: i % 3 === 2 ? 'outbound' : 'inbound',
      answered: i % 4 !== 1,
      raw: i % 3 === 2 ? null : `+31 6 ${1000 + i} 5678`,
    }));
    const rnd = prng(20261202);
    const argvs = calls.flatMap(callEvents).sort(() => rnd() - 0.5);
    // One pipe instance, serving one client at a time: whoever arrives meanwhile finds it busy.
    const server = await pipeServer(winPath(dataDir), argvs.length, 'reply');

    const results = await Promise.all(argvs.map((argv) => notify(argv, { dataDir })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    await server.run.exit;
    const key = (a: string[]) => JSON.stringify(a);
    expect(
      server
        .requests()
        .map((q) => key(q.argv))
        .sort(),
    ).toEqual(argvs.map(key).sort());
    expect(existsSync(join(dataDir, 'logs'))).toBe(false);
  });

  it('nothing listening: starts node with the CLI and exactly the same arguments, and does not wait for it', async () => {
    const dataDir = tempDir('data');
    const out = join(tempDir('echo'), 'argv.json');
    const hold = `${out}.release`;
    const cli = `${winPath(bin)}\\..\\cli\\callpop.mjs`;
    const argv = ['/N:S', '/C:0612345678', ...HARD_ARGUMENTS, '/T:I', '/I:Cold-1'];
    argv.push(longestArgument([NOTIFY, winPath(ECHO), cli, ...argv]));

    const r = await notify(argv, {
      dataDir,
      env: {
        CALLPOP_NODE: winPath(ECHO),
        ARGV_ECHO_OUT: winPath(out),
        ARGV_ECHO_HOLD: winPath(hold),
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const got = await echoed(out);
    // The trampoline has exited; what it started runs on until told to stop.
    expect(existsSync(`${out}.done`)).toBe(false);
    writeFileSync(hold, '');
    await waitFor('the started program to exit', () => existsSync(`${out}.done`));
    // Electron splits with CommandLineToArgvW, node.exe with the C runtime: both agree.
    expect(got.commandLineToArgvW).toEqual([winPath(ECHO), cli, ...argv]);
    expect(got.crt).toEqual(got.commandLineToArgvW);
    expect(existsSync(join(dataDir, 'logs'))).toBe(false);
  });

  it('nothing listening, installed beside the desktop app: starts CallPop.exe with the same arguments', async () => {
    const exe = desktopCopy();
    const app = dirname(exe);
    const dataDir = tempDir('data');
    const out = join(tempDir('echo'), 'argv.json');
    const argv = ['/N:S', '/C:"0612345678"', '/T:I', '/I:Desk-1', ...HARD_ARGUMENTS];

    const r = await notify(argv, { dataDir, exe, env: { ARGV_ECHO_OUT: winPath(out) } });
    expect(r.code, r.stderr).toBe(0);
    const got = await echoed(out);
    expect(got.commandLineToArgvW).toEqual([`${winPath(app)}\\CallPop.exe`, ...argv]);
    expect(got.crt).toEqual(got.commandLineToArgvW);
  });

  it('nothing listening and CallPop cannot be started: exit 1 and the reason in notify.log', async () => {
    const dataDir = tempDir('data');
    const missing = `${winPath(root)}\\no-such-node.exe`;
    const r = await notify(['/N:S', '/I:Nowhere-1'], {
      dataDir,
      env: { CALLPOP_NODE: missing },
    });
    expect(r.code).toBe(1);
    const log = notifyLog(dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(`no CallPop runs and starting one failed: CreateProcessW(${missing})`);
    expect(log[0]).toContain('["/N:S","/I:Nowhere-1"]');
  });

  it('never hangs: a server that never answers makes it give up, exit 1 and log one line', async () => {
    const dataDir = tempDir('data');
    const server = await pipeServer(winPath(dataDir), 1, 'mute');
    const r = await notify(['/N:S', '/C:0612345678', '/T:I', '/I:Mute-1'], { dataDir });
    expect(r.code).toBe(1);
    await server.run.exit;
    // It was sent, never acknowledged.
    expect(server.requests().map((q) => q.argv)).toEqual([
      ['/N:S', '/C:0612345678', '/T:I', '/I:Mute-1'],
    ]);
    const log = notifyLog(dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z callpop-notify: CallPop did not confirm the event within 2000 ms; argv /,
    );
    expect(log[0]).toContain('["/N:S","/C:0612345678","/T:I","/I:Mute-1"]');
  });

  it('a server that closes without answering: exit 1 and one line in notify.log', async () => {
    const dataDir = tempDir('data');
    const server = await pipeServer(winPath(dataDir), 1, 'close');
    const r = await notify(['/N:E', '/I:Closed-1'], { dataDir });
    expect(r.code).toBe(1);
    await server.run.exit;
    const log = notifyLog(dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('CallPop closed the connection without confirming the event');
    expect(log[0]).toContain('["/N:E","/I:Closed-1"]');
  });

  it('a refusal: exit 1 and the refusal, with the argv, in notify.log', async () => {
    const dataDir = tempDir('Данные Zoë 😀');
    const refusal = JSON.stringify({
      ok: false,
      error: 'malformed request: argv must be an array of strings',
    } satisfies ForwardReply);
    const server = await pipeServer(winPath(dataDir), 1, 'reply', refusal);
    const r = await notify(['/N:S', '/C:Иван', '/I:Refused-1'], { dataDir });
    expect(r.code).toBe(1);
    await server.run.exit;
    const log = notifyLog(dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(`callpop-notify: CallPop refused the event: ${refusal}; argv `);
    expect(log[0]).toContain('["/N:S","/C:Иван","/I:Refused-1"]');
  });
});
