import type { StatsResponse } from '../wire/rest';
import { p95ByType } from './durations';
import { completedPerMinute, failedLastHour, RATE_WINDOW_MS } from './throughput';

export interface TileValues {
  inProgress: number;
  compensating: number;
  /** Flagged slow by learned step durations, not stuck (absent from older servers: 0). */
  slow: number;
  stuck: number;
  failedLastHour: number;
  completedPerMinute: number;
  rateWindowMs: number;
  /** Slowest type first; empty until a saga has finished. */
  p95: { type: string; p95: number }[];
}

/** Everything the live tiles show, from one stats snapshot. */
export function tileValues(stats: StatsResponse): TileValues {
  return {
    inProgress: stats.byStatus.in_progress ?? 0,
    compensating: stats.byStatus.compensating ?? 0,
    slow: stats.slow ?? 0,
    stuck: stats.byStatus.stuck ?? 0,
    failedLastHour: failedLastHour(stats),
    completedPerMinute: completedPerMinute(stats),
    rateWindowMs: RATE_WINDOW_MS,
    p95: p95ByType(stats.durations),
  };
}
