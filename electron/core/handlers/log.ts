// log.write: the renderer's own log lines, into main's (scrubbed) log file, bounded in length
// and rate by renderer-log.ts.
import type { RendererLog } from '../renderer-log';
import type { Handlers } from './types';

export function logHandlers(deps: { log: RendererLog }): Pick<Handlers, 'log.write'> {
  return {
    'log.write': ({ level, message }) => {
      deps.log.write(level, message);
      return null;
    },
  };
}
