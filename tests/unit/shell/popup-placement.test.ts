// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  POPUP_MARGIN,
  POPUP_SIZE,
  clampInto,
  cornerPosition,
  placePopup,
  rememberPosition,
  type Corner,
  type Rect,
} from '../../../electron/shell/popup-placement';

const size = { width: 400, height: 300 };
// A 1920×1080 display with a 40 DIP taskbar at the bottom.
const hd: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
// A 2560×1600 panel at 150 %: 1707×1067 DIPs, right of the primary, taskbar 32 DIPs.
const scaled150: Rect = { x: 1920, y: 0, width: 1707, height: 1035 };
// A 3840×2160 panel at 200 % on the left of the primary, with a taskbar on top.
const scaled200: Rect = { x: -1920, y: 40, width: 1920, height: 1040 };

describe('cornerPosition', () => {
  it.each<[Corner, number, number]>([
    ['bottom-right', 1920 - 400 - POPUP_MARGIN, 1040 - 300 - POPUP_MARGIN],
    ['bottom-left', POPUP_MARGIN, 1040 - 300 - POPUP_MARGIN],
    ['top-right', 1920 - 400 - POPUP_MARGIN, POPUP_MARGIN],
    ['top-left', POPUP_MARGIN, POPUP_MARGIN],
  ])('%s of a 100 %% display', (corner, x, y) => {
    expect(cornerPosition(hd, size, corner)).toEqual({ x, y });
  });

  it('bottom-right of a 150 % display to the right, in DIPs', () => {
    expect(cornerPosition(scaled150, size, 'bottom-right')).toEqual({
      x: 1920 + 1707 - 400 - POPUP_MARGIN,
      y: 1035 - 300 - POPUP_MARGIN,
    });
  });

  it('top-left of a 200 % display left of the primary (negative coordinates)', () => {
    expect(cornerPosition(scaled200, size, 'top-left')).toEqual({
      x: -1920 + POPUP_MARGIN,
      y: 40 + POPUP_MARGIN,
    });
  });

  it('keeps a popup larger than a tiny work area at its top-left', () => {
    expect(cornerPosition({ x: 10, y: 10, width: 300, height: 200 }, size, 'bottom-right')).toEqual(
      { x: 10, y: 10 },
    );
  });

  it('rounds fractional DIPs from odd scale factors', () => {
    const p = cornerPosition({ x: 0.5, y: 0, width: 1366.4, height: 728.2 }, size, 'bottom-right');
    expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
  });
});

describe('placePopup', () => {
  it('uses the corner without a remembered spot', () => {
    expect(placePopup({ workArea: hd, size, corner: 'top-left' })).toEqual({
      x: POPUP_MARGIN,
      y: POPUP_MARGIN,
    });
  });

  it('uses the remembered spot relative to the work area', () => {
    expect(
      placePopup({
        workArea: scaled150,
        size,
        corner: 'bottom-right',
        remembered: { dx: 100, dy: 200 },
      }),
    ).toEqual({
      x: 2020,
      y: 200,
    });
  });

  it('clamps a remembered spot back in when the display shrank', () => {
    const smaller: Rect = { x: 0, y: 0, width: 1280, height: 680 };
    expect(
      placePopup({
        workArea: smaller,
        size,
        corner: 'bottom-right',
        remembered: { dx: 1500, dy: 900 },
      }),
    ).toEqual({
      x: 1280 - 400,
      y: 680 - 300,
    });
  });

  it('ignores a corrupt remembered spot', () => {
    expect(
      placePopup({ workArea: hd, size, corner: 'top-left', remembered: { dx: Number.NaN, dy: 3 } }),
    ).toEqual({
      x: POPUP_MARGIN,
      y: POPUP_MARGIN,
    });
  });
});

describe('clampInto and rememberPosition', () => {
  it('pulls a window hanging off the left and top back in', () => {
    expect(clampInto({ x: -50, y: -10 }, size, hd)).toEqual({ x: 0, y: 0 });
  });

  it('round-trips a position through rememberPosition and placePopup', () => {
    const remembered = rememberPosition({ x: 2100, y: 333 }, scaled150);
    expect(remembered).toEqual({ dx: 180, dy: 333 });
    expect(placePopup({ workArea: scaled150, size, corner: 'top-left', remembered })).toEqual({
      x: 2100,
      y: 333,
    });
  });

  it('has a sensible default size', () => {
    expect(POPUP_SIZE.width).toBeGreaterThanOrEqual(320);
    expect(POPUP_SIZE.height).toBeGreaterThanOrEqual(440);
  });
});
