// @vitest-environment node
// A card's "earlier calls" are the calls with the same number that started before this one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/logger';
import type { Clock } from '../../../electron/core/core-types';
import type { CallDetail } from '../../../shared/ipc';

let dir: string;
let now: number;
const clock: Clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cp-earlier-'));
  now = Date.UTC(2026, 10, 22, 9, 0, 0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('earlier calls', () => {
  it('lists only calls that started before the one on the card, in any number format', async () => {
    const core = await createCore({
      dataDir: dir,
      logger: createLogger({ dataDir: dir }),
      clock,
      machineConfigPath: null,
    });
    const call = async (id: string, number: string) => {
      await core.handleArgv(['CallPop.exe', '/N:S', `/C:${number}`, '/T:I', `/I:${id}`], 'socket');
      await core.handleArgv(['CallPop.exe', '/N:E', '/T:I', `/I:${id}`], 'socket');
      now += 60_000;
    };
    await call('first', '+31 6 5111 2222');
    await call('second', '0651112222');
    await call('third', '0031651112222');
    const r = await core.invoke('calls.get', { callId: 'second' });
    if (!r.ok) throw new Error(r.error.message);
    expect((r.value as CallDetail).history.map((c) => c.id)).toEqual(['first']);
    const last = await core.invoke('calls.get', { callId: 'third' });
    if (!last.ok) throw new Error(last.error.message);
    expect((last.value as CallDetail).history.map((c) => c.id)).toEqual(['second', 'first']);
    await core.close();
  });
});
