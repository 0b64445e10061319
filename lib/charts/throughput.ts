import { WINDOW_MS } from '../saga/stats';
import type { StatsResponse, ThroughputPoint } from '../wire/rest';
import { bucketStarts, bucketWindow } from './time-window';

/** "Completed per minute" averages this much history: long enough to smooth 10 s buckets, short enough to be live. */
export const RATE_WINDOW_MS = 60_000;

type Throughput = Pick<StatsResponse, 'at' | 'bucketMs' | 'throughput'>;

function byBucket(points: ThroughputPoint[]): Map<number, ThroughputPoint> {
  return new Map(points.map((p) => [p.t, p]));
}

/**
 * One point per complete bucket of the last hour, zeros where nothing started or finished, so the time axis is
 * continuous. The bucket still filling is left out: it would always dip at the right edge.
 */
export function throughputSeries(stats: Throughput, windowMs = WINDOW_MS): ThroughputPoint[] {
  const w = bucketWindow(stats.at, stats.bucketMs, windowMs);
  const known = byBucket(stats.throughput);
  return bucketStarts(w.start, w.lastComplete, w.bucketMs).map(
    (t) => known.get(t) ?? { t, started: 0, completed: 0, failed: 0 },
  );
}

/** Failed or compensated finishes in every bucket the server keeps for the last hour, the one filling included. */
export function failedLastHour(stats: Throughput, windowMs = WINDOW_MS): number {
  const { start } = bucketWindow(stats.at, stats.bucketMs, windowMs);
  return stats.throughput.reduce((sum, p) => (p.t >= start && p.t <= stats.at ? sum + p.failed : sum), 0);
}

/** Completions per minute over the complete buckets of the last RATE_WINDOW_MS. */
export function completedPerMinute(stats: Throughput, rateWindowMs = RATE_WINDOW_MS): number {
  const { current } = bucketWindow(stats.at, stats.bucketMs, rateWindowMs);
  const from = current - rateWindowMs;
  const done = stats.throughput.reduce((sum, p) => (p.t >= from && p.t < current ? sum + p.completed : sum), 0);
  return (done * 60_000) / rateWindowMs;
}
