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
    const update = () =>
      root.style.setProperty(
        '--topbar-bottom',
        `${Math.ceil(bar.getBoundingClientRect().bottom)}px`,
      );
    const sizes = new ResizeObserver(update);
    // The bar itself and whatever stands above it (a banner that comes and goes).
    const watchAbove = () => {
      sizes.disconnect();
      for (let el: Element | null = bar; el; el = el.previousElementSibling) sizes.observe(el);
      update();
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
