// @vitest-environment node
// The import rules (docs/architecture.md, "Layers") are enforced by ESLint; this proves the rule bites,
// so a config change that silently disables it fails here.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layering', () => {
  it.each([
    [
      'renderer/src/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    ],
    ['renderer/src/x.ts', "import fs from 'fs';\nexport const x = fs;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    [
      'renderer/src/x.ts',
      "import { createCore } from '../../electron/core/core';\nexport const x = createCore;",
    ],
    [
      'shared/x.ts',
      "import { dirname, join, normalize } from 'node:path';\nexport const x = join;",
    ],
    [
      'shared/x.ts',
      "import { createCore } from '../electron/core/core';\nexport const x = createCore;",
    ],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/host/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/shell/x.ts', "import type { App } from 'electron';\nexport type X = App;"],
    [
      'renderer/src/x.ts',
      "import { invokeSchemas } from '../../shared/ipc/schemas';\nexport const x = invokeSchemas;",
    ],
    [
      'electron/preload.ts',
      "import { invokeSchemas } from '../shared/ipc/schemas';\nexport const x = invokeSchemas;",
    ],
    [
      'shared/ipc/x.ts',
      "import { createCore } from '../../electron/core/core';\nexport const x = createCore;",
    ],
    [
      'shared/ipc/x.ts',
      "import { dirname, join, normalize } from 'node:path';\nexport const x = join;",
    ],
  ])('refuses %s: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'renderer/src/x.ts',
      "import { parseArgv } from '../../shared/crm-args';\nexport const x = parseArgv;",
    ],
    ['shared/x.ts', "import { z } from 'zod';\nexport const x = z;"],
    [
      'electron/core/x.ts',
      "import { dirname, join, normalize } from 'node:path';\nexport const x = join;",
    ],
    ['electron/app.ts', "import { app } from 'electron';\nexport const x = app;"],
    [
      'renderer/src/x.ts',
      "import type { CallView } from '../../shared/ipc';\nexport type X = CallView;",
    ],
    [
      'renderer/src/x.ts',
      "import type { InvokeChannel } from '../../shared/ipc/schemas';\nexport type X = InvokeChannel;",
    ],
    [
      'shared/ipc/x.ts',
      "import type { CallRecord } from '../call-tracker';\nexport type X = CallRecord;",
    ],
  ])('allows %s: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });

  it('keeps Electron to at most 8 files of electron/', () => {
    const files = (readdirSync('electron', { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .filter((f) =>
        /from 'electron'|require\('electron'\)/.test(readFileSync(join('electron', f), 'utf8')),
      );
    expect(files.length, files.join(', ')).toBeLessThanOrEqual(8);
  });

  it('has no import circle in shared/, electron/ or renderer/ (type imports included)', () => {
    const files = ['shared', 'electron', 'renderer/src'].flatMap((root) =>
      (readdirSync(root, { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => normalize(join(root, f))),
    );
    const known = new Set(files);
    const resolve = (from: string, spec: string): string | undefined => {
      const base = normalize(join(dirname(from), spec));
      return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => known.has(f));
    };
    const edges = new Map(
      files.map((f) => {
        const specs = [...readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => m[1]!);
        return [f, specs.map((spec) => resolve(f, spec)).filter((t): t is string => !!t)];
      }),
    );
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...path.slice(path.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const next of edges.get(f) ?? []) visit(next, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(circles).toEqual([]);
  });
});
