import { percentile, round } from './stats';

/** A long task as PerformanceObserver('longtask') reports it: the main thread was busy for `duration` ms. */
export interface LongTask {
  startTime: number;
  duration: number;
}

export interface LongTaskSummary {
  /** Every entry is a task over 50 ms: the browser reports nothing shorter as a long task. */
  over50ms: number;
  over100ms: number;
  over200ms: number;
  longestMs: number;
  p95Ms: number;
  /** Sum of each task's time beyond 50 ms, as Lighthouse counts blocking time. */
  totalBlockingMs: number;
  /** Main-thread time in long tasks as a share of the window. */
  busyShare: number;
}

/** The browser's definition of a long task: the threshold below which input still feels immediate. */
export const LONG_TASK_MS = 50;

/** Long tasks that started in [fromMs, toMs) of the page's clock, summarized for the results file. */
export function summarizeLongTasks(tasks: readonly LongTask[], fromMs: number, toMs: number): LongTaskSummary {
  const inWindow = tasks.filter((t) => t.startTime >= fromMs && t.startTime < toMs && t.duration > LONG_TASK_MS);
  const d = inWindow.map((t) => t.duration);
  const total = d.reduce((a, b) => a + b, 0);
  return {
    over50ms: d.length,
    over100ms: d.filter((x) => x > 100).length,
    over200ms: d.filter((x) => x > 200).length,
    longestMs: round(d.reduce((a, b) => Math.max(a, b), 0)),
    p95Ms: d.length > 0 ? round(percentile(d, 95)) : 0,
    totalBlockingMs: round(d.reduce((a, b) => a + (b - LONG_TASK_MS), 0)),
    busyShare: toMs > fromMs ? round(total / (toMs - fromMs), 3) : 0,
  };
}
