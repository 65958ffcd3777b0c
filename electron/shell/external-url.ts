// The only URLs CallPop hands to the operating system: plain http(s) links, e.g. a CRM record.
// Anything else (file:, javascript:, smb:, custom schemes an attacker could abuse through the
// OS handler table) is refused.

export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}
