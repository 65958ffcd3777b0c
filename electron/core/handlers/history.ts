// calls.find and calls.exportCsv: the history's filters over the whole journal, a page at a
// time for the virtualised list, and the whole selection as CSV.
import type { CallView } from '../../../shared/ipc';
import type { CallRecord } from '../../../shared/call-tracker';
import { callsToCsv } from '../../../shared/calls-csv';
import type { HistoryQuery } from '../history-query';
import type { Handlers } from './types';

export function historyHandlers(deps: {
  query: HistoryQuery;
  view(call: CallRecord): CallView;
  /** The view the export writes: what is known now, without asking the PBX about each number. */
  exportView(call: CallRecord): CallView;
}): Pick<Handlers, 'calls.find' | 'calls.exportCsv'> {
  return {
    'calls.find': ({ filter, after, limit }) => {
      const page = deps.query.page(filter, after, limit);
      return { calls: page.calls.map(deps.view), next: page.next, total: page.total };
    },
    'calls.exportCsv': ({ filter }) => callsToCsv(deps.query.all(filter).map(deps.exportView)),
  };
}
