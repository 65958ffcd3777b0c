import { useEffect, useRef } from 'react';
import { globalActionOf, type GlobalAction } from './shortcuts';

/** Listens for the global shortcuts on the whole window; the handlers may change each render. */
export function useGlobalShortcuts(handlers: Record<GlobalAction, () => void>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = globalActionOf(e);
      if (!action) return;
      e.preventDefault();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Focuses the first element matching `selector`, if there is one. */
export function focusFirst(selector: string): void {
  document.querySelector<HTMLElement>(selector)?.focus();
}
