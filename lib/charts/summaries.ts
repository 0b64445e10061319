import type { ThroughputPoint } from '../wire/rest';
import type { DurationRow } from './durations';
import { formatAge, formatCount, formatDuration } from '../format';
import type { StuckPoint } from './stuck-series';

/** Text versions of the charts for screen readers: the latest values and the totals a sighted user reads off. */

export function throughputSummary(
  series: ThroughputPoint[],
  bucketMs: number,
  clock: (t: number) => string,
  locale?: string,
): string {
  const last = series.at(-1);
  if (!last) return 'No data yet.';
  const n = (x: number) => formatCount(x, locale);
  const sum = (k: 'started' | 'completed' | 'failed') => series.reduce((s, p) => s + p[k], 0);
  return (
    `Latest ${formatAge(bucketMs)} from ${clock(last.t)}: ${n(last.started)} started, ${n(last.completed)} completed, ${n(last.failed)} failed. ` +
    `Whole chart: ${n(sum('started'))} started, ${n(sum('completed'))} completed, ${n(sum('failed'))} failed or compensated.`
  );
}

export function durationSummary(rows: DurationRow[], locale?: string): string {
  if (rows.length === 0) return 'No finished sagas yet.';
  return rows
    .map(
      (r) =>
        `${r.type}: p50 ${formatDuration(r.p50)}, p95 ${formatDuration(r.p95)}, p99 ${formatDuration(r.p99)} ` +
        `over ${formatCount(r.count, locale)} finished.`,
    )
    .join(' ');
}

export function stuckSummary(series: StuckPoint[], locale?: string): string {
  const sampled = series.flatMap((p) => (p.count === null ? [] : [p.count]));
  if (sampled.length === 0) return 'No samples yet.';
  const now = sampled[sampled.length - 1];
  return `${formatCount(now, locale)} stuck now; peak ${formatCount(Math.max(...sampled), locale)} on this chart.`;
}
