// @vitest-environment node
// The trampoline's pure C functions (native/src/notify-core.c, through the self-test
// executable) against the Node side they must agree with: the same endpoint for the same data
// directory, a request line the endpoint parses back to the very argv, and Windows command
// lines that CommandLineToArgvW splits back into the very arguments.
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { endpointFor, hashText } from '../../../electron/host/forward';
import { parseForwardRequest } from '../../../electron/host/local-socket';
import { ensureNativeBuilt, SELFTEST, selftest } from '../../fixtures/native-build';

beforeAll(() => ensureNativeBuilt(), 300_000);

/** CommandLineToArgvW's rules for the arguments after the program name. */
function commandLineToArgv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (!quoted && (c === ' ' || c === '\t')) break;
      if (c === '\\') {
        let n = 0;
        while (line[i] === '\\') {
          n++;
          i++;
        }
        if (line[i] === '"') {
          arg += '\\'.repeat(Math.floor(n / 2));
          if (n % 2 === 1) arg += '"';
          else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i--;
        }
      } else if (c === '"') {
        if (quoted && line[i + 1] === '"') {
          arg += '"';
          i++;
        } else {
          quoted = !quoted;
        }
      } else {
        arg += c;
      }
    }
    out.push(arg);
  }
  return out;
}

// Arguments as a 3CX Assistant (or someone else) may pass them: quotes, backslashes, spaces.
const tricky = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', ' ', '\t', '"', '\\', '/', ':', 'é', '日', '😀', '+'),
  maxLength: 40,
});

describe('Windows command-line quoting (CreateProcessW of CallPop.exe)', () => {
  it('known cases', () => {
    expect(selftest('quote', '/N:S', '/C:+31 6 1234', '')).toBe('"/N:S" "/C:+31 6 1234" ""');
    expect(selftest('quote', 'a\\b', 'c\\', 'say "hi"')).toBe('"a\\b" "c\\\\" "say \\"hi\\""');
  });

  it('every argument comes back unchanged and none turns into two', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 6 }), (args) => {
        expect(commandLineToArgv(selftest('quote', ...args))).toEqual(args);
      }),
      { numRuns: 150 },
    );
  });
});

describe('request line', () => {
  it('is JSON the endpoint parses back to the exact argv, whatever the characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 })),
        fc.string(),
        (argv, cwd) => {
          const line = selftest('request', cwd, ...argv);
          expect(line.endsWith('\n')).toBe(true);
          expect(line.indexOf('\n')).toBe(line.length - 1);
          expect(parseForwardRequest(line.slice(0, -1))).toEqual({ argv, cwd });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('escapes control characters and replaces invalid UTF-8 like Node does', () => {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\x7f';
    const line = selftest('request', '/', controls.slice(1));
    expect(parseForwardRequest(line.trim())).toEqual({ argv: [controls.slice(1)], cwd: '/' });
    // bytes ff and c3 alone are not UTF-8
    const raw = JSON.parse(
      execFileSync(SELFTEST, ['request', '/', 'hex:61ff62c3'], { encoding: 'utf8' }),
    ) as { argv: string[] };
    expect(raw.argv).toEqual([Buffer.from([0x61, 0xff, 0x62, 0xc3]).toString('utf8')]);
  });
});

describe('endpoint', () => {
  it('hashes like hashText, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(selftest('hash', text)).toBe(hashText(text));
      }),
      { numRuns: 100 },
    );
  });

  it('resolves a data directory like path.posix.resolve', () => {
    const seg = fc.constantFrom('a', 'b c', '.', '..', '', 'é', '.callpop');
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 6 }), fc.boolean(), (parts, absolute) => {
        const p = (absolute ? '/' : '') + parts.join('/');
        expect(selftest('resolve', '/home/agent', p || '.')).toBe(
          posix.resolve('/home/agent', p || '.'),
        );
      }),
    );
  });

  it('names the same Unix socket and Windows pipe as the Node side', () => {
    for (const dir of ['/home/agent/.callpop', '/tmp/' + 'd'.repeat(120), '/']) {
      for (const xdg of ['', '/run/user/1000']) {
        const ep = endpointFor(dir, {
          platform: 'linux',
          tmpDir: '/tmp',
          xdgRuntimeDir: xdg,
          uid: 1000,
        });
        const [path, epDir, kind] = selftest('unix', dir, xdg, '/tmp', '1000').split('\n');
        expect({ path, dir: epDir, privateDir: kind === 'private' }).toEqual(ep);
      }
    }
    for (const dir of ['C:\\Users\\Agent\\AppData\\Roaming\\CallPop', 'D:\\Données\\CallPop']) {
      for (const variant of [dir, dir.toUpperCase(), dir.toLowerCase()]) {
        expect(selftest('pipe', variant)).toBe(endpointFor(variant, { platform: 'win32' }).path);
      }
    }
    // Windows paths are case-insensitive: one pipe for one folder however it is typed.
    const ascii = 'C:\\Users\\Agent\\AppData\\Roaming\\CallPop';
    expect(selftest('pipe', ascii.toUpperCase())).toBe(selftest('pipe', ascii));
  });

  it('reads --data-dir from the argv as the command line does', () => {
    expect(selftest('data-dir', '/N:S', '--data-dir', '/x', '/I:1')).toBe('/x');
    expect(selftest('data-dir', '--DATA-DIR=/y', '/N:S')).toBe('/y');
    expect(selftest('data-dir', '--data-dir', '/N:S')).toBe('');
    expect(selftest('data-dir', '/N:S', '/I:1')).toBe('');
  });

  it('tells an acknowledgement from a refusal', () => {
    expect(selftest('reply', '{"ok":true,"outcome":{"kind":"call"}}')).toBe('1');
    expect(selftest('reply', '{"ok":false,"error":"x"}')).toBe('0');
    expect(selftest('reply', 'HTTP/1.1 400')).toBe('-1');
  });
});
