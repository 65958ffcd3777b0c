// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createApi, type InvokeFn, type SubscribeFn } from '../../../shared/ipc';
import { invokeSchemas, validateRequest } from '../../../shared/ipc/schemas';

describe('validateRequest', () => {
  it('accepts a well-formed wrap-up', () => {
    expect(
      validateRequest('wrapup.save', { callId: '1', status: 'Completed', comments: '' }),
    ).toMatchObject({ ok: true });
  });

  it.each([
    ['wrapup.save', { callId: '1', status: 'Scheduled Later', comments: '' }, /status/],
    ['wrapup.save', { callId: '', status: 'Completed', comments: '' }, /callId/],
    ['wrapup.save', { callId: '1', status: 'Completed', comments: 'x'.repeat(10_001) }, /comments/],
    ['calls.list', { limit: -1 }, /limit/],
    ['dial', { number: 42 }, /number/],
    ['calls.get', 'not an object', /request/],
    ['__proto__', {}, /unknown channel/],
    ['constructor', {}, /unknown channel/],
  ])('rejects %s %j with a message naming the field', (channel, payload, message) => {
    const r = validateRequest(channel, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});

describe('createApi', () => {
  it('maps every domain method onto a channel of the contract', async () => {
    const calls: Array<[string, unknown]> = [];
    const invoke = (async (channel: string, req: unknown) => {
      calls.push([channel, req]);
      return { ok: true, value: null };
    }) as unknown as InvokeFn;
    const subscribed: string[] = [];
    const subscribe = ((event: string) => {
      subscribed.push(event);
      return () => undefined;
    }) as unknown as SubscribeFn;
    const api = createApi(invoke, subscribe, async () => undefined);
    await api.saveWrapUp('7', 'Completed', 'ok');
    await api.dial('0612345678');
    api.onCallUpdated(() => undefined);
    expect(calls).toEqual([
      ['wrapup.save', { callId: '7', status: 'Completed', comments: 'ok' }],
      ['dial', { number: '0612345678' }],
    ]);
    expect(subscribed).toEqual(['call.updated']);
    for (const [channel] of calls) expect(Object.keys(invokeSchemas)).toContain(channel);
  });
});
