// 3CX phonebook matches in the contacts search, through createCore, the real REST API client
// and the seed's fixture server (which records every URL): a number-like query asks
// contact.find?num=…&min_len=<matching.suffixDigits>, then contact.get per id; the answer is
// kept for the day; a name is never sent; without pbx.restApi nothing is asked; a refusal is
// reported beside the local results, which it never touches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core';
import type { Clock } from '../../electron/core/core-types';
import { systemClock } from '../../electron/core/core-types';
import { MemoryLogger } from '../fixtures/crm-harness';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';
import type { PhonebookMatches } from '../../shared/ipc';

let dir: string;
let srv: RestApiServer;
let now: number;
const clock: Clock = { ...systemClock, now: () => now };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cp-pb-search-'));
  srv = await startRestApiServer();
  now = new Date(2026, 10, 22, 9, 0).getTime();
});
afterEach(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(restApi = true) {
  const core = await createCore({
    dataDir: dir,
    logger: new MemoryLogger(),
    clock,
    machineConfigPath: null,
    pbx: { agentPollMs: 0 },
  });
  const saved = await core.invoke('settings.save', {
    patch: {
      agent: { extension: '101', defaultCountry: 'NL' },
      pbx: { restApi: { enabled: restApi, baseUrl: `${srv.url}/webapi`, key: srv.key } },
    },
  });
  if (!saved.ok) throw new Error(saved.error.message);
  return core;
}

async function search(core: Awaited<ReturnType<typeof start>>, query: string) {
  const r = await core.invoke('contacts.phonebook', { query });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as PhonebookMatches;
}

const phonebookUrls = () => srv.commands().filter((u) => u.includes('/contact.'));

describe('3CX phonebook in the contacts search', () => {
  it('finds a phonebook contact by a number in any format, with its numbers, cached for the day', async () => {
    const core = await start();
    const found = await search(core, '06 1234 5678');
    expect(found.asked).toBe(true);
    expect(found.contacts).toEqual([
      {
        pbxId: '1',
        name: 'Petra Visser',
        company: 'Visser BV',
        email: 'petra@visser.example',
        numbers: [
          { label: 'mobile', number: '+31612345678' },
          { label: 'work', number: '+31201234567' },
        ],
      },
    ]);
    expect(phonebookUrls()).toEqual([
      '/webapi/<key>/contact.find?num=0612345678&min_len=9',
      '/webapi/<key>/contact.get?id=1',
    ]);

    // The same query again today: from the cache, nothing asked.
    expect((await search(core, '06 1234 5678')).contacts).toHaveLength(1);
    expect(phonebookUrls()).toHaveLength(2);
    // Tomorrow the phonebook is asked again.
    now += 24 * 3_600_000;
    await search(core, '06 1234 5678');
    expect(phonebookUrls()).toHaveLength(4);
    await core.close();
  });

  it('never sends a name or a too-short number, and asks nothing without the REST API', async () => {
    const core = await start();
    expect(await search(core, 'Petra')).toEqual({ asked: false, contacts: [] });
    expect(await search(core, '06')).toEqual({ asked: false, contacts: [] });
    expect(phonebookUrls()).toEqual([]);
    await core.close();
    const off = await start(false);
    expect(await search(off, '0612345678')).toEqual({ asked: false, contacts: [] });
    expect(phonebookUrls()).toEqual([]);
    await off.close();
  });

  it('answers no match with an empty list, and a refusal with its reason, uncached', async () => {
    const core = await start();
    expect(await search(core, '0699999999')).toEqual({ asked: true, contacts: [] });
    srv.refusals.set('contact.find', 'Internal error');
    const failed = await search(core, '0612345678');
    expect(failed.contacts).toEqual([]);
    expect(failed.error).toBeTruthy();
    // Local search is a separate request: it still answers.
    const local = await core.invoke('contacts.search', { query: '0612345678' });
    expect(local.ok).toBe(true);
    srv.refusals.delete('contact.find');
    expect((await search(core, '0612345678')).contacts).toHaveLength(1);
    await core.close();
  });

  it('refuses a hostile query before it reaches the PBX', async () => {
    const core = await start();
    for (const q of ['123 & calc.exe', '"; rm -rf /"', '$(id)', '../../stop'])
      expect((await search(core, q)).asked).toBe(false);
    expect(srv.rawUrls().some((u) => u.includes('contact.'))).toBe(false);
    await core.close();
  });
});
