// The renderer's log lines (the `log.write` channel) come from the least trusted side of the
// app, so they are bounded: each message is cut to MAX_RENDERER_LOG_CHARS (after scrubbing, so
// the cut cannot keep half a secret), and a token bucket lets a burst of BURST lines through,
// then RATE_PER_SECOND. Lines over the rate are counted, not written, and the count is logged
// once the renderer is back under it, so nothing is dropped without a trace.
import type { Clock, Logger, LogLevel } from './core-types';
import { scrubExcerpt } from '../../shared/scrub';

export const MAX_RENDERER_LOG_CHARS = 2000;
export const RENDERER_LOG_BURST = 50;
export const RENDERER_LOG_RATE_PER_SECOND = 10;

export interface RendererLog {
  write(level: LogLevel, message: string): void;
}

export function createRendererLog(deps: {
  logger: Logger;
  clock: Pick<Clock, 'now'>;
  secrets: () => readonly string[];
}): RendererLog {
  let tokens = RENDERER_LOG_BURST;
  let last = deps.clock.now();
  let dropped = 0;
  return {
    write(level, message) {
      const now = deps.clock.now();
      tokens = Math.min(
        RENDERER_LOG_BURST,
        tokens + (Math.max(0, now - last) / 1000) * RENDERER_LOG_RATE_PER_SECOND,
      );
      last = now;
      if (tokens < 1) {
        dropped++;
        return;
      }
      tokens -= 1;
      if (dropped > 0) {
        deps.logger.warn(
          `renderer: ${dropped} log line(s) not written (more than ${RENDERER_LOG_RATE_PER_SECOND} a second)`,
        );
        dropped = 0;
      }
      const text = scrubExcerpt(message, deps.secrets(), MAX_RENDERER_LOG_CHARS);
      const more = message.length > MAX_RENDERER_LOG_CHARS ? ` (${message.length} characters)` : '';
      deps.logger[level](`renderer: ${text}${more}`);
    },
  };
}
