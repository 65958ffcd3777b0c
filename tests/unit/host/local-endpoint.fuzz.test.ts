// @vitest-environment node
// Property tests of the local endpoint (the socket a 3CX launch forwards its argv to): any
// line, any bytes, any reply. No crash, no hang; a request gets a reply or a closed connection,
// every refusal names what was wrong, and the endpoint still serves a good request afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  listenLocal,
  parseForwardRequest,
  type LocalServer,
} from '../../../electron/host/local-socket';
import { exchange, MAX_LINE_BYTES, socketPathFor } from '../../../electron/host/forward';
import { parseArgv } from '../../../shared/crm-args';

let dir: string;
let path: string;
let server: LocalServer;
const warnings: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cp-fuzz-'));
  path = socketPathFor(dir);
  server = await listenLocal(
    path,
    async (req) => ({ ok: true, outcome: parseArgv(req.argv).kind }),
    (_level, message) => warnings.push(message),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends raw bytes, half-closes, and resolves with what came back (or '' when closed). */
function sendRaw(bytes: Buffer): Promise<string> {
  return new Promise((done, fail) => {
    const c = createConnection(path);
    let got = '';
    const guard = setTimeout(() => fail(new Error('the endpoint hung')), 10_000);
    c.setEncoding('utf8');
    c.on('data', (d: string) => (got += d));
    c.on('error', () => undefined);
    c.on('close', () => {
      clearTimeout(guard);
      done(got);
    });
    c.on('connect', () => c.end(bytes));
  });
}

const jsonish = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc
    .record({ argv: fc.anything({ maxDepth: 2 }), cwd: fc.anything({ maxDepth: 1 }) })
    .map((v) => JSON.stringify(v)),
  fc
    .record({
      argv: fc.array(fc.string({ unit: 'binary', maxLength: 50 }), { maxLength: 20 }),
      cwd: fc.string(),
    })
    .map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

describe('local endpoint (property)', () => {
  it('parseForwardRequest reads any line as a request or a clear refusal', () => {
    fc.assert(
      fc.property(jsonish, (line) => {
        const r = parseForwardRequest(line);
        if (typeof r === 'string') expect(r).toMatch(/^[a-z].{4,}/);
        else {
          expect(Array.isArray(r.argv)).toBe(true);
          for (const a of r.argv) expect(typeof a).toBe('string');
          expect(typeof r.cwd).toBe('string');
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('answers or closes every connection, whatever bytes it sends, and keeps serving', async () => {
    const payload = fc.oneof(
      jsonish.map((l) => Buffer.from(l + '\n')),
      jsonish.map((l) => Buffer.from(l)),
      fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
      fc
        .integer({ min: MAX_LINE_BYTES, max: MAX_LINE_BYTES * 2 })
        .map((n) => Buffer.alloc(n, 0x61)),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (bytes) => {
        const reply = await sendRaw(bytes);
        if (reply !== '') {
          const parsed = JSON.parse(reply.trim()) as { ok: boolean; error?: string };
          if (!parsed.ok) expect(parsed.error).toMatch(/^malformed request: [a-z].{4,}/);
        }
      }),
      { numRuns: 300 },
    );
    const c = createConnection(path);
    await new Promise((r) => c.once('connect', r));
    expect(await exchange(c, { argv: ['CallPop.exe', '/N:S', '/I:1'], cwd: '' })).toEqual({
      ok: true,
      outcome: 'call-notification',
    });
    for (const w of warnings) expect(w).toMatch(/^local socket: [a-z]/);
  });

  it('a forwarder reads any reply as a reply, an error or nothing, and never hangs', async () => {
    let next = Buffer.alloc(0);
    const replyDir = mkdtempSync(join(tmpdir(), 'cp-fuzz-r-'));
    const replyPath = socketPathFor(replyDir);
    const fake = createServer((conn) => {
      conn.on('error', () => undefined);
      conn.once('data', () => conn.end(next));
    });
    await new Promise<void>((r) => fake.listen(replyPath, r));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            jsonish.map((l) => Buffer.from(l + '\n')),
            fc.uint8Array({ maxLength: 500 }).map((b) => Buffer.from(b)),
          ),
          async (bytes) => {
            next = bytes;
            const c = createConnection(replyPath);
            await new Promise((r) => c.once('connect', r));
            const r = await exchange(c, { argv: ['x'], cwd: '' }, 5000);
            expect(r).not.toBe('timeout');
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      await new Promise((r) => fake.close(r));
      rmSync(replyDir, { recursive: true, force: true });
    }
  });
});
