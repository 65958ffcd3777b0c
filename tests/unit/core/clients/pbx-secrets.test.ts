// @vitest-environment node
// The REST API key sits in the URL path, and a PBX or proxy error page may echo the URL. At any
// position around the cut, nothing of the key may survive in the error (log, UI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestApiClient } from '../../../../electron/core/clients/pbx-rest-api';
import { systemClock } from '../../../../electron/core/core-types';
import { MIN_SECRET_PREFIX_CHARS } from '../../../../shared/scrub';
import { MemoryLogger, startRecordingServer, type TestServer } from '../../../fixtures/crm-harness';

const KEY = 'rk-7Hq2LmPz9XwV4bNc1YtD';
let server: TestServer;
let status = 200;
let body = '';
beforeAll(async () => {
  server = await startRecordingServer(() => ({ status, body }));
});
afterAll(() => server.close());

const leaked = (text: string) => {
  for (let k = KEY.length; k >= MIN_SECRET_PREFIX_CHARS; k--)
    if (text.includes(KEY.slice(0, k))) return true;
  return false;
};

describe('PBX REST API answers that echo the key', () => {
  it.each([150, 180, 185, 190, 195, 199])(
    'at %i characters: not understood, and the key is gone',
    async (at) => {
      const logger = new MemoryLogger();
      const client = createRestApiClient({ fetch, clock: systemClock, logger }, () => ({
        enabled: true,
        baseUrl: `${server.url}/webapi`,
        key: KEY,
      }));
      for (const [s, b] of [
        [200, `${'q'.repeat(at)}/webapi/${KEY}/all.queue.get is not a command`],
        [200, `${'q'.repeat(at)}${KEY} is not a command`],
        [500, `<p>${'q'.repeat(at)}${KEY}</p>`],
      ] as const) {
        status = s;
        body = b;
        const r = await client.listQueues();
        expect(r.ok).toBe(false);
        expect(leaked(JSON.stringify(r))).toBe(false);
      }
      expect(leaked(JSON.stringify(logger))).toBe(false);
    },
  );
});
