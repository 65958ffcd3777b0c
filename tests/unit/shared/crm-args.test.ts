// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseArgv, parseDialUrl, type Invocation } from '../../../shared/crm-args';

const EXE = 'C:\\Program Files\\CallPop\\CallPop.exe';

type Expect =
  | {
      kind: 'call';
      type: 'S' | 'C' | 'E';
      callId: string;
      direction?: 'inbound' | 'outbound';
      number?: string;
      withheld?: true;
    }
  | { kind: 'dial'; number: string }
  | { kind: 'open' }
  | { kind: 'unknown'; problem: string };

function summarise(inv: Invocation): Expect {
  switch (inv.kind) {
    case 'call-notification': {
      const n = inv.notification;
      const out: Expect = { kind: 'call', type: n.type, callId: n.callId };
      if (n.direction) out.direction = n.direction;
      if (n.caller?.kind === 'number') out.number = n.caller.value;
      if (n.caller?.kind === 'withheld') out.withheld = true;
      return out;
    }
    case 'dial-request':
      return { kind: 'dial', number: inv.number };
    case 'open':
      return { kind: 'open' };
    case 'unknown':
      return { kind: 'unknown', problem: inv.problem };
  }
}

const table: Array<[string, string[], Expect]> = [
  // The seed's own examples
  [
    'inbound start',
    [EXE, '/N:S', '/C:0612345678', '/T:I', '/I:4711'],
    { kind: 'call', type: 'S', callId: '4711', direction: 'inbound', number: '0612345678' },
  ],
  [
    'inbound connect',
    [EXE, '/N:C', '/T:I', '/I:4711'],
    { kind: 'call', type: 'C', callId: '4711', direction: 'inbound' },
  ],
  [
    'inbound end',
    [EXE, '/N:E', '/T:I', '/I:4711'],
    { kind: 'call', type: 'E', callId: '4711', direction: 'inbound' },
  ],
  [
    'outbound start without /C:',
    [EXE, '/N:S', '/T:O', '/I:99'],
    { kind: 'call', type: 'S', callId: '99', direction: 'outbound' },
  ],
  [
    'outbound connect',
    [EXE, '/N:C', '/T:O', '/I:99'],
    { kind: 'call', type: 'C', callId: '99', direction: 'outbound' },
  ],
  [
    'outbound end',
    [EXE, '/N:E', '/T:O', '/I:99'],
    { kind: 'call', type: 'E', callId: '99', direction: 'outbound' },
  ],
  [
    'E164 caller',
    [EXE, '/N:S', '/C:+31612345678', '/T:I', '/I:1'],
    { kind: 'call', type: 'S', callId: '1', direction: 'inbound', number: '+31612345678' },
  ],
  // Order and case (Chromium reorders and lower-cases on Windows)
  [
    'flags in reverse order',
    [EXE, '/I:1', '/T:I', '/C:0201234567', '/N:S'],
    { kind: 'call', type: 'S', callId: '1', direction: 'inbound', number: '0201234567' },
  ],
  [
    'lower-cased flags and values',
    [EXE, '/n:s', '/c:0612345678', '/t:i', '/i:abc123'],
    { kind: 'call', type: 'S', callId: 'abc123', direction: 'inbound', number: '0612345678' },
  ],
  [
    'mixed case',
    [EXE, '/n:C', '/T:o', '/i:X1'],
    { kind: 'call', type: 'C', callId: 'X1', direction: 'outbound' },
  ],
  [
    'call id keeps its case',
    [EXE, '/N:S', '/C:123', '/T:I', '/I:AbC123'],
    { kind: 'call', type: 'S', callId: 'AbC123', direction: 'inbound', number: '123' },
  ],
  [
    'chromium switches before',
    [
      EXE,
      '--allow-file-access-from-files',
      '--original-process-start-time=13345678901234567',
      '/n:e',
      '/t:i',
      '/i:7',
    ],
    { kind: 'call', type: 'E', callId: '7', direction: 'inbound' },
  ],
  [
    'chromium switches between',
    [
      EXE,
      '/N:S',
      '--allow-file-access-from-files',
      '/C:0612345678',
      '--enable-features=X',
      '/T:I',
      '/I:8',
    ],
    { kind: 'call', type: 'S', callId: '8', direction: 'inbound', number: '0612345678' },
  ],
  [
    'dev electron argv with "."',
    ['electron', '.', '/N:C', '/T:I', '/I:9'],
    { kind: 'call', type: 'C', callId: '9', direction: 'inbound' },
  ],
  [
    'node script path',
    ['/usr/bin/node', '/work/dist/cli/callpop.mjs', '/N:C', '/T:I', '/I:9'],
    { kind: 'call', type: 'C', callId: '9', direction: 'inbound' },
  ],
  [
    '-- prefix variant',
    [EXE, '--n:s', '--c:0612345678', '--t:i', '--i:10'],
    { kind: 'call', type: 'S', callId: '10', direction: 'inbound', number: '0612345678' },
  ],
  // Values
  [
    'quoted caller id',
    [EXE, '/N:S', '/C:"+31 6 1234 5678"', '/T:I', '/I:11'],
    { kind: 'call', type: 'S', callId: '11', direction: 'inbound', number: '+31612345678' },
  ],
  [
    'caller with dashes and brackets',
    [EXE, '/N:S', '/C:(020) 123-4567', '/T:I', '/I:12'],
    { kind: 'call', type: 'S', callId: '12', direction: 'inbound', number: '0201234567' },
  ],
  [
    'call id containing colons',
    [EXE, '/N:S', '/C:100', '/T:I', '/I:00000191:2024:abc'],
    { kind: 'call', type: 'S', callId: '00000191:2024:abc', direction: 'inbound', number: '100' },
  ],
  [
    'quoted call id',
    [EXE, '/N:E', '/T:I', '/I:"call-67890"'],
    { kind: 'call', type: 'E', callId: 'call-67890', direction: 'inbound' },
  ],
  [
    'equals separator',
    [EXE, '/N=S', '/C=0612345678', '/T=I', '/I=13'],
    { kind: 'call', type: 'S', callId: '13', direction: 'inbound', number: '0612345678' },
  ],
  [
    'whole command line in one token',
    [EXE, '/N:S /C:0612345678 /T:I /I:14'],
    { kind: 'call', type: 'S', callId: '14', direction: 'inbound', number: '0612345678' },
  ],
  [
    'duplicate flag: first wins',
    [EXE, '/N:S', '/I:15', '/i:other', '/C:0612345678', '/T:I'],
    { kind: 'call', type: 'S', callId: '15', direction: 'inbound', number: '0612345678' },
  ],
  [
    'extension as caller',
    [EXE, '/N:S', '/C:102', '/T:I', '/I:16'],
    { kind: 'call', type: 'S', callId: '16', direction: 'inbound', number: '102' },
  ],
  // Withheld callers
  [
    'Anonymous caller',
    [EXE, '/N:S', '/C:Anonymous', '/T:I', '/I:17'],
    { kind: 'call', type: 'S', callId: '17', direction: 'inbound', withheld: true },
  ],
  [
    'empty caller',
    [EXE, '/N:S', '/C:', '/T:I', '/I:18'],
    { kind: 'call', type: 'S', callId: '18', direction: 'inbound', withheld: true },
  ],
  [
    'Unknown caller',
    [EXE, '/N:S', '/C:unknown', '/T:I', '/I:19'],
    { kind: 'call', type: 'S', callId: '19', direction: 'inbound', withheld: true },
  ],
  [
    'inbound start without /C:',
    [EXE, '/N:S', '/T:I', '/I:20'],
    { kind: 'call', type: 'S', callId: '20', direction: 'inbound', withheld: true },
  ],
  [
    'name instead of number',
    [EXE, '/N:S', '/C:John Smith', '/T:I', '/I:21'],
    { kind: 'call', type: 'S', callId: '21', direction: 'inbound', withheld: true },
  ],
  // Lenient: /T: missing where the seed says mandatory
  ['connect without /T:', [EXE, '/N:C', '/I:22'], { kind: 'call', type: 'C', callId: '22' }],
  // Bad input → typed result
  [
    'missing call id',
    [EXE, '/N:S', '/C:0612345678', '/T:I'],
    { kind: 'unknown', problem: 'missing-call-id' },
  ],
  ['empty call id', [EXE, '/N:E', '/T:I', '/I:'], { kind: 'unknown', problem: 'missing-call-id' }],
  [
    'unknown notification',
    [EXE, '/N:X', '/T:I', '/I:1'],
    { kind: 'unknown', problem: 'unknown-notification-type' },
  ],
  [
    'long notification word',
    [EXE, '/N:Start', '/T:I', '/I:1'],
    { kind: 'unknown', problem: 'unknown-notification-type' },
  ],
  [
    'missing notification',
    [EXE, '/C:0612345678', '/T:I', '/I:1'],
    { kind: 'unknown', problem: 'missing-notification-type' },
  ],
  [
    'unknown call type',
    [EXE, '/N:S', '/C:1', '/T:X', '/I:1'],
    { kind: 'unknown', problem: 'unknown-call-type' },
  ],
  // Dial requests
  ['tel URL', [EXE, 'tel:+31612345678'], { kind: 'dial', number: '+31612345678' }],
  [
    'tel URL with separators',
    [EXE, 'tel:+31-6-1234-5678'],
    { kind: 'dial', number: '+31612345678' },
  ],
  [
    'tel URL percent-encoded',
    [EXE, 'tel:%2B31612345678'],
    { kind: 'dial', number: '+31612345678' },
  ],
  ['callto URL', [EXE, 'callto://0612345678'], { kind: 'dial', number: '0612345678' }],
  ['callto upper case', [EXE, 'CALLTO:0612345678'], { kind: 'dial', number: '0612345678' }],
  ['sip URL', [EXE, 'sip:0612345678@pbx.example.com'], { kind: 'dial', number: '0612345678' }],
  [
    'tel with parameters',
    [EXE, 'tel:+31612345678;ext=12'],
    { kind: 'dial', number: '+31612345678' },
  ],
  [
    'tel after chromium switches',
    [EXE, '--allow-file-access-from-files', 'tel:0201234567'],
    { kind: 'dial', number: '0201234567' },
  ],
  ['tel without digits', [EXE, 'tel:hello'], { kind: 'unknown', problem: 'bad-dial-url' }],
  ['tel with broken escape', [EXE, 'tel:%E0%A4%A'], { kind: 'unknown', problem: 'bad-dial-url' }],
  // Nothing to do: just open
  ['no arguments', [EXE], { kind: 'open' }],
  ['only chromium switches', [EXE, '--allow-file-access-from-files'], { kind: 'open' }],
  ['empty argv', [], { kind: 'open' }],
  ['unrelated positional', [EXE, 'C:\\Users\\agent\\Desktop'], { kind: 'open' }],
];

