// What browser mode prints, in a file every `callpop` start can import (it loads nothing).
// The token never appears in a terminal or a process's arguments: only the address without it
// and the path of the private page that carries it (serve.ts writes that page).
import { join } from 'node:path';

export const LAUNCH_PAGE = 'open-callpop.html';

export function launchPagePath(dataDir: string): string {
  return join(dataDir, LAUNCH_PAGE);
}

/** The address without its token: what CallPop prints and logs. */
export function publicAddress(url: string): string {
  return `${new URL(url).origin}/`;
}

/** `http://127.0.0.1:5017/ (your access link: …/open-callpop.html)` */
export function whereToOpen(url: string, dataDir: string): string {
  return `${publicAddress(url)} (your access link: ${launchPagePath(dataDir)})`;
}
