import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { cardFate, fullCards, type LifecycleSettings } from '../../../shared/card-lifecycle';
import type { CallView } from '../../../shared/ipc';
import { useApi, useAppStore } from '../api-context';
import { callTitle } from '../format';
import { settingsQuery } from '../queries';
import { useNow } from '../use-now';
import { CallCard } from './CallCard';
import { afterPaint } from '../after-paint';

/** Until the settings arrive (the same as the settings file's defaults). */
const LIFECYCLE_DEFAULTS: LifecycleSettings = { keepMissed: true, foldAfterMinutes: 5 };

/** Height of one full card and one folded line, for how many full cards fit the window. */
const FULL_CARD_PX = 430;
const FOLDED_PX = 64;

function subscribeResize(cb: () => void) {
  window.addEventListener('resize', cb);
  return () => window.removeEventListener('resize', cb);
}

/**
 * Every open card, newest on top. The stack never grows past the window: the newest cards that
 * fit are shown in full, older ones fold to one line each, and so do ended cards without a
 * wrap-up after the configured minutes. The card the agent is in never folds. A live region
 * announces each incoming call without moving focus.
 */
export function CardStack({ className }: { className?: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const cards = useAppStore((s) => s.cards);
  const drafts = useAppStore((s) => s.drafts);
  const popup = useQuery(settingsQuery(api)).data?.settings.popup ?? LIFECYCLE_DEFAULTS;
  const height = useSyncExternalStore(subscribeResize, () => window.innerHeight);
  const now = useNow(
    cards.some((c) => c.state === 'ended'),
    15_000,
  );
  const [focused, setFocused] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // One function for every card, so a new card leaves the others' renders alone (memo).
  const expand = useCallback((key: string) => setExpanded((s) => new Set([...s, key])), []);
  // The window makes room beside the cards (its content reflows) one frame after the first
  // card is painted: reflowing the history first would delay the card.
  const anyCards = cards.length > 0;
  const [roomMade, setRoomMade] = useState(false);
  useEffect(() => afterPaint('card-stack-room', () => setRoomMade(anyCards)), [anyCards]);

  const busy = (call: CallView) =>
    call.key === focused ||
    Boolean(drafts[call.key]?.status) ||
    Boolean(drafts[call.key]?.comments);
  const ruledFolded = new Set(
    cards
      .filter((c) => !expanded.has(c.key) && cardFate(c, popup, now, busy(c)).kind === 'folded')
      .map((c) => c.key),
  );
  const room = Math.floor((height - FOLDED_PX * (cards.length - 1)) / FULL_CARD_PX);
  const full = fullCards(
    cards.map((c) => c.key),
    room,
    { ruledFolded, focused, expanded },
  );

  return (
    <>
      <IncomingAnnouncer cards={cards} />
      {cards.length > 0 ? (
        <div
          className={`card-stack ${className ?? ''}`}
          role="region"
          aria-label={t('card.stackLabel')}
          data-room={anyCards && roomMade ? '' : undefined}
          onFocus={(e) => {
            const key = (e.target as HTMLElement).closest<HTMLElement>('[data-card-key]')?.dataset
              .cardKey;
            setFocused(key ?? null);
          }}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
          }}
        >
          {cards.map((call) => (
            <div key={call.key} data-card-key={call.key} className="card-slot">
              <CallCard
                call={call}
                folded={!full.has(call.key)}
                openedByAgent={expanded.has(call.key)}
                onExpand={expand}
              />
            </div>
          ))}
        </div>
      ) : null}
    </>
  );
}

/** Says "Incoming call from …" once per new ringing call; polite, so nothing is cut off. */
function IncomingAnnouncer({ cards }: { cards: CallView[] }) {
  const { t } = useTranslation();
  const announced = useRef(new Set<string>());
  const [message, setMessage] = useState('');
  useEffect(() => {
    const fresh = cards.filter(
      (c) => c.state === 'ringing' && c.direction !== 'outbound' && !announced.current.has(c.key),
    );
    for (const c of cards) announced.current.add(c.key);
    if (fresh.length > 0)
      setMessage(fresh.map((c) => t('card.announce', { title: callTitle(t, c) })).join(' '));
  }, [cards, t]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {message}
    </div>
  );
}
