import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from '../../../renderer/src/after-paint';

describe('afterPaint (history and detail caches follow the painted card)', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs after the next frame, not inside the push that asked for it', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    const ran: string[] = [];
    afterPaint('a', () => ran.push('a'));
    expect(ran).toEqual([]);
    frames.shift()!(); // the frame is being prepared
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(0); // and painted
    expect(ran).toEqual(['a']);
  });

  it('waits for the page to be idle after the frame where the browser says when', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    const idle: Array<{ cb: () => void; timeout?: number }> = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('requestIdleCallback', (cb: () => void, o?: { timeout?: number }) =>
      idle.push({ cb, timeout: o?.timeout }),
    );
    const ran: string[] = [];
    afterPaint('a', () => ran.push('a'));
    frames.shift()!();
    vi.advanceTimersByTime(0); // tasks queued by the frame (the card's own) go first
    expect(ran).toEqual([]);
    expect(idle[0]!.timeout).toBe(100); // never starved by a busy page
    idle.shift()!.cb();
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(200); // the fallback does not run it twice
    expect(ran).toEqual(['a']);
  });

  it('folds updates of one call that pile up before the frame into the latest', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    const ran: string[] = [];
    afterPaint('a', () => ran.push('a1'));
    afterPaint('b', () => ran.push('b1'));
    afterPaint('a', () => ran.push('a2'));
    frames.shift()!();
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['a2', 'b1']);
  });

  it('still runs in a hidden window, which paints no frames', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0); // never calls back
    const ran: string[] = [];
    afterPaint('a', () => ran.push('a'));
    vi.advanceTimersByTime(99);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a']);
  });
});
