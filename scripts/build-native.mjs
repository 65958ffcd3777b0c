// Builds the native trampoline (native/: callpop-notify, a plain C program) with the node-gyp
// that npm ships, and copies it to dist/bin/ when dist/ exists. Runs on `npm ci` (the install
// script) and in `npm run build`. Offline: node-gyp builds against the headers installed with
// Node itself (<prefix>/include/node) when they are there, so nothing is downloaded; a plain
// executable needs no Node headers anyway, node-gyp only insists on finding them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const native = join(root, 'native');
const exe = process.platform === 'win32' ? '.exe' : '';
const names = [`callpop-notify${exe}`, `callpop-notify-selftest${exe}`];
const release = join(native, 'build', 'Release');

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
    join(
      dirname(process.execPath),
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  return candidates.find((c) => c && existsSync(c));
}

function nodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = resolve(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'common.gypi')) ? prefix : undefined;
}

function newestSource() {
  const files = [
    join(native, 'binding.gyp'),
    ...readdirSync(join(native, 'src')).map((f) => join(native, 'src', f)),
  ];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

function upToDate() {
  const built = names.map((n) => join(release, n));
  if (!built.every((f) => existsSync(f))) return false;
  const oldest = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return oldest >= newestSource();
}

if (!upToDate()) {
  const gyp = nodeGyp();
  if (!gyp) {
    console.error('build-native: node-gyp not found (it ships with npm); set npm_config_node_gyp');
    process.exit(1);
  }
  const dir = nodeDir();
  const args = [gyp, 'rebuild', '--loglevel=warn', ...(dir ? [`--nodedir=${dir}`] : [])];
  const r = spawnSync(process.execPath, args, { cwd: native, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('build-native: building native/ (callpop-notify) failed; a C compiler is needed');
    process.exit(r.status ?? 1);
  }
}

if (existsSync(join(root, 'dist'))) {
  mkdirSync(join(root, 'dist', 'bin'), { recursive: true });
  for (const n of names) copyFileSync(join(release, n), join(root, 'dist', 'bin', n));
}
console.log('built native/ (callpop-notify)');
