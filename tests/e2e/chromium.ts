// Debian's Chromium, as this project's machines and CI have it: Playwright's own
// browser download does not work here. The flags keep it from reaching out to the network.
export const CHROMIUM_PATH = process.env.CALLPOP_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
