// Shared by the screenshot, layout and accessibility specs: a history with every kind of call,
// and the places a screen is looked at (main window, cards, popup window).
import type { Page } from '@playwright/test';
import type { CallPopServer } from './fixtures';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Answered + wrapped up, answered, missed, one in progress and one ringing. */
export async function seedCalls(callpop: CallPopServer): Promise<void> {
  const fire = (argv: string[]) => callpop.fire(argv);
  await fire(['/N:S', '/C:0612345678', '/T:I', '/I:seed-answered']);
  await fire(['/N:C', '/T:I', '/I:seed-answered']);
  await fire(['/N:E', '/T:I', '/I:seed-answered']);
  await fire(['/N:S', '/C:+4930123456', '/T:I', '/I:seed-berlin']);
  await fire(['/N:C', '/T:I', '/I:seed-berlin']);
  await fire(['/N:E', '/T:I', '/I:seed-berlin']);
  await fire(['/N:S', '/C:0201234567', '/T:I', '/I:seed-missed']);
  await fire(['/N:E', '/T:I', '/I:seed-missed']);
  await fire(['/N:S', '/C:+441632960961', '/T:O', '/I:seed-outbound']);
  await fire(['/N:C', '/T:O', '/I:seed-outbound']);
  await fire(['/N:S', '/C:0707654321', '/T:I', '/I:seed-ringing']);
}

/** The popup window's route in browser mode: the same cards, alone, in a 380×460 viewport. */
export function popupUrl(callpop: CallPopServer): string {
  return `${callpop.origin}/#/popup&token=${callpop.token}`;
}

export async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
}

/** Elements whose content is wider or taller than their box with clipping: cut-off text. */
export async function clippedText(page: Page, selector = 'body *'): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      const style = getComputedStyle(el);
      if (
        style.display === 'none' ||
        (el.closest('[aria-hidden="true"]') && !el.closest('.history-columns'))
      )
        continue;
      if (el.classList.contains('visually-hidden')) continue;
      const clipsX = style.overflowX !== 'visible';
      const clipsY = style.overflowY !== 'visible';
      const scrollsX = style.overflowX === 'auto' || style.overflowX === 'scroll';
      const scrollsY = style.overflowY === 'auto' || style.overflowY === 'scroll';
      const wide = el.scrollWidth > el.clientWidth + 1;
      // Text wider than its own box spills over its neighbours even without clipping.
      if (
        !scrollsX &&
        wide &&
        style.display !== 'inline' &&
        !['TEXTAREA', 'INPUT', 'SELECT', 'HTML', 'BODY'].includes(el.tagName)
      ) {
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} overflows: ${el.textContent?.slice(0, 40)}`,
        );
        continue;
      }
      const tall = el.scrollHeight > el.clientHeight + 1;
      if (
        (clipsX && !scrollsX && wide) ||
        (clipsY && !scrollsY && tall && el.tagName !== 'TEXTAREA')
      )
        out.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`);
    }
    // Text that runs out of the viewport sideways is cut off too.
    const vw = document.documentElement.clientWidth;
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>('button, label, span, p, h1, h2, h3, dt, dd, legend'),
    )) {
      if (el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 1)
        out.push(
          `${el.tagName.toLowerCase()} past the right edge: ${el.textContent?.slice(0, 40)}`,
        );
    }
    // A word split over two lines (overflow-wrap: anywhere in a box too narrow for it) is a
    // label that does not fit too, even though nothing spills. Long addresses may break.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.visually-hidden, [aria-hidden="true"], script, style'))
        continue;
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/[^\s\-‐/·,.:()]{2,}/gu)) {
        if (/[@\\]|^\w+:\/\//.test(m[0])) continue;
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
        if (rects.length > 1 && rects.some((r) => Math.abs(r.top - rects[0]!.top) > 2))
          out.push(`${parent.tagName.toLowerCase()}.${parent.className} breaks "${m[0]}"`);
      }
    }
    return out;
  }, selector);
}
