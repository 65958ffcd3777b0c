// dial: the agent's click-to-call (the same path as a tel: link or `callpop dial`).
import type { Handlers } from './types';

export function dialHandlers(deps: {
  dial(number: string): Promise<{ via: string }>;
}): Pick<Handlers, 'dial'> {
  return { dial: ({ number }) => deps.dial(number) };
}
