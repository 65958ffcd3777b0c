// How PBX errors and freshness read to the agent: every message through `t`, the PBX's own
// answer quoted as it came (main shortened it and removed secrets).
import type { TFunction } from 'i18next';
import type { PbxError } from '../../../shared/pbx';
import type { PbxReachability } from '../../../shared/pbx-views';

export function pbxErrorText(t: TFunction, error: PbxError, extension = ''): string {
  const answer = error.raw ?? '';
  switch (error.kind) {
    case 'refused':
      return error.code === 'not-an-agent'
        ? t('pbx.error.notAnAgent', { extension })
        : t('pbx.error.refused', { answer });
    case 'bad-answer':
      return t('pbx.error.badAnswer', { answer });
    case 'http':
      return t('pbx.error.http', { status: error.status ?? '', answer });
    case 'unreachable':
      return t('pbx.error.unreachable');
    case 'not-configured':
      return t('pbx.error.notConfigured');
    case 'invalid-input':
      return t('pbx.error.invalidInput');
    case 'unsupported':
      return t('pbx.error.unsupported');
  }
}

export function clockTime(at: number, language: string): string {
  return new Date(at).toLocaleTimeString(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** "PBX unreachable since …" / "Not up to date: last read …", or null when fresh. */
export function freshnessText(
  t: TFunction,
  language: string,
  s: { stale: boolean; fetchedAt: number | null; reachability: PbxReachability },
): string | null {
  if (!s.stale) return null;
  if (!s.reachability.reachable) {
    const at = s.reachability.lastGoodAt ?? s.fetchedAt;
    return at === null
      ? t('pbx.unreachableNever')
      : t('pbx.unreachable', { time: clockTime(at, language) });
  }
  return s.fetchedAt === null
    ? t('pbx.staleNever')
    : t('pbx.stale', { time: clockTime(s.fetchedAt, language) });
}
