import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cardFate, fateNow, fullCards, type LifecycleCall } from '../../../shared/card-lifecycle';

const T = 1_700_000_000_000;
const settings = { keepMissed: false, foldAfterMinutes: 5 };
const call = (over: Partial<LifecycleCall> = {}): LifecycleCall => ({
  state: 'ended',
  outcome: 'answered',
  endedAt: T,
  wrapUp: null,
  ...over,
});

describe('card lifecycle', () => {
  it('keeps a ringing or connected card open, whatever else is true', () => {
    expect(cardFate(call({ state: 'ringing', endedAt: null }), settings, T + 3_600_000)).toEqual({
      kind: 'open',
    });
    expect(
      cardFate(call({ state: 'connected', wrapUp: { savedAt: T } }), settings, T + 3_600_000),
    ).toEqual({ kind: 'open' });
  });

  it('closes an ended call once its wrap-up is saved', () => {
    expect(cardFate(call({ wrapUp: { savedAt: T + 1000 } }), settings, T + 1000)).toEqual({
      kind: 'close',
      reason: 'wrapped-up',
    });
  });

  it('closes a missed card unless missed cards are kept', () => {
    const missed = call({ outcome: 'missed' });
    expect(cardFate(missed, settings, T)).toEqual({ kind: 'close', reason: 'missed' });
    expect(fateNow(cardFate(missed, { ...settings, keepMissed: true }, T))).toBe('open');
    expect(fateNow(cardFate(missed, { ...settings, keepMissed: true }, T + 5 * 60_000))).toBe(
      'folded',
    );
  });

  it('folds an ended card without wrap-up after the configured minutes, never closes it', () => {
    const open = call();
    expect(cardFate(open, settings, T + 4 * 60_000)).toEqual({
      kind: 'open-until',
      at: T + 5 * 60_000,
      then: 'folded',
    });
    expect(cardFate(open, settings, T + 5 * 60_000)).toEqual({ kind: 'folded' });
    expect(cardFate(open, { ...settings, foldAfterMinutes: 0 }, T)).toEqual({ kind: 'folded' });
    expect(fateNow(cardFate(open, settings, T + 365 * 86_400_000))).toBe('folded');
  });

  it('never folds or closes a card the agent is working in', () => {
    expect(cardFate(call({ wrapUp: { savedAt: T } }), settings, T + 60_000, true)).toEqual({
      kind: 'open',
    });
    expect(cardFate(call({ outcome: 'missed' }), settings, T, true)).toEqual({ kind: 'open' });
  });

  it('never moves a card back from closed as time passes', () => {
    fc.assert(
      fc.property(
        fc.record({
          state: fc.constantFrom('ringing', 'connected', 'ended'),
          outcome: fc.constantFrom('answered', 'missed', 'not-answered', 'end-unknown', null),
          endedAt: fc.option(fc.integer({ min: 0, max: 1e6 })),
          wrapUp: fc.option(fc.record({ savedAt: fc.integer({ min: 0, max: 1e6 }) })),
        }),
        fc.boolean(),
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 2e6 }),
        fc.integer({ min: 0, max: 2e6 }),
        (c, keepMissed, foldAfterMinutes, t1, dt) => {
          const s = { keepMissed, foldAfterMinutes };
          const before = fateNow(cardFate(c as LifecycleCall, s, t1));
          const after = fateNow(cardFate(c as LifecycleCall, s, t1 + dt));
          const order = { open: 0, folded: 1, close: 2 };
          return order[after] >= order[before];
        },
      ),
    );
  });
});

describe('which cards are shown in full', () => {
  const keys = ['c5', 'c4', 'c3', 'c2', 'c1'];

  it('shows the newest that fit; older ones fold to a line each', () => {
    expect([...fullCards(keys, 2)]).toEqual(['c5', 'c4']);
    expect([...fullCards(keys, 0)]).toEqual(['c5']);
    expect([...fullCards(keys, 10)]).toEqual(keys);
  });

  it('keeps the card the agent is in, and skips cards the rules folded', () => {
    expect([...fullCards(keys, 2, { focused: 'c1' })].sort()).toEqual(['c1', 'c5']);
    expect([...fullCards(keys, 2, { ruledFolded: new Set(['c5']) })]).toEqual(['c4', 'c3']);
    expect([...fullCards(keys, 1, { expanded: new Set(['c2']) })].sort()).toEqual(['c2', 'c5']);
    // The agent in an old card (room for one): a new call still pops in full.
    expect([...fullCards(keys, 1, { focused: 'c1' })].sort()).toEqual(['c1', 'c5']);
  });
});
