// Which argv a `second-instance` event stands for. The second instance sends its raw
// process.argv as additionalData (main.ts); older or foreign launchers may not, and then the
// argv Chromium rebuilt (reordered, lower-cased, with its own switches) is all there is: the
// parser copes with that, positions and case never matter.

export function secondInstanceArgv(argv: readonly string[], additionalData: unknown): string[] {
  if (typeof additionalData === 'object' && additionalData !== null && 'argv' in additionalData) {
    const raw = (additionalData as { argv: unknown }).argv;
    if (Array.isArray(raw) && raw.every((a) => typeof a === 'string'))
      return [...(raw as string[])];
  }
  return argv.filter((a) => typeof a === 'string');
}

/** Set by the login item: start in the tray without showing the main window. */
export const HIDDEN_FLAG = '--hidden';

export function startsHidden(argv: readonly string[]): boolean {
  return argv.some((a) => a.toLowerCase() === HIDDEN_FLAG);
}
