// An error the command line prints in the agent's language: it carries its message key and
// values; its `message` is the English text (what logs and callers that do not translate see).
// No i18next here: this module is on every 3CX launch's path.
import { englishCliText, type CliKey, type CliParams } from '../../shared/i18n/cli/english';

export class CliError extends Error {
  constructor(
    readonly key: CliKey,
    readonly params: CliParams = {},
    options?: ErrorOptions,
  ) {
    super(englishCliText(key, params), options);
  }
}

/** A command line that cannot be run as typed (exit code 2). */
export class UsageError extends CliError {}
