import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildEgardsBody,
  egardsBodyProblems,
  egardsFacts,
  holdDurationSeconds,
  missingAgentFields,
  type EgardsCallFacts,
} from '../../../shared/egards-payload';

const agent = { email: 'agent@example.com', extension: '1001', agentId: '12345' };
const t0 = Date.UTC(2024, 10, 25, 9, 35, 36, 946);

function facts(over: Partial<EgardsCallFacts> = {}): EgardsCallFacts {
  return {
    callId: 'call-67890',
    direction: 'inbound',
    phoneNumber: '+31235551234',
    country: 'NL',
    city: 'Haarlem',
    startedAt: t0,
    answeredAt: t0 + 12_000,
    endedAt: t0 + 20 * 60_000,
    parkedMs: 0,
    at: t0 + 12_000,
    ...over,
  };
}

describe('buildEgardsBody', () => {
  it("builds the seed's full connect sample", () => {
    expect(buildEgardsBody('connect', facts(), agent)).toEqual({
      agentId: '12345',
      phoneNumber: '+31235551234',
      callId: 'call-67890',
      email: 'agent@example.com',
      extensionNumber: '1001',
      type: 'Incoming',
      holdDuration: 12,
      callStartedAt: '2024-11-25T09:35:36.946Z',
      callAnsweredAt: '2024-11-25T09:35:48.946Z',
      details: { city: 'Haarlem', country: 'Netherlands' },
    });
  });

  it('disconnect adds callEndedAt; minimal when nothing optional is known', () => {
    const body = buildEgardsBody(
      'disconnect',
      facts({ answeredAt: null, city: null, country: null, direction: 'outbound' }),
      { ...agent, agentId: '' },
    );
    expect(body).toEqual({
      phoneNumber: '+31235551234',
      callId: 'call-67890',
      email: 'agent@example.com',
      extensionNumber: '1001',
      type: 'Outgoing',
      holdDuration: 0,
      callStartedAt: '2024-11-25T09:35:36.946Z',
      callEndedAt: '2024-11-25T09:55:36.946Z',
    });
  });

  it('a call closed without an end time reports when its disconnect was queued', () => {
    const body = buildEgardsBody('disconnect', facts({ endedAt: null, at: t0 + 60_000 }), agent);
    expect(body.callEndedAt).toBe('2024-11-25T09:36:36.946Z');
  });

  it('refuses to build without agent e-mail or extension', () => {
    expect(missingAgentFields({ email: '', extension: ' ', agentId: '' })).toEqual([
      'agent.email',
      'agent.extension',
    ]);
    expect(() => buildEgardsBody('connect', facts(), { ...agent, email: '' })).toThrow(
      /agent e-mail and extension/,
    );
  });
});

describe('holdDuration', () => {
  it('inbound: ring to answer plus parked time, whole seconds', () => {
    expect(holdDurationSeconds(facts({ answeredAt: t0 + 12_400 }))).toBe(12);
    expect(holdDurationSeconds(facts({ answeredAt: t0 + 12_600 }))).toBe(13);
    expect(holdDurationSeconds(facts({ parkedMs: 30_000 }))).toBe(42);
  });
  it('unanswered: ring to end; not yet answered: ring to queue time', () => {
    expect(holdDurationSeconds(facts({ answeredAt: null, endedAt: t0 + 25_000 }))).toBe(25);
    expect(holdDurationSeconds(facts({ answeredAt: null, endedAt: null, at: t0 + 3000 }))).toBe(3);
  });
  it('outbound: parked time only', () => {
    expect(holdDurationSeconds(facts({ direction: 'outbound' }))).toBe(0);
    expect(holdDurationSeconds(facts({ direction: 'outbound', parkedMs: 5000 }))).toBe(5);
  });
  it('never negative, even with clocks out of order', () => {
    expect(holdDurationSeconds(facts({ answeredAt: t0 - 5000, parkedMs: -1 }))).toBe(0);
  });
});

