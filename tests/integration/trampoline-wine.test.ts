// @vitest-environment node
// The Windows half of the native trampoline (native/src/notify-win.c) run for real:
// callpop-notify.exe, built with MinGW from binding.gyp's sources, as real processes under
// Wine, against the stand-ins in tests/fixtures/native-win/: a named-pipe server created the
// way CallPop's endpoint must be, and an argv echo in the place of node.exe / CallPop.exe.
//
// What Wine cannot show: every Wine process runs as the one same user (wineserver gives every
// token one SID), so the refusal of a pipe served by another user's process (exit 2) never
// happens here; the check itself (GetNamedPipeServerProcessId, the server's token, EqualSid)
// does run on every delivery below. Wine does not enforce a pipe's DACL either (a pipe with an
// empty DACL still opens for reading and writing), so the server's user-only descriptor is
// created but proves nothing about who else could open it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { socketPathFor, type ForwardReply } from '../../electron/host/forward';
import { callEvents, prng, waitFor, type CallSpec } from '../fixtures/cli-processes';
import { HARD_ARGUMENTS } from '../fixtures/hard-arguments';
import { haveMingw, haveWine, winPath } from '../fixtures/wine';
import { openWineTrampolineRig, type WineTrampolineRig } from '../fixtures/wine-trampoline';

const ready = haveWine && haveMingw;
let rig: WineTrampolineRig;

beforeAll(() => {
  if (ready) rig = openWineTrampolineRig();
}, 300_000);

