// The 3CX phonebook through the real REST API client and the seed's fixture server: a caller
// CallPop does not know is looked up (contact.find with min_len, then contact.get), the answer
// is cached for the day, and "Save to 3CX phonebook" uses the seed's field mapping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/core/db';
import { createContactStore, type ContactStore } from '../../electron/core/contacts/contact-store';
import { createCallerLookup } from '../../electron/core/contacts/caller-lookup';
import { saveToPhonebook } from '../../electron/core/contacts/phonebook-save';
import { createRestApiClient, type RestApiClient } from '../../electron/core/clients/pbx-rest-api';
import { systemClock, type Clock } from '../../electron/core/core-types';
import { MemoryLogger } from '../fixtures/crm-harness';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';
import { emptyContact } from '../../shared/contacts/contact';

let dir: string;
let db: Db;
let store: ContactStore;
let srv: RestApiServer;
let client: RestApiClient;
let logger: MemoryLogger;
let now: number;
const clock: Clock = { ...systemClock, now: () => now };
const match = { defaultCountry: 'NL', suffixDigits: 9, phonebook: true };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cp-phonebook-'));
  db = openDatabase(dir);
  store = createContactStore(db, () => match);
  srv = await startRestApiServer();
  logger = new MemoryLogger();
  client = createRestApiClient({ fetch, clock: systemClock, logger }, () => ({
    enabled: true,
    baseUrl: `${srv.url}/webapi`,
    key: srv.key,
  }));
  now = new Date(2026, 10, 22, 9, 0).getTime();
});
afterEach(async () => {
  await srv.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function lookup() {
  const answered: string[] = [];
  const l = createCallerLookup({
    db,
    store,
    clock,
    logger,
    settings: () => match,
    phonebook: client,
    onPhonebookAnswer: (n) => answered.push(n),
  });
  return { l, answered };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('caller lookup', () => {
  it('answers from the local store at once, without asking 3CX', () => {
    store.create({
      ...emptyContact(),
      name: 'Jan Jansen',
      company: 'Jansen BV',
      numbers: [{ label: 'mobile', number: '+31 6 5111 2222' }],
    });
    const { l } = lookup();
    expect(l.known('0651112222')).toMatchObject({
      name: 'Jan Jansen',
      company: 'Jansen BV',
      source: 'local',
      label: 'mobile',
    });
    l.lookUp('0651112222');
    expect(srv.commands()).toEqual([]);
  });

  it('asks the 3CX phonebook in the background and caches the answer for the day', async () => {
    const { l, answered } = lookup();
    expect(l.known('0612345678')).toBeNull();
    l.lookUp('0612345678');
    await until(() => answered.length > 0);
    expect(srv.commands()).toEqual([
      '/webapi/<key>/contact.find?num=0612345678&min_len=9',
      '/webapi/<key>/contact.get?id=1',
    ]);
    expect(l.known('06 1234 5678')).toEqual({
      name: 'Petra Visser',
      company: 'Visser BV',
      source: '3cx',
    });
    l.lookUp('+31612345678');
    await new Promise((r) => setTimeout(r, 50));
    expect(srv.commands()).toHaveLength(2);
    // The next day the phonebook is asked again.
    now += 24 * 3600_000;
    expect(l.known('0612345678')).toBeNull();
    l.lookUp('0612345678');
    await until(() => answered.length > 1);
    expect(srv.commands()).toHaveLength(4);
  });

  it('remembers "nobody" for the day too, and asks again after a failure', async () => {
    const { l, answered } = lookup();
    l.lookUp('0201112233');
    await until(() => answered.length > 0);
    expect(l.known('0201112233')).toBeNull();
    l.lookUp('0201112233');
    await new Promise((r) => setTimeout(r, 50));
    expect(srv.commands()).toHaveLength(1);

    srv.refusals.set('contact.find', 'Internal error');
    l.lookUp('0209998877');
    await new Promise((r) => setTimeout(r, 100));
    srv.refusals.delete('contact.find');
    l.lookUp('0209998877');
    await until(() => answered.length > 1);
    expect(srv.commands().filter((c) => c.includes('0209998877'))).toHaveLength(2);
  });
});

describe('Save to 3CX phonebook', () => {
  it('creates the contact with the seed fields, then updates the same 3CX contact', async () => {
    const c = store.create({
      ...emptyContact(),
      name: 'Sanne de Boer',
      company: 'De Boer Logistiek',
      email: 'sanne@deboer.example',
      numbers: [
        { label: 'mobile', number: '+31 6 22 33 44 55' },
        { label: 'work', number: '010 200 3000' },
        { label: 'home', number: '010 200 3001' },
        { label: 'Reception', number: '010 200 3002' },
      ],
    });
    const saved = await saveToPhonebook({ store, writer: client, logger }, c.id);
    expect(saved).toMatchObject({ created: true, leftOut: [] });
    expect(srv.phonebook.get(saved.pbxId)).toEqual({
      firstname: 'Sanne',
      lastname: 'de Boer',
      company: 'De Boer Logistiek',
      data5: 'sanne@deboer.example',
      phone: '+31 6 22 33 44 55',
      data3: '010 200 3000',
      data1: '010 200 3001',
      data6: '010 200 3002',
    });
    store.update(c.id, { ...store.get(c.id)!, company: 'De Boer Transport' });
    const again = await saveToPhonebook({ store, writer: client, logger }, c.id);
    expect(again).toMatchObject({ created: false, pbxId: saved.pbxId });
    expect(srv.phonebook.get(saved.pbxId)?.company).toBe('De Boer Transport');
    expect(srv.commands().filter((u) => u.includes('contact.update'))).toHaveLength(1);
  });
});
