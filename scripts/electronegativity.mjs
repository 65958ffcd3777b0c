// `npm run audit:electron`: Doyensec's electronegativity over the built output (run
// `npm run build` first). The tool scans only .js/.ts/.html files, so it is given a copy of
// dist/ with .cjs/.mjs renamed to .js; scanning dist/ itself finds nothing in the main process
// and reports the navigation and permission checks as missing. The Electron version is passed
// explicitly, and the check that fetches Electron's release list is skipped (offline here).
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  readFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const version = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const copy = mkdtempSync(join(tmpdir(), 'callpop-eneg-'));
cpSync('dist', copy, { recursive: true });
(function rename(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) rename(p);
    else if (/\.(cjs|mjs)$/.test(name)) renameSync(p, p.replace(/\.(cjs|mjs)$/, '.js'));
  }
})(copy);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const out = process.argv[2] ?? join('test-results', 'electronegativity.csv');
const r = spawnSync(
  npx,
  [
    '--yes',
    '@doyensec/electronegativity@1.10.3',
    '-i',
    copy,
    '-e',
    version,
    '-r',
    '-o',
    out,
    '-x',
    'AvailableSecurityFixesGlobalCheck',
    '-v',
    'false',
  ],
  { stdio: 'inherit' },
);
rmSync(copy, { recursive: true, force: true });
console.log(`findings: ${out}`);
process.exit(r.status ?? 1);
