// @vitest-environment node
// The afterPack hook on a crafted binary that carries a real fuse wire (sentinel, version,
// length, one '0'/'1' per fuse), so @electron/fuses really flips it and we read it back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const hook = require('../../build/after-pack-fuses.cjs') as {
  default(context: unknown): Promise<void>;
  binaryPath(context: unknown): string;
};
const fuses = require('@electron/fuses') as typeof import('@electron/fuses');

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = '1'.charCodeAt(0);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-fuses-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const context = (platform: string, appOutDir = dir) => ({
  appOutDir,
  electronPlatformName: platform,
  arch: 1,
  packager: { appInfo: { productFilename: 'CallPop' }, executableName: 'callpop' },
});

function fakeElectron(file: string, wire: string) {
  const padding = Buffer.alloc(2 * 1024 * 1024, 0x2e);
  writeFileSync(
    file,
    Buffer.concat([
      padding,
      Buffer.from(SENTINEL),
      Buffer.from([1, wire.length]),
      Buffer.from(wire),
      padding,
    ]),
  );
}

describe('after-pack fuses hook', () => {
  it('finds the binary per platform', () => {
    expect(hook.binaryPath(context('win32', '/out'))).toBe(join('/out', 'CallPop.exe'));
    expect(hook.binaryPath(context('linux', '/out'))).toBe(join('/out', 'callpop'));
    expect(hook.binaryPath(context('darwin', '/out'))).toBe(
      join('/out', 'CallPop.app', 'Contents', 'MacOS', 'CallPop'),
    );
  });

  it('flips the hardening fuses in a real-sized binary', async () => {
    // Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on,
    // asar integrity off, only-asar off, V8 snapshot off, file:// privileges on.
    fakeElectron(join(dir, 'CallPop.exe'), '10110001');
    await hook.default(context('win32'));
    const wire = await fuses.getCurrentFuseWire(join(dir, 'CallPop.exe'));
    const on = (o: number) => (wire as Record<number, number>)[o] === ENABLE;
    const O = fuses.FuseV1Options;
    expect(on(O.RunAsNode)).toBe(false);
    expect(on(O.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(on(O.EnableNodeCliInspectArguments)).toBe(false);
    expect(on(O.EnableCookieEncryption)).toBe(true);
    expect(on(O.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(O.OnlyLoadAppFromAsar)).toBe(true);
    expect(on(O.GrantFileProtocolExtraPrivileges)).toBe(false);
  });

  it('skips a stand-in, but fails a real-sized binary without a fuse wire', async () => {
    writeFileSync(join(dir, 'callpop'), '#!/bin/sh\n');
    await expect(hook.default(context('linux'))).resolves.toBeUndefined();
    writeFileSync(join(dir, 'callpop'), Buffer.alloc(2 * 1024 * 1024));
    await expect(hook.default(context('linux'))).rejects.toThrow(/sentinel/);
  });
});
