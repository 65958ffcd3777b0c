// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM build script without types
import { checkRendererBudget, gzippedSize } from '../../../scripts/renderer-budget.mjs';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('renderer size budget', () => {
  it('counts gzipped JS and CSS, and fails the build above the budget', () => {
    dir = mkdtempSync(join(tmpdir(), 'callpop-budget-'));
    mkdirSync(join(dir, 'assets'));
    // Random bytes do not compress: the gzipped size is about the file size.
    writeFileSync(join(dir, 'assets', 'index.js'), randomBytes(40_000).toString('base64'));
    writeFileSync(join(dir, 'assets', 'index.css'), 'body{color:red}'.repeat(1000));
    writeFileSync(join(dir, 'assets', 'logo.png'), randomBytes(500_000));
    const size = gzippedSize(dir) as number;
    expect(size).toBeGreaterThan(40_000);
    expect(size).toBeLessThan(60_000);
    expect(checkRendererBudget(dir, 100_000)).toBe(size);
    expect(() => checkRendererBudget(dir, 30_000)).toThrow(/over the 29 KB budget/);
  });
});
