// Which subcommand, if any, a CallPop.exe launch asks for (the command line is the same for
// CallPop.exe and `npx callpop`, see README "Command line"). Tiny and pure: main.cjs runs it on every launch.

export type ExeCommand = 'export' | 'demo' | 'serve' | 'contacts' | 'help';

const WORDS: Record<string, ExeCommand> = {
  export: 'export',
  demo: 'demo',
  serve: 'serve',
  contacts: 'contacts',
  help: 'help',
  '--help': 'help',
  '-h': 'help',
};
// A 3CX flag or a dial URL anywhere makes this an Assistant launch, whatever else is there.
const NOTIFICATION = /^(?:\/|--?)[NCTI][:=]|^(?:tel|callto|sips?):/i;

/** The subcommand and where it stands in argv, or null for a 3CX launch / plain start. */
export function exeCommandOf(
  argv: readonly string[],
): { command: ExeCommand; index: number } | null {
  if (argv.some((t) => NOTIFICATION.test(t))) return null;
  for (let i = 1; i < argv.length; i++) {
    const command = WORDS[(argv[i] ?? '').toLowerCase()];
    if (command) return { command, index: i };
  }
  return null;
}
