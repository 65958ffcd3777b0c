// The typed handler map: one function per invoke channel, its request type taken from the
// channel's zod schema and its return type checked against the response map. A domain file
// returns `Pick<Handlers, ...its channels>`; createCore spreads them into one `Handlers`, so
// a channel without a handler, a handler for no channel or a wrong answer does not compile.
import type { InvokeChannel, InvokeRequests, InvokeResponses } from '../../../shared/ipc';

export type Handler<C extends InvokeChannel> = (
  request: InvokeRequests[C],
) => InvokeResponses[C] | Promise<InvokeResponses[C]>;

export type Handlers = { [C in InvokeChannel]: Handler<C> };