describe('egardsFacts', () => {
  const call = {
    id: 'A1',
    direction: 'inbound' as const,
    startedAt: t0,
    answeredAt: null,
    endedAt: null,
  };
  it('reads the number as E.164 with the default country, with country and city', () => {
    const f = egardsFacts({ ...call, number: '0235551234' }, 'NL', t0);
    expect(f).toMatchObject({
      phoneNumber: '+31235551234',
      country: 'NL',
      city: 'Haarlem',
      callId: 'A1',
    });
  });
  it('is null for withheld numbers, extensions and junk', () => {
    expect(egardsFacts({ ...call, number: null }, 'NL', t0)).toBeNull();
    expect(egardsFacts({ ...call, number: '1002' }, 'NL', t0)).toBeNull();
    expect(egardsFacts({ ...call, number: '+1' }, 'NL', t0)).toBeNull();
  });
});

// Numbers that libphonenumber reads as valid in a few markets, in various spellings.
const numbers = [
  '+31612345678',
  '0612345678',
  '0031612345678',
  '020 555 1234',
  '+32 2 555 12 34',
  '+49 30 1234567',
  '+7 495 123-45-67',
  '+1 212 555 0100',
  '(023) 555-1234',
];

describe('every compulsory field is present and valid (property)', () => {
  it('for random calls, agents and kinds', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 40 }),
          direction: fc.constantFrom('inbound', 'outbound', 'unknown'),
          number: fc.constantFrom(...numbers),
          startedAt: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }),
          ring: fc.integer({ min: 0, max: 3_600_000 }),
          talk: fc.integer({ min: 0, max: 8 * 3_600_000 }),
          answered: fc.boolean(),
          ended: fc.boolean(),
          parkedMs: fc.integer({ min: 0, max: 3_600_000 }),
        }),
        fc.record({
          email: fc.emailAddress(),
          extension: fc.stringMatching(/^\d{1,8}$/),
          agentId: fc.oneof(
            fc.constant(''),
            fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== ''),
          ),
        }),
        fc.constantFrom('connect' as const, 'disconnect' as const),
        (c, a, kind) => {
          const answeredAt = c.answered ? c.startedAt + c.ring : null;
          const endedAt = c.ended ? c.startedAt + c.ring + c.talk : null;
          const f = egardsFacts({ ...c, answeredAt, endedAt }, 'NL', c.startedAt + c.ring);
          if (!f) return false;
          const body = buildEgardsBody(kind, f, a);
          const problems = egardsBodyProblems(kind, body);
          if (problems.length) throw new Error(`${problems.join(', ')} in ${JSON.stringify(body)}`);
          return (
            body.callId === c.id && (kind === 'connect' || typeof body.callEndedAt === 'string')
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('egardsBodyProblems', () => {
  const good = buildEgardsBody('disconnect', facts(), agent);
  it('accepts a good body and names each broken field', () => {
    expect(egardsBodyProblems('disconnect', good)).toEqual([]);
    expect(egardsBodyProblems('disconnect', { ...good, callEndedAt: undefined })).toEqual([
      'callEndedAt',
    ]);
    expect(egardsBodyProblems('connect', { ...good, holdDuration: 1.5 })).toEqual(['holdDuration']);
    expect(egardsBodyProblems('connect', { ...good, holdDuration: '12' })).toEqual([
      'holdDuration',
    ]);
    expect(
      egardsBodyProblems('connect', { ...good, callStartedAt: '2024-11-25T09:35:36Z' }),
    ).toEqual(['callStartedAt']);
    expect(egardsBodyProblems('connect', { ...good, phoneNumber: '0612345678' })).toEqual([
      'phoneNumber',
    ]);
    expect(egardsBodyProblems('connect', { ...good, type: 'incoming' })).toEqual(['type']);
    expect(egardsBodyProblems('connect', null)).toEqual(['body is not an object']);
  });
});
