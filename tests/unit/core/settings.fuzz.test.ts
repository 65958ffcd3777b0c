// @vitest-environment node
// Property tests of settings files (as written to disk by hand or by a rollout script) and of
// settings patches from the UI: never a throw, every problem names a key or a position, the
// file's text never appears in a problem, and a patch is saved whole or refused with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSettingsStore } from '../../../electron/core/settings-store';
import { createLogger } from '../../../electron/core/logger';
import { describeJsonError } from '../../../electron/core/json-errors';
import { mergeSettings, settingsSchema } from '../../../shared/settings-schema';

const MARK = 'Zq9SECRETq9Z';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cp-setfuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Keys a file or patch may carry: real groups and leaves, reserved names, junk.
const groups = Object.keys(settingsSchema.shape);
const leafKey = fc.constantFrom(
  'enabled',
  'baseUrl',
  'token',
  'apiKey',
  'timeoutMs',
  'corner',
  'showOn',
  'extension',
  'email',
  'x',
);
const anyKey = fc.oneof(
  fc.constantFrom(...groups),
  leafKey,
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', ''),
  fc.string({ maxLength: 12 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    true,
    false,
    0,
    100,
    3000,
    -1,
    1.5,
    '',
    'GET',
    'top-left',
    'https://crm.example.com',
    MARK,
    null,
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);
const settingsLike = fc.dictionary(
  anyKey,
  fc.oneof(value, fc.dictionary(anyKey, value, { maxKeys: 5 })),
  { maxKeys: 6 },
);

describe('settings (property)', () => {
  it('mergeSettings reads any JSON value: no throw, each problem names a key path', () => {
    fc.assert(
      fc.property(fc.oneof(settingsLike, fc.jsonValue({ maxDepth: 3 })), (raw) => {
        const { settings, problems } = mergeSettings(raw);
        expect(settingsSchema.safeParse(settings).success).toBe(true);
        for (const p of problems) {
          expect(typeof p.path).toBe('string');
          expect(p.message).toMatch(/^\S.{4,}/s);
          expect(p.message).not.toContain(MARK);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('describeJsonError gives a position and a reason for any text, never the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ maxLength: 50 }),
        (junk, tail) => {
          const text = `{"dbn":{"token":${MARK}${junk}}${tail}`;
          const d = describeJsonError(text);
          expect(d).toMatch(/^(line \d+, column \d+: [a-z].{4,}|not valid JSON)$/);
          expect(d).not.toContain('SECRET');
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a settings file of any content loads: defaults where it is wrong, its text never shown', () => {
    const file = join(dir, 'settings.json');
    const logger = createLogger();
    const content = fc.oneof(
      settingsLike.map((v) => JSON.stringify(v)),
      fc
        .string({ unit: 'binary', maxLength: 200 })
        .map((s) => `{"dbn": {"token": "${MARK}"}, ${s}`),
      fc
        .uint8Array({ maxLength: 200 })
        .map((b) => Buffer.concat([Buffer.from(MARK), Buffer.from(b)]).toString('latin1')),
    );
    fc.assert(
      fc.property(content, (text) => {
        writeFileSync(file, text);
        const store = createSettingsStore({ dataDir: dir, machineConfigPath: null, logger });
        for (const p of store.view().problems) {
          expect(p.message).toMatch(/^\S.{4,}/s);
          expect(p.message).not.toContain(MARK);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a patch is saved whole or refused with a reason naming the key; nothing is polluted', () => {
    const logger = createLogger();
    const patchDir = mkdtempSync(join(tmpdir(), 'cp-patchfuzz-'));
    try {
      const store = createSettingsStore({ dataDir: patchDir, machineConfigPath: null, logger });
      fc.assert(
        fc.property(settingsLike, (patch) => {
          const wire = JSON.parse(JSON.stringify(patch)) as Record<string, unknown>;
          const before = store.get();
          const r = store.save(wire);
          if (r.ok) expect(settingsSchema.safeParse(r.view.settings).success).toBe(true);
          else {
            expect(r.error.message).toMatch(/^\S.{4,}/s);
            expect(r.error.message).not.toMatch(/is not a function|Cannot read/);
            for (const m of Object.values(r.error.fields ?? {})) expect(m).toMatch(/^\S.{4,}/s);
            expect(store.get()).toEqual(before);
          }
          expect(({} as Record<string, unknown>).enabled).toBeUndefined();
        }),
        { numRuns: 1000 },
      );
    } finally {
      rmSync(patchDir, { recursive: true, force: true });
    }
  });
});
