import { useTranslation } from 'react-i18next';
import { useAppStore } from '../api-context';
import { CallCard } from './CallCard';

/** Every open card, newest on top. */
export function CardStack({ className }: { className?: string }) {
  const { t } = useTranslation();
  const cards = useAppStore((s) => s.cards);
  if (cards.length === 0) return null;
  return (
    <div
      className={`card-stack ${className ?? ''}`}
      role="region"
      aria-label={t('card.stackLabel')}
    >
      {cards.map((call) => (
        <CallCard key={call.key} call={call} />
      ))}
    </div>
  );
}
