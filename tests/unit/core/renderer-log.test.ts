// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/logger';
import type { Clock } from '../../../electron/core/core-types';
import {
  MAX_RENDERER_LOG_CHARS,
  RENDERER_LOG_BURST,
  RENDERER_LOG_RATE_PER_SECOND,
} from '../../../electron/core/renderer-log';

let dir: string;
let now = 1_764_000_000_000;
const clock: Clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-rlog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rendererLines = () =>
  readFileSync(join(dir, 'logs', 'callpop.log'), 'utf8')
    .split('\n')
    .filter((l) => l.includes(' renderer: '));

describe("the renderer's log.write", () => {
  it('is limited in rate: a flood is counted, not written, and the count is logged', async () => {
    const core = await createCore({
      dataDir: dir,
      logger: createLogger({ dataDir: dir }),
      clock,
      machineConfigPath: null,
    });
    for (let i = 0; i < 1000; i++)
      await core.invoke('log.write', { level: 'error', message: `flood ${i}` });
    expect(rendererLines()).toHaveLength(RENDERER_LOG_BURST);
    now += 1000;
    await core.invoke('log.write', { level: 'info', message: 'after the flood' });
    const lines = rendererLines();
    expect(lines.at(-2)).toMatch(
      new RegExp(
        `renderer: ${1000 - RENDERER_LOG_BURST} log line\\(s\\) not written \\(more than ${RENDERER_LOG_RATE_PER_SECOND} a second\\)`,
      ),
    );
    expect(lines.at(-1)).toMatch(/renderer: after the flood$/);
    await core.close();
  });

  it('is limited in length, and a secret at the cut leaves nothing of itself', async () => {
    const token = 'tok-0123456789abcdef0123456789';
    const logger = createLogger({ dataDir: dir });
    const core = await createCore({ dataDir: dir, logger, clock, machineConfigPath: null });
    await core.invoke('settings.save', { patch: { dbn: { token } } });
    const message = 'x'.repeat(MAX_RENDERER_LOG_CHARS - 10) + token + 'y'.repeat(2000);
    await core.invoke('log.write', { level: 'warn', message });
    const line = rendererLines().at(-1) ?? '';
    expect(line.length).toBeLessThan(MAX_RENDERER_LOG_CHARS + 200);
    expect(line).toMatch(/… \(4020 characters\)$/);
    expect(line).not.toContain(token.slice(0, 8));
    await core.close();
  });
});
