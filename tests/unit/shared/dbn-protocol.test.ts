import { describe, expect, it } from 'vitest';
import {
  dbnEndpoint,
  dbnMessage,
  encodeParams,
  lookupParams,
  parseDbnAnswer,
  readSuccess,
  writeBackParams,
} from '../../../shared/dbn-protocol';
import type { WrapUpStatus } from '../../../shared/ipc';

describe('parseDbnAnswer', () => {
  it.each([
    // the seed's own samples, trailing comma and line breaks included
    ['{\n"success": true,\n}', true],
    ['{\n    "success": 1,\n}', true],
    ['{"success": false,}', false],
    ['{"success": 0}', false],
    ['{"success": "true"}', true],
    ['{"success": "1"}', true],
    ['{"success": "TRUE"}', true],
    ['{"success": "false"}', false],
    ['{"success": "0"}', false],
    ['{"Success": true}', true],
    ['\uFEFF  {"success": true, "message": "ok",}  ', true],
    ['{"data": [1, 2,], "success": true,}', true],
  ])('%j → success %s', (body, success) => {
    const a = parseDbnAnswer(body);
    expect(a.ok).toBe(true);
    if (a.ok) expect(a.success).toBe(success);
  });

  it.each([
    ['', /empty body/],
    ['   \n', /empty body/],
    [
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
      /HTML page.*502 Bad Gateway/,
    ],
    ['<html><body>Fatal error</body></html>', /HTML page/],
    ['{"success": tru', /not JSON/],
    ['OK', /not JSON/],
    ['[true]', /no "success" field/],
    ['"true"', /no "success" field/],
    ['null', /no "success" field/],
    ['{"result": true}', /no "success" field/],
    ['{"success": "maybe"}', /neither true nor false/],
    ['{"success": 2}', /neither true nor false/],
    ['{"success": null}', /neither true nor false/],
  ])('%j is a clear error', (body, message) => {
    const a = parseDbnAnswer(body);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error).toMatch(message);
  });

  it('never throws on arbitrary text', () => {
    for (const body of ['{', '}', ',', '{,}', '{"success":}', '\u0000', 'x'.repeat(10_000)]) {
      expect(() => parseDbnAnswer(body)).not.toThrow();
    }
  });

  it('keeps error excerpts short', () => {
    const a = parseDbnAnswer('x'.repeat(10_000));
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error.length).toBeLessThan(200);
  });
});

describe('readSuccess', () => {
  it('reads boolean-ish values only', () => {
    expect([true, 1, '1', 'true', 'yes'].map(readSuccess)).toEqual([true, true, true, true, true]);
    expect([false, 0, '0', 'false', 'no'].map(readSuccess)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([2, -1, 'x', null, undefined, {}, []].map(readSuccess)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('DBN requests', () => {
  it('uses /3cx/query under any base URL', () => {
    expect(dbnEndpoint('https://crm.example.com')).toBe('https://crm.example.com/3cx/query');
    expect(dbnEndpoint('https://crm.example.com/')).toBe('https://crm.example.com/3cx/query');
    expect(dbnEndpoint('https://crm.example.com/api//')).toBe(
      'https://crm.example.com/api/3cx/query',
    );
  });

  it('lookup: cid then token, percent-encoded', () => {
    expect(encodeParams(lookupParams('+31612345678', 'a b&c'))).toBe(
      'cid=%2B31612345678&token=a%20b%26c',
    );
  });

  it("write-back: the table's lower-case keys and its four statuses", () => {
    const p = writeBackParams('0612345678', 'Schedule Later', 'Due to driving', 'tok');
    expect(p).toEqual([
      ['cid', '0612345678'],
      ['status', 'Schedule Later'],
      ['comments', 'Due to driving'],
      ['token', 'tok'],
    ]);
    expect(encodeParams(p)).toBe(
      'cid=0612345678&status=Schedule%20Later&comments=Due%20to%20driving&token=tok',
    );
    expect(() => writeBackParams('1', 'Scheduled Later' as WrapUpStatus, '', 't')).toThrow(
      /not a DBN status/,
    );
  });

  it("finds the CRM's own words next to success: 0", () => {
    expect(dbnMessage({ success: 0, message: 'duplicate' })).toBe('duplicate');
    expect(dbnMessage({ success: 0, Error: ' bad cid ' })).toBe('bad cid');
    expect(dbnMessage({ success: 0 })).toBeNull();
  });
});
