// Dialing from the UI: one place that calls main and keeps what the agent should read (the
// number being dialed, or why it failed) until the next dial.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context';

export type DialState =
  | { state: 'idle' }
  | { state: 'dialing'; who: string }
  | { state: 'dialed'; who: string }
  | { state: 'failed'; who: string; error: string };

export function useDial() {
  const api = useApi();
  const { t } = useTranslation();
  const [status, setStatus] = useState<DialState>({ state: 'idle' });
  async function dial(number: string, who: string): Promise<void> {
    setStatus({ state: 'dialing', who });
    try {
      const r = await api.dial(number);
      setStatus(
        r.ok ? { state: 'dialed', who } : { state: 'failed', who, error: errorText(r.error) },
      );
    } catch (e) {
      setStatus({ state: 'failed', who, error: (e as Error).message });
    }
  }
  const message =
    status.state === 'dialing'
      ? t('dial.dialing', { who: status.who })
      : status.state === 'dialed'
        ? t('dial.dialed', { who: status.who })
        : status.state === 'failed'
          ? t('dial.failed', { who: status.who, error: status.error })
          : null;
  return { dial, status, message };
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}
