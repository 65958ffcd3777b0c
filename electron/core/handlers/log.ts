// log.write: the renderer's own log lines, into main's (redacted) log file.
import type { Logger } from '../core-types';
import type { Handlers } from './types';

export function logHandlers(deps: { logger: Logger }): Pick<Handlers, 'log.write'> {
  return {
    'log.write': ({ level, message }) => {
      deps.logger[level](`renderer: ${message}`);
      return null;
    },
  };
}
