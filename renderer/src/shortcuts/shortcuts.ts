// The keyboard shortcuts an agent can use, in one list: the help overlay (`?`) shows exactly
// this, so it cannot drift from what the keys do.

export interface Shortcut {
  /** Keys as shown, one per <kbd>; words among them ("Ctrl", "Enter") are translated. */
  keys: string[];
  /** i18n key under shortcuts.action. */
  action:
    | 'help'
    | 'settings'
    | 'history'
    | 'newestCard'
    | 'moveInList'
    | 'openRow'
    | 'callBack'
    | 'toCallBack'
    | 'status'
    | 'save'
    | 'hide'
    | 'pickNumber'
    | 'dialNumber';
}

export const SHORTCUTS: {
  group: 'anywhere' | 'history' | 'card' | 'contacts';
  items: Shortcut[];
}[] = [
  {
    group: 'anywhere',
    items: [
      { keys: ['?'], action: 'help' },
      { keys: ['Ctrl', ','], action: 'settings' },
      { keys: ['Alt', '1'], action: 'history' },
      { keys: ['Alt', '2'], action: 'newestCard' },
    ],
  },
  {
    group: 'history',
    items: [
      { keys: ['↑', '↓', 'Home', 'End'], action: 'moveInList' },
      { keys: ['Enter'], action: 'openRow' },
      { keys: ['C'], action: 'callBack' },
      { keys: ['→', '←'], action: 'toCallBack' },
    ],
  },
  {
    group: 'card',
    items: [
      { keys: ['1', '2', '3', '4'], action: 'status' },
      { keys: ['Ctrl', 'Enter'], action: 'save' },
      { keys: ['Esc'], action: 'hide' },
    ],
  },
  {
    group: 'contacts',
    items: [
      { keys: ['↑', '↓'], action: 'pickNumber' },
      { keys: ['Enter'], action: 'dialNumber' },
    ],
  },
];

/** Typing into a field is text, never a shortcut (except the Ctrl/Alt chords). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

export type GlobalAction = 'help' | 'settings' | 'history' | 'newestCard';

/** Which global shortcut a key press is, if any. */
export function globalActionOf(e: {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}): GlobalAction | null {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === ',') return 'settings';
  if (e.altKey && !e.ctrlKey && !e.metaKey && e.key === '1') return 'history';
  if (e.altKey && !e.ctrlKey && !e.metaKey && e.key === '2') return 'newestCard';
  if (e.key === '?' && !e.ctrlKey && !e.altKey && !e.metaKey && !isTextEntry(e.target))
    return 'help';
  return null;
}
