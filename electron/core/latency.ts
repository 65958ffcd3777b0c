// The latency budget, measured: every 3CX event carries timestamps on one clock (Unix epoch
// milliseconds, sub-millisecond: performance.timeOrigin + performance.now(), which Chromium's
// renderer and a benchmark process read alike) for each stage it passes:
//   received (the endpoint read the request) → applied (tracker) → pushed (card data sent to
//   the windows) → committed (journal written) → rendered → painted (reported by the card).
// Kept for the last events only, summarised for diagnostics and the benchmark. The budget for
// received → painted is one frame: p95 ≤ 16 ms.
import {
  LATENCY_STAGES,
  type LatencyReport,
  type LatencyStage,
  type LatencyStep,
  type LatencySummary,
  type LatencyTrace,
} from '../../shared/ipc';

export const STAGES = LATENCY_STAGES;
export type Stage = LatencyStage;
export type EventTrace = LatencyTrace;
export type StageSummary = LatencyStep;
export type { LatencySummary };

export const IN_APP_BUDGET_MS = 16;

/** The steps reported: the path to the painted card, and the journal write beside it. */
export const PAIRS: ReadonlyArray<readonly [Stage, Stage]> = [
  ['received', 'applied'],
  ['applied', 'pushed'],
  ['pushed', 'rendered'],
  ['rendered', 'painted'],
  ['applied', 'committed'],
  ['pushed', 'committed'],
];

/** A paint reported this long after the event belongs to a later showing, not to this one. */
const PAINT_WINDOW_MS = 10_000;

export interface LatencyLog {
  /** A trace for one event; `receivedAt` is when the endpoint read it (else now). */
  begin(receivedAt?: number): EventTrace;
  mark(trace: EventTrace, stage: Stage, at?: number): void;
  /** Keeps a finished trace (one that belongs to a call). */
  keep(trace: EventTrace): void;
  /** The card of `callId` reports when it was rendered and painted (renderer clock = ours). */
  painted(callId: string, renderedAt: number, paintedAt: number): void;
  recent(): readonly EventTrace[];
  summary(): LatencySummary;
  report(): LatencyReport;
}

export const epochNow = (): number => performance.timeOrigin + performance.now();

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx]!;
}

export function createLatencyLog(options: { now?: () => number; size?: number } = {}): LatencyLog {
  const now = options.now ?? epochNow;
  const size = options.size ?? 200;
  const traces: EventTrace[] = [];

  const self: LatencyLog = {
    begin(receivedAt) {
      return { callId: null, type: null, card: false, marks: { received: receivedAt ?? now() } };
    },
    mark(trace, stage, at) {
      trace.marks[stage] ??= at ?? now();
    },
    keep(trace) {
      if (trace.callId === null) return;
      traces.push(trace);
      if (traces.length > size) traces.shift();
    },
    painted(callId, renderedAt, paintedAt) {
      // The newest event of this call that showed its card and has no paint yet.
      for (let i = traces.length - 1; i >= 0; i--) {
        const t = traces[i]!;
        if (t.callId !== callId || !t.card) continue;
        if (t.marks.painted !== undefined) return;
        if (paintedAt - (t.marks.received ?? paintedAt) > PAINT_WINDOW_MS) return;
        t.marks.rendered = renderedAt;
        t.marks.painted = paintedAt;
        return;
      }
    },
    recent: () => traces,
    summary() {
      const steps: StageSummary[] = [];
      for (const [from, to] of PAIRS) {
        const list = traces
          .filter((t) => t.marks[from] !== undefined && t.marks[to] !== undefined)
          .map((t) => t.marks[to]! - t.marks[from]!);
        if (list.length === 0) continue;
        steps.push({
          from,
          to,
          count: list.length,
          p50: quantile(list, 0.5),
          p95: quantile(list, 0.95),
        });
      }
      const inApp = traces
        .filter((t) => t.marks.painted !== undefined && t.marks.received !== undefined)
        .map((t) => t.marks.painted! - t.marks.received!);
      return {
        events: traces.length,
        steps,
        inApp: {
          count: inApp.length,
          p50: quantile(inApp, 0.5),
          p95: quantile(inApp, 0.95),
          budgetMs: IN_APP_BUDGET_MS,
        },
      };
    },
    report: () => ({
      summary: self.summary(),
      recent: traces.map((t) => ({ ...t, marks: { ...t.marks } })),
    }),
  };
  return self;
}

/** Lines for "Copy diagnostics". */
export function latencyLines(s: LatencySummary): string[] {
  const f = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '–');
  const lines = [
    `last ${s.events} events; in-app (received → painted) p50 ${f(s.inApp.p50)} · p95 ${f(s.inApp.p95)} of ${s.inApp.count} (budget ${s.inApp.budgetMs} ms)`,
  ];
  for (const st of s.steps)
    lines.push(`- ${st.from} → ${st.to}: p50 ${f(st.p50)} · p95 ${f(st.p95)} (${st.count})`);
  return lines;
}
