import { WINDOW_MS } from '../saga/stats';
import type { StatsResponse } from '../wire/rest';
import { bucketStarts, bucketWindow } from './time-window';

/** `count` is null where the server took no sample (before it started): a zero would claim nothing was stuck. */
export interface StuckPoint {
  t: number;
  count: number | null;
}

/** The stuck level per bucket of the last hour, the bucket filling included (its value is the peak so far). */
export function stuckSeries(stats: Pick<StatsResponse, 'at' | 'bucketMs' | 'stuckSeries'>, windowMs = WINDOW_MS): StuckPoint[] {
  const w = bucketWindow(stats.at, stats.bucketMs, windowMs);
  const known = new Map(stats.stuckSeries.map((p) => [p.t, p.count]));
  return bucketStarts(w.start, w.current, w.bucketMs).map((t) => ({ t, count: known.get(t) ?? null }));
}
