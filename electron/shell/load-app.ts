// The rest of the main process lives in a separate bundle (dist/electron/app.cjs) that only the
// primary instance loads: a second instance exits having parsed nothing but main.cjs.
import { join } from 'node:path';
import type * as AppModule from '../app';

export function loadApp(): typeof AppModule {
  // __dirname is dist/electron, inside the asar when packaged; never the working directory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point
  return require(join(__dirname, 'app.cjs')) as typeof AppModule;
}
