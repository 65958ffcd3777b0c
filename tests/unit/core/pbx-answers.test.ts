// @vitest-environment node
// The two PBX answer readers: table tests of what is accepted, and property tests that no
// answer — random text, random JSON, random HTML — makes a reader throw or return a shape
// other than a result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerText,
  parseHttpApiAnswer,
  type HttpApiAnswerKind,
} from '../../../electron/core/clients/pbx-http-api-answers';
import {
  itemOf,
  loginState,
  parseAnyJson,
  parseCommandResult,
  parseContact,
  parseContactIds,
  parseCount,
  parseExtensionState,
  parseItems,
  parseNewId,
} from '../../../electron/core/clients/pbx-rest-api-answers';
import type { PbxResult } from '../../../shared/pbx';
import { cleanDestination, presenceFromName } from '../../../shared/pbx';

const HTTP_KINDS: HttpApiAnswerKind[] = [
  'boolean',
  'status',
  'call-id',
  'caller-id',
  'calls',
  'divert',
];
const readHttp = parseHttpApiAnswer as (b: string, k: HttpApiAnswerKind) => PbxResult<unknown>;

function isResult(r: PbxResult<unknown>): boolean {
  if (r.ok) return typeof r.raw === 'string';
  return (
    typeof r.error.message === 'string' && (r.error.raw === undefined || r.error.raw.length <= 200)
  );
}

