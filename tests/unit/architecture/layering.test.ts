// @vitest-environment node
// The import rules of DESIGN.md ("Layers") are enforced by ESLint; this proves the rule bites,
// so a config change that silently disables it fails here.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

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
    ['shared/x.ts', "import { join } from 'node:path';\nexport const x = join;"],
    [
      'shared/x.ts',
      "import { createCore } from '../electron/core/core';\nexport const x = createCore;",
    ],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/host/x.ts', "import { app } from 'electron';\nexport const x = app;"],
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
    ['shared/ipc/x.ts', "import { join } from 'node:path';\nexport const x = join;"],
  ])('refuses %s: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'renderer/src/x.ts',
      "import { parseArgv } from '../../shared/crm-args';\nexport const x = parseArgv;",
    ],
    ['shared/x.ts', "import { z } from 'zod';\nexport const x = z;"],
    ['electron/core/x.ts', "import { join } from 'node:path';\nexport const x = join;"],
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
});
