// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../electron/core/logger';
import { scrub as redact } from '../../../shared/scrub';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callpop-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('redact', () => {
  it.each([
    [
      'GET https://crm.example.com/3cx/query?cid=123&token=d6bcfeee-8eea',
      'GET https://crm.example.com/3cx/query?cid=123&token=***',
    ],
    ['headers {"X-Api-Key":"abc123secret"}', 'headers {"X-Api-Key":"***"}'],
    ['x-api-key: abc123secret', 'x-api-key: ***'],
    ['{"apiKey": "k-999"}', '{"apiKey": "***"}'],
    [
      'https://pbx.example.com/webapi/SECRETKEY/all.queue.get',
      'https://pbx.example.com/webapi/***/all.queue.get',
    ],
    [
      'CallPop is running at http://127.0.0.1:5017/#token=abcdef0123',
      'CallPop is running at http://127.0.0.1:5017/#token=***',
    ],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('removes known secret values wherever they appear', () => {
    expect(redact('failed: server said my-secret-key is wrong', ['my-secret-key'])).toBe(
      'failed: server said *** is wrong',
    );
  });
});

describe('logger', () => {
  it('writes redacted lines to logs/callpop.log and rotates by size', () => {
    const log = createLogger({ dataDir: dir, maxBytes: 400, keepFiles: 2 });
    log.setSecrets(['sekrit-value']);
    for (let i = 0; i < 20; i++) log.info(`line ${i} token=abc sekrit-value`);
    log.error('last problem');
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual(['callpop.log', 'callpop.log.1', 'callpop.log.2']);
    const all = files.map((f) => readFileSync(join(dir, 'logs', f), 'utf8')).join('');
    expect(all).not.toContain('sekrit-value');
    expect(all).not.toContain('token=abc');
    expect(log.recentProblems().at(-1)).toMatch(/ERROR last problem/);
  });

  it('keeps every group of secrets: a browser token does not unmask the settings secrets', () => {
    const log = createLogger({ dataDir: dir });
    log.setSecrets(['dbn-token-value'], 'settings');
    log.setSecrets(['browser-token-value'], 'browser-token');
    log.info('saw dbn-token-value and browser-token-value');
    log.setSecrets(['new-dbn-token'], 'settings');
    log.info('saw dbn-token-value, new-dbn-token and browser-token-value');
    const text = readFileSync(join(dir, 'logs', 'callpop.log'), 'utf8');
    expect(text).not.toContain('browser-token-value');
    expect(text).not.toContain('new-dbn-token');
    expect(text.split('\n')[0]).not.toContain('dbn-token-value');
  });
});

describe('log line escaping', () => {
  it('escapes C0/C1 controls, DEL and line separators in messages and meta', () => {
    const log = createLogger({ dataDir: dir });
    log.warn('a\u0085b\u009bc\u007fd\u2028e', { v: 'x\u2029y\u001bz' });
    const text = readFileSync(join(dir, 'logs', 'callpop.log'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
    expect(text).toContain('a\\x85b\\x9bc\\x7fd\\u2028e {"v":"x\\u2029y\\u001bz"}');
  });

  it('caps a huge line and still scrubs a secret at the cut', () => {
    const log = createLogger({ dataDir: dir });
    const secret = 'abcdefghijklmnopqrstuvwxyz012345';
    log.setSecrets([secret]);
    log.info('x'.repeat(7990), { argv: [secret, 'y'.repeat(100_000)] });
    const text = readFileSync(join(dir, 'logs', 'callpop.log'), 'utf8');
    expect(text.length).toBeLessThan(8100);
    expect(text).not.toContain('abcdefgh');
  });
});
