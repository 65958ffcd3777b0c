// One process's argv (3CX notification, tel: URL or nothing) into the call router or the
// dialer. Bad input is logged and told to the agent; nothing here throws.
import { parseArgv } from '../../shared/crm-args';
import type { NoticeLevel } from '../../shared/ipc';
import type { CallRouter } from './call-router';
import type { ArgvOutcome, ArgvSource, Logger } from './core-types';
import { scrub } from '../../shared/scrub';
import type { LatencyLog } from './latency';

export function createArgvHandler(deps: {
  router: Pick<CallRouter, 'apply'>;
  logger: Logger;
  dial(number: string): Promise<unknown>;
  notice(level: NoticeLevel, message: string): void;
  /** Secret values in force, scrubbed from an error before it is logged or shown. */
  secrets?: () => readonly string[];
  /**
   * true when a dial link must be confirmed by the agent first (dialer.confirmLinks), so no
   * web page can place a call silently; then `confirm` asks and the UI dials.
   */
  confirmLinks?(): boolean;
  confirm?(number: string): void;
  latency?: LatencyLog;
}): (argv: readonly string[], source: ArgvSource, receivedAt?: number) => Promise<ArgvOutcome> {
  const { router, logger, notice } = deps;
  return async function handleArgv(argv, source, receivedAt) {
    const trace = deps.latency?.begin(receivedAt);
    try {
      const inv = parseArgv(argv);
      switch (inv.kind) {
        case 'call-notification': {
          for (const w of inv.warnings) logger.warn(`3CX argv (${source}): ${w}`, { argv });
          const call = router.apply(inv.notification, argv, trace);
          if (trace) deps.latency?.keep(trace);
          logger.info(`3CX /N:${inv.notification.type} call ${call.id} → ${call.state}`, {
            source,
          });
          return { kind: 'call', callId: call.id };
        }
        case 'dial-request': {
          if (deps.confirmLinks?.() && deps.confirm) {
            logger.info(`dial link (${source}) waits for the agent to confirm`);
            deps.confirm(inv.number);
            return { kind: 'dial', number: inv.number };
          }
          try {
            await deps.dial(inv.number);
          } catch (e) {
            notice('error', scrub((e as Error).message, deps.secrets?.() ?? []));
          }
          return { kind: 'dial', number: inv.number };
        }
        case 'open':
          return { kind: 'open' };
        case 'unknown': {
          logger.warn(`ignored a start with unusable arguments (${source}): ${inv.message}`, {
            argv,
          });
          notice('warn', `CallPop was started with arguments it cannot use: ${inv.message}`);
          return { kind: 'rejected', message: inv.message };
        }
      }
    } catch (e) {
      const message = scrub((e as Error).message, deps.secrets?.() ?? []);
      logger.error(`handling argv failed: ${message}`, { argv });
      notice('error', `A 3CX notification could not be stored: ${message}`);
      return { kind: 'rejected', message };
    }
  };
}
