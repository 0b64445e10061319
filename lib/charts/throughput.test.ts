import { describe, expect, it } from 'vitest';
import type { ThroughputPoint } from '../wire/rest';
import { completedPerMinute, failedLastHour, throughputSeries } from './throughput';

const B = 10_000;
const p = (t: number, started: number, completed: number, failed: number): ThroughputPoint => ({ t, started, completed, failed });
const zero = (t: number) => p(t, 0, 0, 0);
// `at` is 5 s into the bucket starting at T; the window below is one minute so cases stay readable.
const T = 1_000_000_000;
const AT = T + 5_000;
const MINUTE = 60_000;

describe('throughputSeries', () => {
  it.each([
    {
      name: 'no data: zeros over the whole window, current bucket left out',
      points: [],
      out: [T - 6 * B, T - 5 * B, T - 4 * B, T - 3 * B, T - 2 * B, T - B].map(zero),
    },
    {
      name: 'gaps filled with zeros, known buckets kept',
      points: [p(T - 5 * B, 3, 1, 0), p(T - 2 * B, 4, 2, 1), p(T, 9, 9, 9)],
      out: [zero(T - 6 * B), p(T - 5 * B, 3, 1, 0), zero(T - 4 * B), zero(T - 3 * B), p(T - 2 * B, 4, 2, 1), zero(T - B)],
    },
    {
      name: 'buckets outside the window are dropped',
      points: [p(T - 20 * B, 1, 1, 1), p(T - B, 2, 2, 2)],
      out: [...[T - 6 * B, T - 5 * B, T - 4 * B, T - 3 * B, T - 2 * B].map(zero), p(T - B, 2, 2, 2)],
    },
  ])('$name', ({ points, out }) => {
    expect(throughputSeries({ at: AT, bucketMs: B, throughput: points }, MINUTE)).toEqual(out);
  });

  it('covers an hour with 360 complete buckets by default', () => {
    const s = throughputSeries({ at: AT, bucketMs: B, throughput: [] });
    expect(s).toHaveLength(360);
    expect(s[0].t).toBe(T - 360 * B);
    expect(s.at(-1)!.t).toBe(T - B);
  });
});

describe('failedLastHour', () => {
  it.each([
    { name: 'empty', points: [], out: 0 },
    { name: 'sums the window including the bucket filling', points: [p(T - 6 * B, 0, 0, 2), p(T - B, 0, 0, 3), p(T, 0, 0, 4)], out: 9 },
    { name: 'ignores buckets older than the window', points: [p(T - 7 * B, 0, 0, 100), p(T - B, 0, 0, 1)], out: 1 },
  ])('$name', ({ points, out }) => {
    expect(failedLastHour({ at: AT, bucketMs: B, throughput: points }, MINUTE)).toBe(out);
  });
});

describe('completedPerMinute', () => {
  it.each([
    { name: 'empty', points: [], window: MINUTE, out: 0 },
    {
      name: 'last six complete buckets, not the one filling nor older ones',
      points: [p(T - 7 * B, 0, 50, 0), p(T - 6 * B, 0, 6, 0), p(T - B, 0, 4, 0), p(T, 0, 70, 0)],
      window: MINUTE,
      out: 10,
    },
    { name: 'a 30 s window is scaled to a minute', points: [p(T - 3 * B, 0, 5, 0), p(T - B, 0, 1, 0)], window: 30_000, out: 12 },
  ])('$name', ({ points, window, out }) => {
    expect(completedPerMinute({ at: AT, bucketMs: B, throughput: points }, window)).toBe(out);
  });
});
