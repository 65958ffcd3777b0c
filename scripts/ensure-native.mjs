// better-sqlite3 is a native module, and one build serves either Node (tests, browser mode,
// `npx callpop`) or Electron (`npm start`, `npm run dist`), never both. This puts it in the
// shape the next command needs:
//   node scripts/ensure-native.mjs node      rebuild for this Node only if it does not load
//   node scripts/ensure-native.mjs electron  build for the installed Electron (needs network)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const WRONG_ABI =
  /NODE_MODULE_VERSION|compiled against a different|did not self-register|invalid ELF/i;

function loadsInNode() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e };
  }
}

const target = process.argv[2];
if (target === 'node') {
  const first = loadsInNode();
  if (first.ok) process.exit(0);
  if (!WRONG_ABI.test(String(first.error?.message))) {
    console.error(`better-sqlite3 does not load: ${first.error?.message}`);
    process.exit(1);
  }
  console.log('better-sqlite3 was built for Electron; rebuilding it for Node (about a minute)…');
  const r = spawnSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
  process.exit(r.status === 0 && loadsInNode().ok ? 0 : 1);
} else if (target === 'electron') {
  console.log('Building better-sqlite3 for Electron (npm test and npm run serve switch it back)…');
  const r = spawnSync(npx, ['electron-builder', 'install-app-deps'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
} else {
  console.error('usage: node scripts/ensure-native.mjs node|electron');
  process.exit(2);
}
