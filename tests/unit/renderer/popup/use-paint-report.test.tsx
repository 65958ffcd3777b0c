import { describe, expect, it, vi } from 'vitest';
import { render, waitFor } from '@testing-library/react';
import { usePaintReport, type PaintReport } from '../../../../renderer/src/popup/use-paint-report';

function Card({ id, report }: { id: string; report: PaintReport }) {
  usePaintReport(id, report);
  return <section role="dialog" aria-label={id} />;
}

describe('usePaintReport', () => {
  it('reports once per card, after the frame, with rendered ≤ painted on the epoch clock', async () => {
    const report = vi.fn<PaintReport>();
    const before = performance.timeOrigin + performance.now();
    const { rerender } = render(<Card id="c1" report={report} />);
    await waitFor(() => expect(report).toHaveBeenCalledTimes(1));
    const [callId, rendered, painted] = report.mock.calls[0]!;
    expect(callId).toBe('c1');
    expect(rendered).toBeGreaterThanOrEqual(before);
    expect(painted).toBeGreaterThanOrEqual(rendered);
    rerender(<Card id="c1" report={report} />); // an update of the same card: no new report
    rerender(<Card id="c2" report={report} />);
    await waitFor(() => expect(report).toHaveBeenCalledTimes(2));
    expect(report.mock.calls[1]![0]).toBe('c2');
  });

  it('does not report a card that is gone before its frame', async () => {
    const report = vi.fn<PaintReport>();
    const { unmount } = render(<Card id="gone" report={report} />);
    unmount();
    await new Promise((r) => setTimeout(r, 50));
    expect(report).not.toHaveBeenCalled();
  });
});
