import { describe, expect, it } from 'vitest';
import type { StatsResponse } from '../wire/rest';
import { tileValues } from './tiles';

const T = 1_000_000_000;
const base: StatsResponse = {
  at: T + 5_000,
  total: 0,
  byStatus: { in_progress: 0, stuck: 0, completed: 0, failed: 0, compensating: 0, compensated: 0 },
  byType: {},
  bucketMs: 10_000,
  throughput: [],
  durations: {},
  stuckSeries: [],
};

describe('tileValues', () => {
  it.each([
    {
      name: 'an idle monitor',
      stats: base,
      out: { inProgress: 0, compensating: 0, slow: 0, stuck: 0, failedLastHour: 0, completedPerMinute: 0, rateWindowMs: 60_000, p95: [] },
    },
    {
      name: 'a busy one',
      stats: {
        ...base,
        byStatus: { ...base.byStatus, in_progress: 7, stuck: 3, compensating: 2 },
        slow: 4,
        throughput: [
          { t: T - 3_610_000, started: 0, completed: 0, failed: 50 },
          { t: T - 50_000, started: 9, completed: 12, failed: 2 },
          { t: T, started: 9, completed: 40, failed: 1 },
        ],
        durations: { a: { count: 3, p50: 10, p95: 20, p99: 30 }, b: { count: 3, p50: 10, p95: 90, p99: 99 } },
      },
      out: {
        inProgress: 7,
        compensating: 2,
        slow: 4,
        stuck: 3,
        failedLastHour: 3,
        completedPerMinute: 12,
        rateWindowMs: 60_000,
        p95: [
          { type: 'b', p95: 90 },
          { type: 'a', p95: 20 },
        ],
      },
    },
  ])('$name', ({ stats, out }) => {
    expect(tileValues(stats)).toEqual(out);
  });
});