describe('parseArgv', () => {
  it('has at least 40 table cases', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
  });

  it.each(table)('%s', (_name, argv, expected) => {
    expect(summarise(parseArgv(argv))).toEqual(expected);
  });

  it('explains a bad argv in words an admin can act on', () => {
    const r = parseArgv([EXE, '/N:S', '/C:1', '/T:I']);
    expect(r.kind).toBe('unknown');
    if (r.kind === 'unknown') {
      expect(r.message).toMatch(/call id/);
      expect(r.args).toEqual([EXE, '/N:S', '/C:1', '/T:I']);
    }
  });

  it('warns, but accepts, an end without /T:', () => {
    const r = parseArgv([EXE, '/N:E', '/I:1']);
    expect(r.kind === 'call-notification' && r.warnings.join()).toMatch(/without \/T:/);
  });

  it('never throws on junk', () => {
    const junk = [
      ['/'],
      ['/:'],
      ['/N:'],
      ['/N'],
      ['\u0000'],
      ['/I:\u202e'],
      [''],
      ['tel:'],
      ['sip:@'],
    ];
    for (const argv of junk) expect(() => parseArgv(argv)).not.toThrow();
    expect(() => parseArgv([undefined as unknown as string, 5 as unknown as string])).not.toThrow();
  });
});

describe('parseDialUrl', () => {
  it('returns null for non-dial schemes', () => {
    expect(parseDialUrl('https://example.com')).toBeNull();
    expect(parseDialUrl('mailto:a@b.c')).toBeNull();
  });
});
