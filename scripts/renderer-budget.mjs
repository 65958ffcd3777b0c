// The renderer's size budget: all JavaScript and CSS Vite emits, gzipped, at most 250 KB. The
// popup must appear in well under a second on an agent's ordinary office PC; every library
// added to the UI counts against this.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const RENDERER_BUDGET_BYTES = 250 * 1024;

/** Gzipped bytes of every .js and .css file under `dir` (recursively). */
export function gzippedSize(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += gzippedSize(path);
    else if (/\.(m?js|css)$/.test(entry.name)) total += gzipSync(readFileSync(path)).length;
  }
  return total;
}

/** Throws when the built renderer is over budget; returns its size otherwise. */
export function checkRendererBudget(dir, budget = RENDERER_BUDGET_BYTES) {
  const size = gzippedSize(dir);
  if (size > budget) {
    throw new Error(
      `renderer bundle is ${(size / 1024).toFixed(1)} KB gzip, over the ${(budget / 1024).toFixed(0)} KB budget`,
    );
  }
  return size;
}
