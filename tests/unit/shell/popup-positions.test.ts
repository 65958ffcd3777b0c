// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPopupPositions, POSITIONS_FILE } from '../../../electron/shell/popup-positions';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-positions-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('popup positions', () => {
  it('starts empty without a file', () => {
    expect(createPopupPositions(join(dir, POSITIONS_FILE)).get('1')).toBeNull();
  });

  it('remembers per display id and survives a restart', () => {
    const file = join(dir, POSITIONS_FILE);
    const a = createPopupPositions(file);
    a.set('1', { dx: 10, dy: 20 });
    a.set('2779098405', { dx: 300, dy: 40 });
    const b = createPopupPositions(file);
    expect(b.get('1')).toEqual({ dx: 10, dy: 20 });
    expect(b.get('2779098405')).toEqual({ dx: 300, dy: 40 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      '1': { dx: 10, dy: 20 },
      '2779098405': { dx: 300, dy: 40 },
    });
    // Atomic write: no temp files left behind.
    expect(readdirSync(dir)).toEqual([POSITIONS_FILE]);
  });

  it('treats a corrupt file as empty and overwrites it on the next move', () => {
    const file = join(dir, POSITIONS_FILE);
    writeFileSync(file, '{"1": {"dx": 1, "dy"');
    const p = createPopupPositions(file);
    expect(p.get('1')).toBeNull();
    p.set('1', { dx: 5, dy: 6 });
    expect(createPopupPositions(file).get('1')).toEqual({ dx: 5, dy: 6 });
  });

  it('drops entries of the wrong shape', () => {
    const file = join(dir, POSITIONS_FILE);
    writeFileSync(
      file,
      JSON.stringify({ '1': { dx: 'a', dy: 2 }, '2': { dx: 3, dy: 4 }, '3': [1, 2] }),
    );
    const p = createPopupPositions(file);
    expect(p.get('1')).toBeNull();
    expect(p.get('2')).toEqual({ dx: 3, dy: 4 });
    expect(p.get('3')).toBeNull();
  });

  it('reports a failed write and keeps the position in memory', () => {
    const onError = vi.fn();
    const file = join(dir, 'missing-parent', 'x', POSITIONS_FILE);
    writeFileSync(join(dir, 'missing-parent'), 'a file, not a folder');
    const p = createPopupPositions(file, onError);
    p.set('1', { dx: 1, dy: 2 });
    expect(onError).toHaveBeenCalled();
    expect(p.get('1')).toEqual({ dx: 1, dy: 2 });
    expect(existsSync(file)).toBe(false);
  });
});
