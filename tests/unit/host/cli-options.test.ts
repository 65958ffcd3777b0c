import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import {
  dataDirArgument,
  parseCommandLine,
  resolveDataDir,
  UsageError,
} from '../../../electron/host/cli-options';
import { englishCliText } from '../../../shared/i18n/cli/english';

/** The English text a refused command line prints (it carries a message key, not text). */
function usageText(args: string[]): string {
  try {
    parseCommandLine(args);
  } catch (e) {
    if (e instanceof UsageError) return englishCliText(e.key, e.params);
    throw e;
  }
  throw new Error(`accepted: ${args.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('treats a 3CX argv as forward-or-serve and keeps every token in order', () => {
    const cl = parseCommandLine(['/N:S', '/C:+31612345678', '/T:I', '/I:4711']);
    expect(cl.command).toBeNull();
    expect(cl.rest).toEqual(['/N:S', '/C:+31612345678', '/T:I', '/I:4711']);
  });

  it('keeps Chromium switches and reordered, lower-cased flags for the core', () => {
    const argv = [
      '--allow-file-access-from-files',
      '/i:abc',
      '/t:i',
      '/n:e',
      '--original-process-start-time=1',
    ];
    expect(parseCommandLine(argv)).toMatchObject({ command: null, rest: argv });
  });

  it('never mistakes a word of an unquoted caller id for a command', () => {
    const cl = parseCommandLine(['/N:S', '/C:John', 'Smith', '/T:I', '/I:1']);
    expect(cl.command).toBeNull();
    expect(cl.rest).toContain('Smith');
  });

  it('takes dial URLs and an empty argv as forward-or-serve', () => {
    expect(parseCommandLine(['tel:+31612345678']).command).toBeNull();
    expect(parseCommandLine(['callto:0612345678']).command).toBeNull();
    expect(parseCommandLine([])).toMatchObject({ command: null, rest: [] });
  });

  it('reads --data-dir with a space or =, also around a 3CX argv', () => {
    expect(parseCommandLine(['--data-dir', '/x', '/N:S', '/I:1']).dataDir).toBe('/x');
    expect(parseCommandLine(['/N:S', '--data-dir=/y', '/I:1'])).toMatchObject({
      dataDir: '/y',
      rest: ['/N:S', '/I:1'],
    });
  });

  it('parses serve options', () => {
    expect(
      parseCommandLine(['serve', '--port', '0', '--no-open', '--data-dir', 'D']),
    ).toMatchObject({
      command: 'serve',
      port: 0,
      open: false,
      dataDir: 'D',
    });
    expect(parseCommandLine(['serve']).open).toBe(true);
    expect(parseCommandLine(['--data-dir', 'D', 'serve']).command).toBe('serve');
  });

  it('parses export --format json|csv and refuses anything else', () => {
    expect(parseCommandLine(['export', '--format', 'json']).format).toBe('json');
    expect(parseCommandLine(['export', '--format=CSV']).format).toBe('csv');
    expect(() => parseCommandLine(['export'])).toThrow(UsageError);
    expect(usageText(['export', '--format', 'xml'])).toMatch(/json or csv/);
  });

  it('refuses unknown commands, bad ports and missing values as usage errors', () => {
    expect(usageText(['servr'])).toMatch(/unknown command "servr"/);
    expect(() => parseCommandLine(['frobnicate', '--port', '1'])).toThrow(UsageError);
    expect(usageText(['serve', '--port', 'abc'])).toMatch(/--port/);
    expect(usageText(['serve', '--port', '70000'])).toMatch(/--port/);
    expect(usageText(['serve', '--data-dir'])).toMatch(/needs a value/);
    expect(usageText(['serve', 'extra'])).toMatch(/unexpected argument/);
    expect(usageText(['serve', '--prot', '1'])).toMatch(/unknown option "--prot"/);
  });

  it('answers --help and help', () => {
    expect(parseCommandLine(['--help']).command).toBe('help');
    expect(parseCommandLine(['-h']).command).toBe('help');
    expect(parseCommandLine(['help']).command).toBe('help');
    expect(parseCommandLine(['demo', '--fast'])).toMatchObject({ command: 'demo', fast: true });
  });
});

describe('resolveDataDir', () => {
  it('prefers --data-dir, then CALLPOP_DATA_DIR, then ~/.callpop, always absolute', () => {
    expect(resolveDataDir('rel', { CALLPOP_DATA_DIR: '/env' }, '/home/a')).toBe(resolve('rel'));
    expect(resolveDataDir(undefined, { CALLPOP_DATA_DIR: '/env' }, '/home/a')).toBe(
      resolve('/env'),
    );
    expect(resolveDataDir(undefined, { CALLPOP_DATA_DIR: '' }, '/home/a')).toBe(
      resolve(join('/home/a', '.callpop')),
    );
    expect(resolveDataDir(undefined, {}, '/home/a')).toBe(resolve('/home/a/.callpop'));
  });
});

describe('dataDirArgument', () => {
  it('finds --data-dir in a command line that does not parse', () => {
    expect(dataDirArgument(['servr', '--data-dir', '/x'])).toBe('/x');
    expect(dataDirArgument(['--DATA-DIR=/y', 'frob'])).toBe('/y');
    expect(dataDirArgument(['frob', '--data-dir'])).toBeUndefined();
    expect(dataDirArgument(['frob'])).toBeUndefined();
  });
});
