// @vitest-environment node
// Property tests of browser mode's WebSocket: any frame, any channel, any payload, sent to a
// real web server over a real core (real SQLite in a temp directory). No crash, no hang; every
// frame with an id gets a result, every refusal is a clear sentence and never an internal text
// (a TypeError, a stack); the connection keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../electron/host/web-server';
import { parseFrame } from '../../../electron/host/web/ws-rpc';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/logger';
import type { Core } from '../../../electron/core/core-types';
import { INTERNAL_ERROR_MESSAGE } from '../../../electron/core/public-error';
import { invokeSchemas } from '../../../shared/ipc/schemas';

const TOKEN = 'c'.repeat(64);
const CHANNELS = Object.keys(invokeSchemas);
const INTERNAL = /is not a function|Cannot read prop|is not defined|TypeError|\n\s+at |SQLITE_/;
let dir: string;
let core: Core;
let server: WebServer;
let socket: WebSocket;
let nextId = 1;
const pending = new Map<
  number,
  (result: { ok: boolean; error?: { code: string; message: string } }) => void
>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cp-wsfuzz-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  core = await createCore({
    dataDir: dir,
    logger: createLogger({ dataDir: dir }),
    machineConfigPath: null,
  });
  server = await startWebServer({
    core,
    logger: createLogger(),
    staticDir: dir,
    token: TOKEN,
    port: 0,
  });
  socket = new WebSocket(`ws://127.0.0.1:${server.port}/ipc?token=${TOKEN}`, {
    headers: { Origin: `http://127.0.0.1:${server.port}` },
  });
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString()) as {
      id?: number;
      result?: { ok: boolean; error?: { code: string; message: string } };
    };
    if (typeof m.id === 'number' && m.result) pending.get(m.id)?.(m.result);
  });
  await new Promise((r) => socket.once('open', r));
});
afterAll(async () => {
  socket.terminate();
  await server.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function call(
  channel: unknown,
  payload: unknown,
): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  const id = nextId++;
  return new Promise((done, fail) => {
    const guard = setTimeout(() => fail(new Error(`no answer to frame ${id}: hung`)), 10_000);
    pending.set(id, (r) => {
      clearTimeout(guard);
      pending.delete(id);
      done(r);
    });
    socket.send(JSON.stringify({ id, channel, payload }));
  });
}

// Payloads shaped like each channel's, with wrong types, huge values and reserved keys mixed in.
const field = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom('', 'Completed', '7', '+31612345678', '__proto__', null, -1, 1e308),
);
const payload = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.record(
    {
      callId: field,
      status: field,
      comments: field,
      number: field,
      id: field,
      limit: field,
      level: field,
      message: field,
    },
    { requiredKeys: [] },
  ),
  fc.record({
    patch: fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.dictionary(
        fc.constantFrom('popup', 'dbn', 'agent', 'constructor', '__proto__', 'x'),
        fc.anything({ maxDepth: 2 }),
      ),
    ),
  }),
);
const channel = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...CHANNELS) },
  fc.string({ maxLength: 40 }),
  fc.anything({ maxDepth: 1 }),
);

describe('WebSocket frames (property)', () => {
  it('parseFrame reads any text as a frame, a clear refusal, or null (closed)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.json({ maxDepth: 3 }),
          fc
            .record({
              id: fc.anything({ maxDepth: 1 }),
              channel: fc.anything({ maxDepth: 1 }),
              payload: fc.anything({ maxDepth: 2 }),
            })
            .map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const f = parseFrame(text);
          if (f && 'error' in f) expect(f.error).toMatch(/^a frame (must|needs) /);
          if (f && 'channel' in f) expect(typeof f.channel).toBe('string');
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('every request gets a result; refusals are clear and never internal texts', async () => {
    await fc.assert(
      fc.asyncProperty(channel, payload, async (ch, p) => {
        // `__proto__` must travel as a key, as a hand-written frame would carry it.
        const r = await call(ch, p === null ? null : JSON.parse(JSON.stringify(p ?? null)));
        if (!r.ok) {
          expect(r.error?.message).toMatch(/^\S.{8,}/s);
          expect(r.error?.message).not.toMatch(INTERNAL);
          // Reaching the generic text would mean a bug behind it: none may.
          expect(r.error?.message).not.toBe(INTERNAL_ERROR_MESSAGE);
        }
      }),
      { numRuns: 2000 },
    );
    expect((await call('settings.get', {})).ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
