// Where the popup goes, as pure math in device-independent pixels (DIPs). Electron reports
// display work areas and window bounds in DIPs, so the same numbers are right at 100 %, 150 %
// and 200 % scaling; nothing here multiplies by a scale factor.

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}
export interface Rect extends Point, Size {}

/** Popup size in DIPs: room for one card with its wrap-up form. */
// Tall enough for one whole card with its wrap-up form (~410 px); more calls scroll inside.
export const POPUP_SIZE: Size = { width: 380, height: 460 };
/** Gap between the popup and the work area's edge (taskbar side included). */
export const POPUP_MARGIN = 12;

/** A position the agent chose, relative to the work area's top-left corner of its display. */
export interface RememberedPosition {
  dx: number;
  dy: number;
}

export function cornerPosition(
  area: Rect,
  size: Size,
  corner: Corner,
  margin = POPUP_MARGIN,
): Point {
  const left = area.x + margin;
  const top = area.y + margin;
  const right = area.x + area.width - size.width - margin;
  const bottom = area.y + area.height - size.height - margin;
  const x = corner.endsWith('left') ? left : right;
  const y = corner.startsWith('top') ? top : bottom;
  return clampInto({ x, y }, size, area);
}

/** Keeps the whole window inside `area`; a window larger than the area sticks to its top-left. */
export function clampInto(pos: Point, size: Size, area: Rect): Point {
  const maxX = area.x + Math.max(0, area.width - size.width);
  const maxY = area.y + Math.max(0, area.height - size.height);
  return {
    x: Math.round(Math.min(Math.max(pos.x, area.x), maxX)),
    y: Math.round(Math.min(Math.max(pos.y, area.y), maxY)),
  };
}

/**
 * The popup's top-left corner: the agent's remembered spot on this display when there is one
 * (clamped back in, because resolution, scaling or the taskbar may have changed since), else
 * the configured corner.
 */
export function placePopup(opts: {
  workArea: Rect;
  size: Size;
  corner: Corner;
  remembered?: RememberedPosition | null;
}): Point {
  const { workArea, size, corner, remembered } = opts;
  if (remembered && Number.isFinite(remembered.dx) && Number.isFinite(remembered.dy)) {
    return clampInto(
      { x: workArea.x + remembered.dx, y: workArea.y + remembered.dy },
      size,
      workArea,
    );
  }
  return cornerPosition(workArea, size, corner);
}

export function rememberPosition(bounds: Point, workArea: Rect): RememberedPosition {
  return { dx: Math.round(bounds.x - workArea.x), dy: Math.round(bounds.y - workArea.y) };
}
