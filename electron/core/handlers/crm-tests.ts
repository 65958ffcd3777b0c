// dbn.test and egards.test: Settings' Test connection for the CRM systems, with the saved
// settings. DBN: one real lookup through the DBN client (never a write-back). Egards: a probe
// of the host (no report is ever posted) and the outbox's last delivery.
import { DBN_TEST_NUMBER, type EgardsTestResult } from '../../../shared/crm-tests';
import type { Settings } from '../../../shared/settings-schema';
import { dbnTestLookup } from '../clients/dbn';
import { egardsProbe, egardsSettingsProblem } from '../clients/egards';
import type { HttpDeps } from '../clients/http';
import type { Logger } from '../core-types';
import type { LastDeliveries } from '../crm-effects';
import { PublicError } from '../public-error';
import type { Handlers } from './types';

export interface CrmTestDeps extends HttpDeps {
  settings(): Settings;
  logger: Logger;
  lastDelivery(chain: 'egards'): LastDeliveries;
  /** Tests shorten the wait for a host that never answers. */
  probeTimeoutMs?: number;
}

/**
 * A typed test number as a caller id: spaces, dots, dashes, slashes and brackets dropped; what
 * is left must be digits with an optional leading +. Anything else is refused, never sent.
 */
export function testNumber(typed: string | undefined): string {
  const text = (typed ?? '').trim();
  if (text === '') return DBN_TEST_NUMBER;
  const cid = text.replace(/[\s.\-/()]/g, '');
  if (!/^\+?\d{1,20}$/.test(cid))
    throw new PublicError('A test number has digits only (a leading + is fine)');
  return cid;
}

export function crmTestHandlers(deps: CrmTestDeps): Pick<Handlers, 'dbn.test' | 'egards.test'> {
  return {
    async 'dbn.test'({ number }) {
      const cid = testNumber(number);
      const r = await dbnTestLookup(deps, deps.settings().dbn, cid);
      deps.logger.info(
        `DBN test lookup: ${r.ok ? 'answered' : 'failed'}${r.status !== null ? ` (HTTP ${r.status})` : ''}${r.error ? `: ${r.error}` : ''}`,
      );
      return r;
    },
    async 'egards.test'(): Promise<EgardsTestResult> {
      const settings = deps.settings();
      const host = await egardsProbe(deps, settings);
      const { last, deliveredAt } = deps.lastDelivery('egards');
      deps.logger.info(
        `Egards test: host ${host === null ? 'not set' : host.answered ? `answered (HTTP ${host.status})` : `did not answer (${host.error})`}`,
      );
      return { host, last, lastDeliveredAt: deliveredAt, problem: egardsSettingsProblem(settings) };
    },
  };
}
