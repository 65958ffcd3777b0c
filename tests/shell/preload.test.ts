// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { build, transformSync } from 'esbuild';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from './mocks/electron';
import { createApi } from '../../shared/ipc';
import type { CallPopApi } from '../../shared/ipc';

vi.mock('electron', () => import('./mocks/electron'));

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
});

const loaded = (async () => {
  await import('../../electron/preload');
  return electron.contextBridge.exposed.get('callpop') as CallPopApi;
})();

describe('preload bridge', () => {
  it('exposes the domain API under window.callpop, and nothing else', async () => {
    const api = await loaded;
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['callpop']);
    const expected = Object.keys(createApi(vi.fn(), vi.fn(), vi.fn())).sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.keys(api)).not.toEqual(
      expect.arrayContaining(['invoke', 'send', 'on', 'ipcRenderer']),
    );
  });

  it('invokes contract channels with the request object', async () => {
    const api = await loaded;
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { via: 'assistant' } });
    await expect(api.dial('+31612345678')).resolves.toEqual({
      ok: true,
      value: { via: 'assistant' },
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('dial', { number: '+31612345678' });
  });

  it('turns a rejected invoke into an error result', async () => {
    const api = await loaded;
    electron.ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("No handler registered for 'calls.list'"),
    );
    await expect(api.listCalls()).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: "No handler registered for 'calls.list'" },
    });
  });

  it('subscribes with ipcRenderer.on, passes only the payload, and unsubscribes', async () => {
    const api = await loaded;
    const cb = vi.fn();
    const off = api.onPopupShow(cb);
    expect(electron.ipcRenderer.listenerCount('popup.show')).toBe(1);
    const payload = { id: 'A1' };
    electron.ipcRenderer.emit('popup.show', { sender: 'the IPC event stays in preload' }, payload);
    expect(cb).toHaveBeenCalledWith(payload);
    expect(cb.mock.calls[0]).toHaveLength(1);
    off();
    expect(electron.ipcRenderer.listenerCount('popup.show')).toBe(0);
    electron.ipcRenderer.emit('popup.show', {}, payload);
    expect(cb).toHaveBeenCalledTimes(1);
  });
});

// A sandboxed preload may require only 'electron' and a few built-ins and cannot be an ES
// module (TOOLCHAIN.md). Checked on the bundle, since a mocked electron cannot catch it.
const ALLOWED = new Set(['electron', 'events', 'timers', 'url']);

function checkSandboxedPreload(source: string): string[] {
  const problems: string[] = [];
  // Whitespace-minified: comments go, code and strings stay, so prose cannot trip the check.
  const code = transformSync(source, {
    loader: 'js',
    minifyWhitespace: true,
    legalComments: 'none',
  }).code;
  for (const m of code.matchAll(/\brequire\s*\(\s*([^)]*)\)/g)) {
    const arg = m[1]!.trim();
    const name = /^["']([^"']+)["']$/.exec(arg)?.[1];
    if (!name || !ALLOWED.has(name)) problems.push(`require(${arg})`);
  }
  if (/(^|[;{}\n])(import\b\s*[\w{*'"]|export\b\s*[\w{*])/.test(code))
    problems.push('ES module syntax');
  if (/\bimport\s*\(/.test(code)) problems.push('dynamic import()');
  return problems;
}

describe('built preload', () => {
  it('bundles to one CommonJS file requiring only electron', async () => {
    // The same options as scripts/build.mjs.
    const out = await build({
      entryPoints: ['electron/preload.ts'],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(checkSandboxedPreload(code)).toEqual([]);
    expect(code).toContain('exposeInMainWorld("callpop"');
    // Every window runs the preload before its first paint: no validation library in it
    // (main validates; see shared/ipc/schemas.ts).
    expect(code).not.toMatch(/ZodError|\$ZodType/);
    expect(code.length).toBeLessThan(20_000);
  });

  it('dist/electron/preload.cjs, when built, passes the same check', () => {
    const file = 'dist/electron/preload.cjs';
    if (!existsSync(file)) return; // npm test builds first; a bare vitest run may not have
    expect(checkSandboxedPreload(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('the checker itself catches what it must', () => {
    expect(checkSandboxedPreload('const x = require("zod");')).toEqual(['require("zod")']);
    expect(checkSandboxedPreload('require("./other.cjs")')).toEqual(['require("./other.cjs")']);
    expect(checkSandboxedPreload('require(name)')).toEqual(['require(name)']);
    expect(checkSandboxedPreload('import { x } from "electron";')).toEqual(['ES module syntax']);
    expect(checkSandboxedPreload('async function f() { await import("x"); }')).toEqual([
      'dynamic import()',
    ]);
    expect(
      checkSandboxedPreload(
        '// mentions import() and require("zod") in prose\nrequire("electron");',
      ),
    ).toEqual([]);
    expect(checkSandboxedPreload('require("electron"); require("events")')).toEqual([]);
  });
});
