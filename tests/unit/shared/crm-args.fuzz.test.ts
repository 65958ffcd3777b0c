// @vitest-environment node
// Property tests of the argv parser: whatever the 3CX Assistant, Chromium or a stranger puts on
// the command line, parseArgv answers with one of its four kinds, never throws, and every
// refusal says what was wrong.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseArgv } from '../../../shared/crm-args';

const flagName = fc.constantFrom('N', 'C', 'T', 'I', 'n', 'c', 't', 'i', 'X');
const flagValue = fc.oneof(
  fc.constantFrom('S', 'C', 'E', 'I', 'O', 's', 'e', 'x', '', '"', '""', "'0612'", 'Anonymous'),
  fc.stringMatching(/^\+?[0-9 ()\-.*#]{0,20}$/),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const flag = fc
  .tuple(fc.constantFrom('/', '-', '--', ''), flagName, fc.constantFrom(':', '=', ''), flagValue)
  .map(([p, n, sep, v]) => `${p}${n}${sep}${v}`);
const url = fc
  .tuple(
    fc.constantFrom('tel:', 'callto:', 'sip:', 'SIPS:', 'http:', 'tel://'),
    fc.string({ unit: 'binary', maxLength: 30 }),
  )
  .map(([s, rest]) => s + rest);
const chromium = fc.constantFrom(
  '--allow-file-access-from-files',
  '--original-process-start-time=1',
  '--no-sandbox',
  '.',
);
const arg = fc.oneof(
  { weight: 4, arbitrary: flag },
  url,
  chromium,
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const argv = fc
  .tuple(
    fc.constantFrom('CallPop.exe', 'C:\\Program Files\\CallPop\\CallPop.exe'),
    fc.array(arg, { maxLength: 12 }),
  )
  .map(([exe, rest]) => [exe, ...rest]);

const KINDS = ['call-notification', 'dial-request', 'open', 'unknown'];

describe('parseArgv (property)', () => {
  it('answers every argv with one of its kinds; refusals and warnings are clear sentences', () => {
    fc.assert(
      fc.property(argv, (a) => {
        const r = parseArgv(a);
        expect(KINDS).toContain(r.kind);
        if (r.kind === 'unknown') expect(r.message).toMatch(/^\S.{5,}/s);
        if (r.kind === 'call-notification') {
          expect(r.notification.callId.length).toBeGreaterThan(0);
          for (const w of r.warnings) expect(w).toMatch(/^\S.{5,}/s);
        }
        if (r.kind === 'dial-request') expect(r.number).toMatch(/^\+?[0-9*#]+$/);
        // Pure: the same argv gives the same answer.
        expect(parseArgv(a)).toEqual(r);
      }),
      { numRuns: 5000 },
    );
  });

  it('survives huge and hostile argv (many args, long args, controls, lone surrogates)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', minLength: 0, maxLength: 9000 }), { maxLength: 300 }),
        (rest) => {
          const r = parseArgv(['CallPop.exe', ...rest]);
          expect(KINDS).toContain(r.kind);
        },
      ),
      { numRuns: 200 },
    );
  });
});
