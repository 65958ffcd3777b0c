// missed.get / missed.seen: the count of missed calls not looked at yet, and "the agent
// looked". main.show: a window (the popup's Add contact) or the tray asks for a screen of the
// main window; the push reaches the shell (which shows the window) and the main renderer.
import type { PushArgs } from '../../../shared/ipc';
import type { MissedCallsService } from '../missed-calls';
import type { Handlers } from './types';

export function mainWindowHandlers(deps: {
  missed: MissedCallsService;
  push(...args: PushArgs): void;
}): Pick<Handlers, 'missed.get' | 'missed.seen' | 'main.show'> {
  return {
    'missed.get': () => deps.missed.get(),
    'missed.seen': () => deps.missed.markSeen(),
    'main.show': (route) => {
      deps.push('main.show', route);
      return null;
    },
  };
}
