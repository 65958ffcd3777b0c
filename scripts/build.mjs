// Builds everything `npm start`, `npm run serve`, `npx callpop` and the packager need:
//   dist/renderer/            the React UI (Vite)
//   dist/electron/main.cjs    Electron entry: takes the single-instance lock, then loads app.cjs
//   dist/electron/app.cjs     the rest of the Electron main process
//   dist/electron/preload.cjs the sandboxed preload: one CommonJS file, only `electron` external
//   dist/cli/callpop.mjs      the `callpop` command (browser mode, export, demo, forwarding)
//   dist/bin/callpop-notify   the native trampoline for the 3CX Assistant (scripts/build-native.mjs)
import { spawnSync } from 'node:child_process';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync, chmodSync } from 'node:fs';
import { checkRendererBudget } from './renderer-budget.mjs';

rmSync('dist', { recursive: true, force: true });

// Always the production bundle: a test that builds dist/ runs this under Vitest's NODE_ENV=test,
// which would make Vite bundle React's development build (over the size budget).
process.env.NODE_ENV = 'production';
await viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' });
const rendererBytes = checkRendererBudget('dist/renderer');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
};

// main.cjs must stay tiny: it runs on every one of the 2–3 launches per call.
await esbuild({
  ...common,
  entryPoints: { main: 'electron/main.ts', app: 'electron/app.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  packages: 'external',
});

await esbuild({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  platform: 'node',
  external: ['electron'],
});

// ESM with code splitting, so the forwarding path loads only the small entry chunk.
await esbuild({
  ...common,
  entryPoints: { callpop: 'electron/host/cli.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  splitting: true,
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync('dist/cli/callpop.mjs', 0o755);

const native = spawnSync(process.execPath, ['scripts/build-native.mjs'], { stdio: 'inherit' });
if (native.status !== 0) process.exit(native.status ?? 1);
console.log(`built dist/ (renderer ${(rendererBytes / 1024).toFixed(1)} KB gzip)`);
