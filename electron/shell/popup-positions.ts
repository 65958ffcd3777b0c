// Where the agent dragged the popup, per display id, in a small JSON file in the data
// directory. Plain Node: the path comes in, writes are atomic, a corrupt or missing file is an
// empty memory (never an error that stops a popup).
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/settings-store';
import type { RememberedPosition } from './popup-placement';

export const POSITIONS_FILE = 'popup-positions.json';

export interface PopupPositions {
  get(displayId: string): RememberedPosition | null;
  set(displayId: string, position: RememberedPosition): void;
}

type Stored = Record<string, RememberedPosition>;

function isPosition(v: unknown): v is RememberedPosition {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return Number.isFinite(p.dx) && Number.isFinite(p.dy);
}

function read(file: string): Stored {
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const out: Stored = {};
    for (const [id, pos] of Object.entries(raw))
      if (isPosition(pos)) out[id] = { dx: pos.dx, dy: pos.dy };
    return out;
  } catch {
    return {};
  }
}

export function createPopupPositions(
  file: string,
  onError?: (err: unknown) => void,
): PopupPositions {
  let stored: Stored | null = null;
  const load = (): Stored => (stored ??= read(file));
  return {
    get: (displayId) => load()[displayId] ?? null,
    set(displayId, position) {
      const next = { ...load(), [displayId]: { dx: position.dx, dy: position.dy } };
      stored = next;
      try {
        writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
      } catch (err) {
        onError?.(err);
      }
    },
  };
}
