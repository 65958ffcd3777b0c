// Entry of every CallPop launch. The 3CX Assistant starts the exe 2–3 times per call, and all
// but the first must hand their argv to the running instance and vanish: no window, no tray,
// no database, no settings write (docs/decisions.md). So the lock comes first and nothing heavy is
// imported here; app.cjs is required only once we know we are the primary.
import { app } from 'electron';
import { dataDirOverride } from './shell/data-dir';
import { loadApp } from './shell/load-app';
import { exeCommandOf } from './shell/exe-command';

export function runMain(
  argv: readonly string[] = process.argv,
  env: Readonly<Record<string, string | undefined>> = process.env,
): 'primary' | 'secondary' | 'command' {
  const dataDir = dataDirOverride(argv, env);
  if (dataDir) app.setPath('userData', dataDir);

  // `CallPop.exe export|demo|--help`: a command, not a CallPop; it takes no lock.
  const command = exeCommandOf(argv);
  if (command) {
    void loadApp()
      .runCommand(command.command, argv, command.index)
      .then((code) => app.exit(code));
    return 'command';
  }

  // The raw argv travels as additionalData because Chromium reorders and lower-cases the argv
  // it hands to `second-instance` on Windows.
  if (!app.requestSingleInstanceLock({ argv: [...argv] })) {
    app.exit(0);
    return 'secondary';
  }
  loadApp().startApp({ argv });
  return 'primary';
}

runMain();
