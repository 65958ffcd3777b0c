// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createLatencyLog, latencyLines, quantile } from '../../../electron/core/latency';

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('latency log', () => {
  it('summarises each stage and the in-app time from received to painted', () => {
    const c = clock();
    const log = createLatencyLog({ now: c.now });
    for (let i = 0; i < 10; i++) {
      const trace = log.begin();
      trace.callId = `call-${i}`;
      trace.card = true;
      c.advance(1);
      log.mark(trace, 'applied');
      c.advance(2);
      log.mark(trace, 'pushed');
      c.advance(i === 9 ? 30 : 3); // one slow journal write
      log.mark(trace, 'committed');
      log.keep(trace);
      const pushed = trace.marks.pushed!;
      log.painted(`call-${i}`, pushed + 4, pushed + 10);
    }
    const s = log.summary();
    expect(s.events).toBe(10);
    expect(s.steps.map((x) => [`${x.from}→${x.to}`, x.p50, x.p95])).toEqual([
      ['received→applied', 1, 1],
      ['applied→pushed', 2, 2],
      ['pushed→rendered', 4, 4],
      ['rendered→painted', 6, 6],
      ['applied→committed', 5, 32],
      ['pushed→committed', 3, 30],
    ]);
    // The slow journal write does not show in the in-app time: the card was pushed before it.
    expect(s.inApp).toMatchObject({ count: 10, p50: 13, p95: 13, budgetMs: 16 });
    expect(latencyLines(s)[0]).toMatch(/p95 13\.0 ms of 10 \(budget 16 ms\)/);
  });

  it('keeps only traces of calls, and only the newest ones', () => {
    const log = createLatencyLog({ now: () => 0, size: 3 });
    log.keep(log.begin()); // no call: an open or a rejected argv
    for (let i = 0; i < 5; i++) {
      const t = log.begin();
      t.callId = String(i);
      log.keep(t);
    }
    expect(log.recent().map((t) => t.callId)).toEqual(['2', '3', '4']);
  });

  it('attaches a paint to the newest pushed event of the call, once', () => {
    const log = createLatencyLog({ now: () => 5 });
    const a = log.begin(1);
    a.callId = 'x';
    a.card = true;
    log.mark(a, 'pushed', 2);
    log.keep(a);
    const b = log.begin(3);
    b.callId = 'x';
    log.keep(b); // an update that pushed no card
    log.painted('x', 4, 6);
    log.painted('x', 40, 60);
    expect(a.marks).toMatchObject({ rendered: 4, painted: 6 });
    expect(b.marks.painted).toBeUndefined();
  });

  it('ignores a paint long after the event (the card shown again later)', () => {
    const log = createLatencyLog({ now: () => 0 });
    const t = log.begin(1_000);
    t.callId = 'y';
    t.card = true;
    log.mark(t, 'pushed', 1_001);
    log.keep(t);
    log.painted('y', 60_000, 60_010);
    expect(t.marks.painted).toBeUndefined();
  });

  it('quantile', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(
      quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 0.95),
    ).toBe(19);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
