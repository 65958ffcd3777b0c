// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exeCommandOf } from '../../../electron/shell/exe-command';

describe('exeCommandOf', () => {
  it.each([
    [['CallPop.exe', 'export', '--format', 'csv'], { command: 'export', index: 1 }],
    [['electron', '.', 'demo'], { command: 'demo', index: 2 }],
    [['CallPop.exe', '--data-dir', 'D', 'EXPORT'], { command: 'export', index: 3 }],
    [['CallPop.exe', '--help'], { command: 'help', index: 1 }],
    [['CallPop.exe', 'serve'], { command: 'serve', index: 1 }],
    [['CallPop.exe', '/N:S', '/C:1', '/T:I', '/I:export'], null],
    [['CallPop.exe', 'export', 'tel:0612345678'], null],
    [['CallPop.exe'], null],
    [['CallPop.exe', '--hidden'], null],
  ])('%j → %j', (argv, expected) => {
    expect(exeCommandOf(argv)).toEqual(expected);
  });
});
