// The Call Control client against the fixture server: the token request as 3CX expects it, the
// refresh timing for both readings of expires_in, one fresh token on a 401 (never a loop), and
// Test connection telling the administrator which set-up step is missing.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCallControlClient,
  tokenRefreshAfterMs,
  type CallControlConfig,
} from '../../electron/core/clients/call-control';
import { startCallControlServer, type CallControlServer } from '../fixtures/call-control-server';
import { FakeClock, MemoryLogger } from '../fixtures/crm-harness';

let cc: CallControlServer | null = null;
afterEach(async () => {
  await cc?.close();
  cc = null;
});

async function setup(over: Partial<CallControlConfig> = {}) {
  cc = await startCallControlServer({ monitored: ['1001', '800'] });
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const config: CallControlConfig = {
    baseUrl: cc.url,
    clientId: cc.clientId,
    clientSecret: cc.clientSecret,
    ...over,
  };
  const client = createCallControlClient({
    config: () => config,
    fetch: globalThis.fetch,
    clock,
    logger,
  });
  return { client, clock, logger, config };
}

const tokenPosts = () => cc!.requests.filter((r) => r.path === '/connect/token');

describe('Call Control client', () => {
  it('asks for a token with the form body 3CX documents and sends it as Bearer', async () => {
    const { client } = await setup();
    const r = await client.state('1001');
    expect(r.ok && (r.value as { dn: string }).dn).toBe('1001');
    const [post] = tokenPosts();
    expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(post!.body))).toEqual({
      client_id: cc!.clientId,
      client_secret: cc!.clientSecret,
      grant_type: 'client_credentials',
    });
    const get = cc!.requests.find((x) => x.path === '/callcontrol/1001');
    expect(get?.headers.authorization).toMatch(/^Bearer [0-9a-f]{32}$/);
    expect(client.wsUrl()).toBe(`ws://127.0.0.1:${cc!.port}/callcontrol/ws`);
  });

  it('expires_in: refreshed a minute before the seconds reading, never sooner than half of it', () => {
    expect(tokenRefreshAfterMs(3600)).toBe(3_540_000); // 20.0.9+: seconds
    expect(tokenRefreshAfterMs(60)).toBe(30_000); // before: 60 minutes, read as 60 s
    expect(tokenRefreshAfterMs('120')).toBe(60_000);
    expect(tokenRefreshAfterMs(undefined)).toBe(30_000);
  });

  it('reuses a token while it is fresh and gets a new one a minute before it expires', async () => {
    const { client, clock } = await setup();
    cc!.expiresIn = 300;
    await client.state('1001');
    clock.advance(200_000);
    await client.state('1001');
    expect(tokenPosts()).toHaveLength(1);
    clock.advance(41_000); // 241 s: within the last minute of 300 s
    await client.state('1001');
    expect(tokenPosts()).toHaveLength(2);
  });

  it('a 401 gets one fresh token; a second 401 is an error, not a loop', async () => {
    const { client } = await setup();
    await client.state('1001');
    cc!.expireTokens();
    expect((await client.state('1001')).ok).toBe(true);
    expect(tokenPosts()).toHaveLength(2);
    // Tokens stop working right after being issued (credentials revoked mid-way).
    const realAdd = cc!.validTokens.add.bind(cc!.validTokens);
    cc!.validTokens.add = () => cc!.validTokens;
    cc!.expireTokens();
    const r = await client.state('1001');
    expect(r).toMatchObject({ ok: false, kind: 'bad-credentials' });
    expect(tokenPosts()).toHaveLength(3);
    cc!.validTokens.add = realAdd;
  });

  it('makecall and participant actions go to the documented paths', async () => {
    const { client } = await setup();
    cc!.upsert({ id: 7, status: 'Ringing', dn: '1001', callid: 1, legid: 1 });
    expect((await client.makeCall('1001', '+31201234567')).ok).toBe(true);
    for (const action of ['answer', 'divert', 'transferto', 'drop'] as const)
      expect(
        (
          await client.participant(
            '1001',
            '7',
            action,
            action === 'answer' || action === 'drop' ? undefined : '1002',
          )
        ).ok,
      ).toBe(true);
    const posts = cc!.requests.filter((r) => r.method === 'POST' && r.path !== '/connect/token');
    expect(posts.map((p) => [p.path, p.body])).toEqual([
      ['/callcontrol/1001/makecall', '{"destination":"+31201234567"}'],
      ['/callcontrol/1001/participants/7/answer', '{}'],
      ['/callcontrol/1001/participants/7/divert', '{"destination":"1002"}'],
      ['/callcontrol/1001/participants/7/transferto', '{"destination":"1002"}'],
      ['/callcontrol/1001/participants/7/drop', '{}'],
    ]);
    expect(await client.participant('1001', '99', 'drop')).toMatchObject({
      ok: false,
      kind: 'not-found',
    });
  });

  describe('Test connection', () => {
    it('all set up', async () => {
      const { client } = await setup();
      expect(await client.testConnection('1001')).toEqual({
        ok: true,
        message: 'connected; extension 1001 is monitored',
      });
    });

    it('bad credentials', async () => {
      const { client, logger } = await setup({ clientSecret: 'wrong-secret-123' });
      const r = await client.testConnection('1001');
      expect(r).toMatchObject({ ok: false, kind: 'bad-credentials' });
      expect(JSON.stringify(r)).not.toContain('wrong-secret-123');
      expect(logger.lines.join('\n')).not.toContain('wrong-secret-123');
    });

    it('extension not monitored', async () => {
      const { client } = await setup();
      const r = await client.testConnection('1005');
      expect(r).toMatchObject({ ok: false, kind: 'not-monitored' });
      expect(r.message).toMatch(/1005 is not among the API client's monitored extensions/);
    });

    it('not licensed', async () => {
      const { client } = await setup();
      cc!.licensed = false;
      expect(await client.testConnection('1001')).toMatchObject({
        ok: false,
        kind: 'not-licensed',
      });
    });

    it('unreachable', async () => {
      const { client } = await setup();
      await cc!.stop();
      const r = await client.testConnection('1001');
      expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
      expect(r.message).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+/);
    });

    it('not configured', async () => {
      const { client, config } = await setup();
      expect(await client.testConnection('')).toMatchObject({ ok: false, kind: 'not-configured' });
      config.clientId = '';
      expect(await client.testConnection('1001')).toMatchObject({
        ok: false,
        kind: 'not-configured',
      });
    });
  });
});
