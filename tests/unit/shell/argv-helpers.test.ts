// @vitest-environment node
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirOverride } from '../../../electron/shell/data-dir';
import { secondInstanceArgv, startsHidden } from '../../../electron/shell/second-instance';
import { safeExternalUrl } from '../../../electron/shell/external-url';

describe('dataDirOverride', () => {
  it.each<[string[], Record<string, string>, string | null]>([
    [['CallPop.exe'], {}, null],
    [['CallPop.exe', '--data-dir', 'D'], {}, resolve('D')],
    [['CallPop.exe', '--data-dir=E:/calls'], {}, resolve('E:/calls')],
    [['CallPop.exe', '/N:S', '--data-dir', 'X', '/I:1'], {}, resolve('X')],
    [['CallPop.exe', '--data-dir', '/N:S'], {}, null],
    [['CallPop.exe', '--data-dir'], {}, null],
    [['CallPop.exe'], { CALLPOP_DATA_DIR: 'envdir' }, resolve('envdir')],
    [['CallPop.exe', '--data-dir', 'argdir'], { CALLPOP_DATA_DIR: 'envdir' }, resolve('argdir')],
    // The last one wins, whatever the option's case: as callpop-notify and the command line
    // read it, so all three meet at the same endpoint.
    [['CallPop.exe', '--data-dir', 'A', '/N:S', '--data-dir=B'], {}, resolve('B')],
    [['CallPop.exe', '--DATA-DIR', 'C', '/I:1'], {}, resolve('C')],
    [['CallPop.exe', '--Data-Dir=D'], { CALLPOP_DATA_DIR: 'envdir' }, resolve('D')],
  ])('%j %j → %s', (argv, env, expected) => {
    expect(dataDirOverride(argv, env)).toBe(expected);
  });
});

describe('secondInstanceArgv', () => {
  const chromium = [
    'C:\\CallPop.exe',
    '--allow-file-access-from-files',
    '/n:s',
    '/c:+31612345678',
    '/t:i',
    '/i:abc123',
  ];
  const raw = ['C:\\CallPop.exe', '/N:S', '/C:+31612345678', '/T:I', '/I:AbC123'];

  it('prefers the raw argv the second instance sent', () => {
    expect(secondInstanceArgv(chromium, { argv: raw })).toEqual(raw);
  });

  it.each([undefined, null, {}, { argv: 'x' }, { argv: [1, 2] }, 'argv'])(
    'falls back to Chromium argv for %j',
    (data) => {
      expect(secondInstanceArgv(chromium, data)).toEqual(chromium);
    },
  );

  it('knows the login-item flag', () => {
    expect(startsHidden(['CallPop.exe', '--hidden'])).toBe(true);
    expect(startsHidden(['CallPop.exe', '--HIDDEN'])).toBe(true);
    expect(startsHidden(['CallPop.exe', '/N:S'])).toBe(false);
  });
});

describe('safeExternalUrl', () => {
  it.each([
    ['https://crm.example.com/contact/1', 'https://crm.example.com/contact/1'],
    ['http://intranet/x?y=1', 'http://intranet/x?y=1'],
    ['file:///C:/Windows/System32/calc.exe', null],
    ['javascript:alert(1)', null],
    ['smb://attacker/share', null],
    ['ms-msdt:/id PCWDiagnostic', null],
    ['app://callpop/index.html', null],
    ['https://user:pass@example.com/', null],
    ['not a url', null],
    [42, null],
    ['https://example.com/' + 'a'.repeat(3000), null],
  ])('%s → %s', (input, expected) => {
    expect(safeExternalUrl(input)).toBe(expected);
  });
});
