// `npm test`: every check in one run. Each stage runs even when an earlier one failed, so a
// single run shows everything that is wrong; the exit code is non-zero if anything failed.
// Static checks count as one test each; Vitest and Playwright report their own counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const vitestJson = `${results}/vitest.json`;
const playwrightJson = `${results}/playwright.json`;
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const stages = [
  // After `npm start` or `npm run dist` the SQLite module is built for Electron: switch it back.
  {
    name: 'native modules for Node',
    cmd: process.execPath,
    args: ['scripts/ensure-native.mjs', 'node'],
  },
  {
    name: 'typecheck (main, shared, tests)',
    cmd: npx,
    args: ['tsc', '-p', 'tsconfig.json', '--noEmit'],
  },
  {
    name: 'typecheck (renderer)',
    cmd: npx,
    args: ['tsc', '-p', 'renderer/tsconfig.json', '--noEmit'],
  },
  { name: 'lint', cmd: npx, args: ['eslint', '.'] },
  { name: 'format', cmd: npx, args: ['prettier', '--check', '.'] },
  { name: 'build', cmd: process.execPath, args: ['scripts/build.mjs'] },
  {
    name: 'unit, shell and integration tests',
    cmd: npx,
    args: [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
    counts: () => {
      const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
      return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numFailedTestSuites ?? 0) };
    },
  },
  {
    name: 'end-to-end tests (Playwright, Chromium)',
    cmd: npx,
    args: ['playwright', 'test'],
    counts: () => {
      const r = JSON.parse(readFileSync(playwrightJson, 'utf8'));
      return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
    },
  },
];

let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const run = spawnSync(stage.cmd, stage.args, { stdio: 'inherit', env: process.env });
  const ok = run.status === 0;
  if (stage.counts) {
    let counted;
    try {
      counted = stage.counts();
    } catch {
      counted = null;
    }
    if (counted) {
      passed += counted.passed;
      failed += counted.failed;
      // A runner that crashed after counting still fails the run.
      if (!ok && counted.failed === 0) failed += 1;
      summary.push(
        `${stage.name}: ${counted.passed} passed, ${counted.failed} failed${ok ? '' : ' (runner exited non-zero)'}`,
      );
      continue;
    }
  }
  if (ok) passed += 1;
  else failed += 1;
  summary.push(`${stage.name}: ${ok ? 'ok' : 'FAILED'}`);
}

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && existsSync(vitestJson) ? 0 : 1);
