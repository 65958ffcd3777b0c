// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createCallMatcher } from '../../../shared/call-matching';
import type { CallNotification } from '../../../shared/crm-args';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const S = (callId: string, number?: string): CallNotification => ({
  type: 'S',
  callId,
  direction: 'inbound',
  ...(number ? { caller: { kind: 'number' as const, value: number } } : {}),
});

describe('call matching across sources', () => {
  it('the same call id from two sources is one call', () => {
    const m = createCallMatcher();
    expect(m.resolve(S('4711', '0612345678'), 'assistant', T0).callId).toBe('4711');
    expect(m.resolve(S('4711', '0612345678'), 'rest-poll', T0 + 900).callId).toBe('4711');
  });

  it('different ids, same caller within 3 s: the second source’s id becomes an alias', () => {
    const m = createCallMatcher();
    m.resolve(S('4711', '+31612345678'), 'assistant', T0);
    expect(m.resolve(S('cc-500', '0612345678'), 'call-control', T0 + 2500).callId).toBe('4711');
    // Later notifications of the alias follow it.
    expect(m.resolve({ type: 'E', callId: 'cc-500' }, 'call-control', T0 + 60_000).callId).toBe(
      '4711',
    );
  });

  it('the same caller more than 3 s apart, or twice from one source, is a new call', () => {
    const m = createCallMatcher();
    m.resolve(S('4711', '0612345678'), 'assistant', T0);
    expect(m.resolve(S('cc-1', '0612345678'), 'call-control', T0 + 3500).callId).toBe('cc-1');
    expect(m.resolve(S('4712', '0612345678'), 'assistant', T0 + 100).callId).toBe('4712');
  });

  it('the same id in another case passes unchanged (the tracker keeps the capitals)', () => {
    const m = createCallMatcher();
    m.resolve(S('e2e-berlin-2', '+4930123456'), 'assistant', T0);
    expect(m.resolve(S('E2E-Berlin-2', '+4930123456'), 'assistant', T0 + 5).callId).toBe(
      'E2E-Berlin-2',
    );
  });

  it('no number, no match by number', () => {
    const m = createCallMatcher();
    m.resolve(S('4711'), 'assistant', T0);
    expect(m.resolve(S('cc-9'), 'call-control', T0 + 10).callId).toBe('cc-9');
  });
});
