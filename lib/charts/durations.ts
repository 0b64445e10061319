import type { StatsResponse } from '../wire/rest';

export interface DurationRow {
  type: string;
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** One row per saga type, ordered by name so bars keep their place while values change. */
export function durationRows(durations: StatsResponse['durations']): DurationRow[] {
  return Object.entries(durations)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, d]) => ({ type, count: d.count, p50: d.p50, p95: d.p95, p99: d.p99 }));
}

/** Per-type p95, slowest first; percentiles of different types cannot be merged into one honest number. */
export function p95ByType(durations: StatsResponse['durations']): { type: string; p95: number }[] {
  return durationRows(durations)
    .flatMap((r) => (r.p95 === null ? [] : [{ type: r.type, p95: r.p95 }]))
    .sort((a, b) => b.p95 - a.p95);
}