describe('HTTP API answers', () => {
  it.each([
    ['true', 'boolean', true],
    ['<html><body>TRUE</body></html>', 'boolean', true],
    ['  true\r\n', 'boolean', true],
    ['Away', 'status', 'away'],
    ['<p>Out of office</p>', 'status', 'oof'],
    ['custom2', 'status', 'custom2'],
    ['98741', 'call-id', '98741'],
    ['', 'divert', true],
    ['idle', 'caller-id', { idle: true, text: '' }],
    ['', 'calls', []],
  ] as const)('%j as %s is %j', (body, kind, value) => {
    expect(readHttp(body, kind)).toMatchObject({ ok: true, value });
  });

  it('showallcalls lines, one per line or separated by <br>', () => {
    const a = 'ID=1:CCID=1:S=Connected:DN=101:EP=+49301:REC=Stop';
    const b = 'ID=2:CCID=3:S=Ringing:DN=102:EP=sip:x@y:REC=Start';
    for (const body of [
      `${a}\n${b}`,
      `${a}<br>${b}`,
      `<html><body>${a}<BR/>${b}<br></body></html>`,
    ]) {
      expect(readHttp(body, 'calls')).toMatchObject({
        ok: true,
        value: [
          { id: '1', ccid: '1', state: 'Connected', dn: '101', endpoint: '+49301', rec: 'Stop' },
          { id: '2', ccid: '3', state: 'Ringing', dn: '102', endpoint: 'sip:x@y', rec: 'Start' },
        ],
      });
    }
    expect(readHttp(`${a}\nsomething else`, 'calls')).toMatchObject({
      ok: false,
      error: { kind: 'bad-answer' },
    });
  });

  it('refusals and unknown answers', () => {
    expect(readHttp('false', 'boolean')).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(readHttp('101 is not an agent of the queues', 'boolean')).toMatchObject({
      ok: false,
      error: { kind: 'refused', code: 'not-an-agent' },
    });
    expect(readHttp('Lunch', 'status')).toMatchObject({
      ok: false,
      error: { kind: 'bad-answer', raw: 'Lunch' },
    });
    expect(readHttp('yes', 'boolean')).toMatchObject({ ok: false, error: { kind: 'bad-answer' } });
    expect(readHttp('call id is 12 34', 'call-id')).toMatchObject({ ok: false });
  });

  it('answerText removes tags and entities', () => {
    expect(
      answerText('<html><head><title>T</title></head><body>a &amp; b<br>c</body></html>'),
    ).toBe('a & b\nc');
  });

  it('no answer crashes the reader (property)', () => {
    const body = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.json(),
      fc
        .array(
          fc.constantFrom(
            '<br>',
            '<p>',
            'ID=',
            ':CCID=',
            ':S=',
            ':DN=',
            ':EP=',
            ':REC=',
            'true',
            '\n',
            'x',
            '&amp;',
          ),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(body, fc.constantFrom(...HTTP_KINDS), (b, kind) => {
        expect(isResult(readHttp(b, kind))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('REST API answers', () => {
  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ['on', true],
    ['OFF', false],
    ['LoggedIn', true],
    ['LoggedOut', false],
    ['yes', true],
    ['no', false],
    ['maybe', null],
    [2, null],
    [null, null],
  ] as const)('login state %j is %j', (v, expected) => {
    expect(loginState(v)).toBe(expected);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['{"result": true}', true],
    ['{"result": false}', false],
    ['{"success": true}', true],
    ['{"success": 0}', false],
    ['ok', true],
    ['OK', true],
  ] as const)('command result %s', (body, ok) => {
    const r = parseCommandResult(body);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error.kind).toBe('refused');
  });

  it('items: numbers, strings and objects with num/number/extension/dn/id and names', () => {
    expect(itemOf(800)).toEqual({ num: '800', name: null });
    expect(itemOf('801')).toEqual({ num: '801', name: null });
    expect(itemOf({ num: '101', name: 'Anna' })).toEqual({ num: '101', name: 'Anna' });
    expect(itemOf({ Number: 102, FirstName: 'Bram', LastName: 'de Vries' })).toEqual({
      num: '102',
      name: 'Bram de Vries',
    });
    expect(itemOf({ extension: '103' })).toEqual({ num: '103', name: null });
    expect(itemOf({ dn: '104', firstname: 'Daan' })).toEqual({ num: '104', name: 'Daan' });
    expect(itemOf({ id: 5 })).toEqual({ num: '5', name: null });
    expect(itemOf({ name: 'no number' })).toBeNull();
    expect(parseItems('{"count": 2, "queues": [800, {"num": "801"}]}', 'queues')).toMatchObject({
      ok: true,
      value: [{ num: '800' }, { num: '801' }],
    });
    expect(parseItems('[{"name": "x"}]', 'queues')).toMatchObject({ ok: false });
  });

  it('ext.state.get with the seed fields, in other spellings too', () => {
    const r = parseExtensionState(
      JSON.stringify([
        {
          num: '101',
          registered: 'yes',
          status: 'Busy',
          fwdName: 'Away',
          qGlobalStatus: 'LoggedIn',
          qStatus: { '800': 'on', '801': 'off' },
        },
      ]),
      '101',
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        num: '101',
        registered: true,
        busy: true,
        presence: 'away',
        queuesGlobal: true,
        queues: [
          { queue: '800', loggedIn: true },
          { queue: '801', loggedIn: false },
        ],
      },
    });
    expect(parseExtensionState('{"error": "unknown extension"}', '1')).toMatchObject({
      ok: false,
      error: { kind: 'refused' },
    });
  });

  it('counts, ids, contacts', () => {
    expect(parseCount('3')).toMatchObject({ ok: true, value: 3 });
    expect(parseCount('{"count": 2}')).toMatchObject({ ok: true, value: 2 });
    expect(parseContactIds('[1, "2", {"id": 3}]')).toMatchObject({
      ok: true,
      value: ['1', '2', '3'],
    });
    expect(parseContactIds('{"count": 0, "ids": []}')).toMatchObject({ ok: true, value: [] });
    expect(parseNewId('{"id": 17}')).toMatchObject({ ok: true, value: '17' });
    expect(parseNewId('17')).toMatchObject({ ok: true, value: '17' });
    expect(parseNewId('false')).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(parseContact('{"id":"4","FirstName":"A","Business":"+312"}', '4')).toMatchObject({
      ok: true,
      value: { id: '4', firstName: 'A', business: '+312' },
    });
  });

  it('no answer crashes a reader (property)', () => {
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ count: 1, list: [v], qStatus: v, result: v })),
      fc.jsonValue().map((v) => JSON.stringify([v, { num: v, name: v, status: v }])),
    );
    const readers: Array<(b: string) => PbxResult<unknown>> = [
      (b) => parseItems(b, 'members'),
      parseCommandResult,
      (b) => parseExtensionState(b, '101'),
      parseCount,
      parseAnyJson,
      parseContactIds,
      (b) => parseContact(b, '1'),
      parseNewId,
    ];
    fc.assert(
      fc.property(body, (b) => {
        for (const read of readers) expect(isResult(read(b))).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('shared helpers', () => {
  it('presence names and destinations', () => {
    expect(presenceFromName('Out of office')).toBe('oof');
    expect(presenceFromName('CUSTOM 1')).toBe('custom1');
    expect(presenceFromName('Lunch')).toBeNull();
    expect(cleanDestination(' +31 (0)20-555.01 01 ')).toBe('+310205550101');
    expect(cleanDestination('*45#')).toBe('*45#');
    expect(cleanDestination('../stop')).toBeNull();
    expect(cleanDestination('12+3')).toBeNull();
  });
});