afterAll(async () => {
  if (ready) await rig.close();
}, 60_000);

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
    const dataDir = rig.tempDir('Data');
    const name = dataDir.split('/').pop()!;
    const other = join(rig.root, 'other');
    // CALLPOP_DATA_DIR as it is; then --data-dir, which wins over it: in upper case, with
    // forward slashes and a "..", relative to the working directory with a trailing backslash.
    const given: Array<[string[], string]> = [
      [['/N:S', '/I:Env-1'], dataDir],
      [['/N:S', '/I:Upper-1', '--data-dir', winPath(dataDir).toUpperCase()], other],
      [
        [
          '/N:C',
          '/I:Slash-1',
          `--DATA-DIR=${winPath(rig.root).split('\\').join('/')}/x/../${name}`,
        ],
        other,
      ],
      [['/N:E', '/I:Relative-1', `--data-dir=.\\${name}\\`], other],
    ];
    const server = await rig.pipeServer(winPath(dataDir), given.length, 'reply');
    for (const [argv, envDir] of given) {
      const r = await rig.notify(argv, { dataDir: envDir, cwd: rig.root });
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
    const server = await rig.pipeServer(share, given.length, 'reply');
    for (const argv of given) {
      const r = await rig.notify(argv, { dataDir: null });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    }
    await server.run.exit;
    expect(server.requests().map((q) => q.argv)).toEqual(given);
  });

  it('without a data directory given: the pipe of %APPDATA%\\callpop beside CallPop.exe, else of %USERPROFILE%\\.callpop', async () => {
    // Wine sets APPDATA and USERPROFILE from its prefix, whatever the Unix environment says.
    const profile = `C:\\users\\${userInfo().username}`;
    const desktop = await rig.pipeServer(`${profile}\\AppData\\Roaming\\callpop`, 1, 'reply');
    const r1 = await rig.notify(['/N:S', '/I:Desk-default'], {
      dataDir: null,
      exe: rig.desktopCopy(),
    });
    expect(r1.code, r1.stderr).toBe(0);
    await desktop.run.exit;
    expect(desktop.requests().map((q) => q.argv)).toEqual([['/N:S', '/I:Desk-default']]);

    const browser = await rig.pipeServer(`${profile}\\.callpop`, 1, 'reply');
    const r2 = await rig.notify(['/N:S', '/I:Browser-default'], { dataDir: null });
    expect(r2.code, r2.stderr).toBe(0);
    await browser.run.exit;
    expect(browser.requests().map((q) => q.argv)).toEqual([['/N:S', '/I:Browser-default']]);
  });

  it('hands over the longest argument Windows allows, Unicode, quotes, backslashes and empty arguments unchanged', async () => {
    const dataDir = rig.tempDir('данные 日本 😀');
    const cwd = rig.tempDir('cwd with spaces');
    const server = await rig.pipeServer(winPath(dataDir), 1, 'reply');
    const argv = ['/N:S', '/C:+31 6 1234 5678', ...HARD_ARGUMENTS, '/I:Uni-1'];
    argv.splice(2, 0, longestArgument([rig.notifyExe, ...argv]));
    expect(argv[2]!.length).toBeGreaterThan(30_000);
    expect(Buffer.byteLength(argv[2]!)).toBeGreaterThan(64 * 1024);

    const r = await rig.notify(argv, { dataDir, cwd });
    expect(r.code, r.stderr).toBe(0);
    await server.run.exit;
    expect(server.requests()).toEqual([{ argv, cwd: winPath(cwd) }]);
  });

  it('several calls’ S/C/E fired at once and shuffled all arrive, each once (the busy pipe is waited for)', async () => {
    const dataDir = rig.tempDir('data');
    const calls = Array.from({ length: 6 }, (_, i): CallSpec => ({
      id: `Wine${100 + i}Cd`,
      direction: i % 3 === 2 ? 'outbound' : 'inbound',
      answered: i % 4 !== 1,
      raw: i % 3 === 2 ? null : `+31 6 ${1000 + i} 5678`,
    }));
    const rnd = prng(20261202);
    const argvs = calls.flatMap(callEvents).sort(() => rnd() - 0.5);
    // One pipe instance, serving one client at a time: whoever arrives meanwhile finds it busy.
    const server = await rig.pipeServer(winPath(dataDir), argvs.length, 'reply');

    const results = await Promise.all(argvs.map((argv) => rig.notify(argv, { dataDir })));
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
    const dataDir = rig.tempDir('data');
    const out = join(rig.tempDir('echo'), 'argv.json');
    const hold = `${out}.release`;
    const cli = `${winPath(rig.bin)}\\..\\cli\\callpop.mjs`;
    const argv = ['/N:S', '/C:0612345678', ...HARD_ARGUMENTS, '/T:I', '/I:Cold-1'];
    argv.push(longestArgument([rig.notifyExe, winPath(rig.echoExe), cli, ...argv]));

    const r = await rig.notify(argv, {
      dataDir,
      env: {
        CALLPOP_NODE: winPath(rig.echoExe),
        ARGV_ECHO_OUT: winPath(out),
        ARGV_ECHO_HOLD: winPath(hold),
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const got = await rig.echoed(out);
    // The trampoline has exited; what it started runs on until told to stop.
    expect(existsSync(`${out}.done`)).toBe(false);
    writeFileSync(hold, '');
    await waitFor('the started program to exit', () => existsSync(`${out}.done`));
    // Electron splits with CommandLineToArgvW, node.exe with the C runtime: both agree.
    expect(got.commandLineToArgvW).toEqual([winPath(rig.echoExe), cli, ...argv]);
    expect(got.crt).toEqual(got.commandLineToArgvW);
    expect(existsSync(join(dataDir, 'logs'))).toBe(false);
  });

  it('nothing listening, installed beside the desktop app: starts CallPop.exe with the same arguments', async () => {
    const exe = rig.desktopCopy();
    const app = dirname(exe);
    const dataDir = rig.tempDir('data');
    const out = join(rig.tempDir('echo'), 'argv.json');
    const argv = ['/N:S', '/C:"0612345678"', '/T:I', '/I:Desk-1', ...HARD_ARGUMENTS];

    const r = await rig.notify(argv, { dataDir, exe, env: { ARGV_ECHO_OUT: winPath(out) } });
    expect(r.code, r.stderr).toBe(0);
    const got = await rig.echoed(out);
    expect(got.commandLineToArgvW).toEqual([`${winPath(app)}\\CallPop.exe`, ...argv]);
    expect(got.crt).toEqual(got.commandLineToArgvW);
  });

  it('nothing listening and CallPop cannot be started: exit 1 and the reason in notify.log', async () => {
    // A data directory nothing has made yet: every missing level is created for the line.
    const dataDir = join(rig.tempDir('data'), 'not', 'made', 'yet');
    const missing = `${winPath(rig.root)}\\no-such-node.exe`;
    const r = await rig.notify(['/N:S', '/I:Nowhere-1'], {
      dataDir,
      env: { CALLPOP_NODE: missing },
    });
    expect(r.code).toBe(1);
    const log = rig.notifyLog(dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(`no CallPop runs and starting one failed: CreateProcessW(${missing})`);
    expect(log[0]).toContain('["/N:S","/I:Nowhere-1"]');
  });

  it('never hangs: a server that never answers makes it give up, exit 1 and log one line', async () => {
    const dataDir = rig.tempDir('data');
    const server = await rig.pipeServer(winPath(dataDir), 1, 'mute');
    const r = await rig.notify(['/N:S', '/C:0612345678', '/T:I', '/I:Mute-1'], { dataDir });
    expect(r.code).toBe(1);
    await server.run.exit;
    // It was sent, never acknowledged.
    expect(server.requests().map((q) => q.argv)).toEqual([
      ['/N:S', '/C:0612345678', '/T:I', '/I:Mute-1'],
    ]);
    const log = rig.notifyLog(dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z callpop-notify: CallPop did not confirm the event within 2000 ms; argv /,
    );
    expect(log[0]).toContain('["/N:S","/C:0612345678","/T:I","/I:Mute-1"]');
  });

  it('a pipe that stays busy: it gives up within its bound, exit 1 and the pipe named in notify.log', async () => {
    const dataDir = rig.tempDir('data');
    const release = join(rig.tempDir('release'), 'go');
    const server = await rig.pipeServer(winPath(dataDir), 1, { holdUntil: release });
    // The first one takes the pipe's only instance; the second finds it busy and waits.
    const first = rig.notify(['/N:S', '/I:Held-1'], { dataDir });
    await waitFor('the first request', () => server.requests().length === 1);
    const second = await rig.notify(['/N:S', '/I:Busy-1'], { dataDir });
    expect(second.code).toBe(1);
    expect((await first).code).toBe(1);
    writeFileSync(release, '');
    await server.run.exit;
    const log = rig.notifyLog(dataDir);
    expect(log).toHaveLength(2);
    // The name the trampoline computed itself is the one Node computes.
    const pipe = socketPathFor(winPath(dataDir), 'win32');
    expect(log.find((l) => l.includes('"/I:Busy-1"'))).toContain(
      `callpop-notify: CallPop is too busy to accept at ${pipe}; argv `,
    );
    expect(log.find((l) => l.includes('"/I:Held-1"'))).toContain('did not confirm the event');
  });

  it('a server that closes without answering: exit 1 and one line in notify.log', async () => {
    const dataDir = rig.tempDir('data');
    const server = await rig.pipeServer(winPath(dataDir), 1, 'close');
    const r = await rig.notify(['/N:E', '/I:Closed-1'], { dataDir });
    expect(r.code).toBe(1);
    await server.run.exit;
    const log = rig.notifyLog(dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('CallPop closed the connection without confirming the event');
    expect(log[0]).toContain('["/N:E","/I:Closed-1"]');
  });

  it('a refusal: exit 1 and the refusal, with the argv, in notify.log', async () => {
    const dataDir = rig.tempDir('Данные Zoë 😀');
    const refusal = JSON.stringify({
      ok: false,
      error: 'malformed request: argv must be an array of strings',
    } satisfies ForwardReply);
    const server = await rig.pipeServer(winPath(dataDir), 1, 'reply', refusal);
    const r = await rig.notify(['/N:S', '/C:Иван', '/I:Refused-1'], { dataDir });
    expect(r.code).toBe(1);
    await server.run.exit;
    const log = rig.notifyLog(dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(`callpop-notify: CallPop refused the event: ${refusal}; argv `);
    expect(log[0]).toContain('["/N:S","/C:Иван","/I:Refused-1"]');
  });
});
