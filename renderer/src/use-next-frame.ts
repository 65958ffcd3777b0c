// For the parts of a new view that can wait one frame: false while the first frame is drawn,
// true in the frame after it. The update is flushed inside that frame's animation callback,
// so those parts are painted in it rather than in a later one.
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** A hidden window draws no frames: the parts are shown after this long all the same. */
const MAX_WAIT_MS = 100;

export function useNextFrame(key: string): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let done = false;
    let next = 0;
    const show = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      if (next) cancelAnimationFrame(next);
      flushSync(() => setShown(true));
    };
    const fallback = setTimeout(show, MAX_WAIT_MS);
    if (typeof requestAnimationFrame !== 'function') return () => clearTimeout(fallback);
    // The first callback comes before the frame that shows the new view; one asked for from it
    // comes before the frame after that one.
    const first = requestAnimationFrame(() => {
      next = requestAnimationFrame(show);
    });
    return () => {
      done = true;
      clearTimeout(fallback);
      cancelAnimationFrame(first);
      cancelAnimationFrame(next);
    };
  }, [key]);
  return shown;
}
