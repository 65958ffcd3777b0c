// The card list in the renderer's store: a push that changes nothing a card shows leaves the
// list as it was, so no card is drawn again (a new call's popup.show is always followed by a
// call.updated with the same view, right after the frame that shows the card).
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/store';
import { makeCall } from './fake-api';

describe('the store’s cards', () => {
  it('keeps the list when a push repeats the view a card already shows', () => {
    const store = createAppStore();
    const call = makeCall({ id: 'R1' });
    store.getState().showCard(call);
    const shown = store.getState().cards;
    let changes = 0;
    store.subscribe(() => changes++);
    store.getState().updateCard(structuredClone(call));
    store.getState().showCard(structuredClone(call));
    expect(store.getState().cards).toBe(shown);
    expect(changes).toBe(0);
  });

  it('takes a view that differs, and never adds a card on an update', () => {
    const store = createAppStore();
    const call = makeCall({ id: 'R2' });
    store.getState().showCard(call);
    store.getState().updateCard({ ...call, state: 'connected', answeredAt: call.startedAt + 5 });
    expect(store.getState().cards.map((c) => c.state)).toEqual(['connected']);
    store.getState().updateCard(makeCall({ id: 'other' }));
    expect(store.getState().cards.map((c) => c.id)).toEqual(['R2']);
  });
});
