// What becomes of a call card: the rules that keep an agent's stack short. Pure, so main (which
// owns which cards are open and closes them) and the renderer (which folds them) apply the same
// rules, and both are tested without a clock or a screen.
//
//   ringing / in call                         → open
//   ended, wrap-up saved                      → closes (the history row shows what was saved)
//   missed, and "keep missed cards" is off    → closes (it stays in history and the missed count)
//   ended, no wrap-up                         → open, and folds to one line after N minutes
//
// A card the agent is working in (focus, an unsaved draft) is never folded or closed under them.

export interface LifecycleCall {
  state: 'ringing' | 'connected' | 'ended';
  outcome: 'answered' | 'missed' | 'not-answered' | 'end-unknown' | null;
  endedAt: number | null;
  wrapUp: { savedAt: number } | null;
}

export interface LifecycleSettings {
  /** Keep cards of missed calls until the agent hides them. */
  keepMissed: boolean;
  /** Minutes after the end before a card without wrap-up folds into a one-line row. */
  foldAfterMinutes: number;
}

export type CardFate =
  | { kind: 'open' }
  | { kind: 'folded' }
  | { kind: 'close'; reason: 'wrapped-up' | 'missed' }
  /** Open now; folds at `at` (a timer, not polling). */
  | { kind: 'open-until'; at: number; then: 'folded' };

export function cardFate(
  call: LifecycleCall,
  settings: LifecycleSettings,
  now: number,
  busy = false,
): CardFate {
  if (call.state !== 'ended' || busy) return { kind: 'open' };
  if (call.wrapUp) return { kind: 'close', reason: 'wrapped-up' };
  if (call.outcome === 'missed' && !settings.keepMissed) return { kind: 'close', reason: 'missed' };
  if (call.endedAt === null) return { kind: 'folded' };
  const at = call.endedAt + Math.max(0, settings.foldAfterMinutes) * 60_000;
  return now >= at ? { kind: 'folded' } : { kind: 'open-until', at, then: 'folded' };
}

/** The fate as it stands at `now`, without the timer detail. */
export function fateNow(fate: CardFate): 'open' | 'folded' | 'close' {
  return fate.kind === 'open-until' ? 'open' : fate.kind;
}

/**
 * Which of the open cards (newest first) are shown in full: the newest that fit the screen
 * (`room` full cards), plus the one the agent is in or opened, plus always the newest; the
 * rest fold to one line each. A card
 * the rules fold stays folded unless the agent opened it.
 */
export function fullCards(
  keysNewestFirst: readonly string[],
  room: number,
  opts: {
    ruledFolded?: ReadonlySet<string>;
    focused?: string | null;
    expanded?: ReadonlySet<string>;
  } = {},
): Set<string> {
  const full = new Set<string>();
  const pinned = new Set<string>([
    ...(opts.expanded ?? []),
    ...(opts.focused ? [opts.focused] : []),
  ]);
  for (const key of keysNewestFirst) if (pinned.has(key)) full.add(key);
  // The newest call always pops in full, even when the agent's own open cards fill the room:
  // it is the one that just rang.
  const newest = keysNewestFirst.find((key) => !opts.ruledFolded?.has(key));
  if (newest !== undefined) full.add(newest);
  for (const key of keysNewestFirst) {
    if (full.size >= Math.max(1, room)) break;
    if (!opts.ruledFolded?.has(key)) full.add(key);
  }
  return full;
}
