// Dialing through the 3CX Assistant: `tcx.assistant.client.exe -cmd makecall:NUMBER`
// ("makecall:" must be lower-case, per the seed). Spawned with an argument array, never a
// shell, so a number can never become a command.
import type { Logger, SpawnFn } from './core-types';
import type { Settings } from '../../shared/settings-schema';
import { compactNumber } from '../../shared/crm-args';
import { PublicError } from './public-error';

export const DEFAULT_ASSISTANT_CLIENT = 'tcx.assistant.client.exe';

export interface Dialer {
  dial(number: string): Promise<{ via: string; dialed: string }>;
}

export class DialError extends PublicError {}

/** The digits 3CX should dial: separators removed, outside-line prefix added for PSTN numbers. */
export function dialString(number: string, prefix: string): string {
  const compact = compactNumber(number);
  if (!/^\+?[0-9*#]+$/.test(compact))
    throw new DialError(`"${number}" is not a number that can be dialed`);
  // Extensions (short numbers) are internal, and +numbers are routed by 3CX itself: neither
  // gets the outside-line prefix.
  if (prefix && !compact.startsWith('+') && compact.length > 6) return prefix + compact;
  return compact;
}

export function createDialer(deps: {
  spawn: SpawnFn;
  settings: () => Settings;
  logger: Logger;
}): Dialer {
  return {
    dial(number) {
      const s = deps.settings().dialer;
      const dialed = dialString(number, s.outsideLinePrefix);
      const exe = s.assistantPath || DEFAULT_ASSISTANT_CLIENT;
      const args = ['-cmd', `makecall:${dialed}`];
      return new Promise((resolve, reject) => {
        let child;
        try {
          child = deps.spawn(exe, args, {
            shell: false,
            windowsHide: true,
            stdio: 'ignore',
            detached: false,
          });
        } catch (e) {
          reject(
            new DialError(`Could not start the 3CX Assistant client (${(e as Error).message})`),
          );
          return;
        }
        child.once('error', (e: NodeJS.ErrnoException) => {
          const why =
            e.code === 'ENOENT'
              ? `the 3CX Assistant client was not found at "${exe}"; set dialer.assistantPath in Settings`
              : e.message;
          deps.logger.warn(`dial ${dialed} failed: ${why}`);
          reject(new DialError(`Could not dial ${dialed}: ${why}`));
        });
        child.once('spawn', () => {
          deps.logger.info(`dial ${dialed} via 3CX Assistant`);
          resolve({ via: 'assistant', dialed });
        });
      });
    },
  };
}
