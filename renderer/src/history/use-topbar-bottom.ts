// Where the top bar ends, as a CSS variable (--topbar-bottom) for the cards that float over the
// page in browser mode: the bar wraps to two lines in a narrow window (a long button, a long
// translation) and a banner may appear above it, so a fixed 48 px would put the cards' heads
// under it.
import { useEffect, type RefObject } from 'react';

export function useTopbarBottom(topbar: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const bar = topbar.current;
    const page = bar?.parentElement;
    if (!bar || !page || typeof ResizeObserver !== 'function') return;
    const root = document.documentElement;
    let last = '';
    // Only a new value is written: setting a custom property on the root restyles the whole
    // page, and the bar is resized (not moved) each time the cards' column comes and goes.
    const update = () => {
      const value = `${Math.ceil(bar.getBoundingClientRect().bottom)}px`;
      if (value === last) return;
      last = value;
      root.style.setProperty('--topbar-bottom', value);
    };
    const sizes = new ResizeObserver(update);
    // The bar itself and whatever stands above it (a banner that comes and goes).
    // No layout is read here: a card mounting beside the bar is a change of the page's
    // children, and reading the bar's box then would lay the page out before the card's frame.
    // The size observer reports each newly observed element after the next layout.
    const watchAbove = () => {
      sizes.disconnect();
      for (let el: Element | null = bar; el; el = el.previousElementSibling) sizes.observe(el);
    };
    const children = new MutationObserver(watchAbove);
    children.observe(page, { childList: true });
    watchAbove();
    return () => {
      sizes.disconnect();
      children.disconnect();
      root.style.removeProperty('--topbar-bottom');
    };
  }, [topbar]);
}
