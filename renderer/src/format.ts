// How calls read to the agent. Everything the agent sees goes through `t`.
import type { TFunction } from 'i18next';
import type { CallView, WrapUpStatus } from '../../shared/ipc';

/** i18n keys of the DBN wrap-up statuses (the English values are the DBN values). */
export const STATUS_KEYS = {
  'No Answer': 'wrapUp.status.noAnswer',
  'Schedule Later': 'wrapUp.status.scheduleLater',
  'Do not Disturb': 'wrapUp.status.doNotDisturb',
  Completed: 'wrapUp.status.completed',
} as const satisfies Record<WrapUpStatus, string>;

export function statusLabel(t: TFunction, status: WrapUpStatus): string {
  return t(STATUS_KEYS[status]);
}

/** The number as the agent reads it, or a word for withheld/unknown. */
export function numberText(t: TFunction, call: CallView): string {
  if (call.withheld && !call.number) return t('call.withheld');
  return call.phone?.display ?? call.number ?? t('call.unknownNumber');
}

/** The card's accessible name: "Call from 06 12345678", "Call to …". */
export function callTitle(t: TFunction, call: CallView): string {
  if (call.withheld && !call.number) return t('call.fromWithheld');
  const number = numberText(t, call);
  return call.direction === 'outbound' ? t('call.to', { number }) : t('call.from', { number });
}

/** "Ringing", "In call", or the outcome of an ended call ("Missed", "Answered", …). */
export function stateText(t: TFunction, call: CallView): string {
  if (call.state === 'ended' && call.outcome) return t(`call.outcome.${call.outcome}`);
  return t(`call.state.${call.state}`);
}

/** 00:05, 12:34, 1:02:03. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Talk time of a finished call, or null when it was never answered. */
export function talkTime(call: CallView): number | null {
  if (call.answeredAt === null || call.endedAt === null) return null;
  return call.endedAt - call.answeredAt;
}

/** Time only for today, date and time otherwise. */
export function formatWhen(at: number, language: string, now = Date.now()): string {
  const d = new Date(at);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return dateTimeFormat(language, sameDay).format(d);
}

// Building an Intl.DateTimeFormat costs far more than using one, and every history row formats
// its time on each render: keep one per language and shape.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(language: string, sameDay: boolean): Intl.DateTimeFormat {
  const key = `${language}|${sameDay ? 'time' : 'date'}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      language,
      sameDay
        ? { hour: '2-digit', minute: '2-digit' }
        : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
    );
    dateFormats.set(key, f);
  }
  return f;
}
