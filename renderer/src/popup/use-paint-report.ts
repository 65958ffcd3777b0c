// The last two marks of the latency budget: when a card is in the DOM and when the frame that
// shows it has been painted, on the clock main uses (epoch ms: performance.timeOrigin + now).
// Reported once per card after the paint, so reporting never delays it.
import { useLayoutEffect, useRef } from 'react';

export type PaintReport = (callId: string, renderedAt: number, paintedAt: number) => void;

const epochNow = (): number => performance.timeOrigin + performance.now();

export function usePaintReport(callId: string, report: PaintReport): void {
  const latest = useRef(report);
  useLayoutEffect(() => {
    latest.current = report;
  });
  useLayoutEffect(() => {
    const renderedAt = epochNow();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // requestAnimationFrame runs just before the frame is painted; a task queued from it runs
    // once that frame is on screen.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => latest.current(callId, renderedAt, epochNow()), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [callId]);
}
