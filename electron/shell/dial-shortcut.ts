// The desktop app's global shortcut (Ctrl+Shift+D): dials the number the agent selected (the
// primary selection on Linux) or copied, after a confirmation, so nothing is dialed by
// accident. Electron's objects come in as parameters; this file does not import electron.
import { cleanDialNumber } from '../../shared/dial-number';
import { resolveLanguage, resources } from '../../shared/i18n';

export const DIAL_SHORTCUT = 'CommandOrControl+Shift+D';

export interface DialShortcutDeps {
  globalShortcut: {
    register(accelerator: string, callback: () => void): boolean;
    unregister(accelerator: string): void;
  };
  /** Electron's clipboard (its readText is asynchronous in newer versions). */
  clipboard: { readText(type?: 'selection' | 'clipboard'): string | Promise<string> };
  platform: NodeJS.Platform;
  /** Resolves true when the agent confirmed "Call <number>?". */
  confirm(number: string): Promise<boolean>;
  dial(number: string): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Something the agent should read (no number, refused, failed). */
  notice(level: 'info' | 'warn' | 'error', message: string): void;
  log(message: string): void;
}

/** The text to dial: the selection where the platform has one, else the clipboard. */
export async function textToDial(
  deps: Pick<DialShortcutDeps, 'clipboard' | 'platform'>,
): Promise<string> {
  const selection = deps.platform === 'linux' ? await deps.clipboard.readText('selection') : '';
  return (selection.trim() || (await deps.clipboard.readText('clipboard'))).trim();
}

export function registerDialShortcut(deps: DialShortcutDeps): () => void {
  let busy = false;
  const onPress = async () => {
    if (busy) return;
    busy = true;
    try {
      const text = await textToDial(deps);
      if (!text) {
        deps.notice('warn', 'Select or copy a phone number, then press Ctrl+Shift+D');
        return;
      }
      const clean = cleanDialNumber(text);
      if (!clean.ok) {
        deps.notice('warn', `Not dialed: ${clean.reason}`);
        return;
      }
      if (!(await deps.confirm(clean.number))) return;
      const r = await deps.dial(clean.number);
      if (!r.ok) deps.notice('error', r.error);
    } finally {
      busy = false;
    }
  };
  const ok = deps.globalShortcut.register(DIAL_SHORTCUT, () => void onPress());
  if (!ok) deps.log(`the shortcut ${DIAL_SHORTCUT} is taken by another program`);
  return () => deps.globalShortcut.unregister(DIAL_SHORTCUT);
}

/** The confirmation's words in the agent's language (no i18next instance in main for three strings). */
export function confirmWords(
  language: string,
  preferred: readonly string[],
  number: string,
): { message: string; call: string; cancel: string } {
  const lang = resolveLanguage(language, preferred);
  const pick = (get: (m: (typeof resources)['en']['translation']) => string | undefined) =>
    get(resources[lang].translation as (typeof resources)['en']['translation']) ??
    get(resources.en.translation)!;
  return {
    message: pick((m) => m.dial?.confirm).replace('{{number}}', number),
    call: pick((m) => m.dial?.callButton),
    cancel: pick((m) => m.contacts?.cancel),
  };
}
