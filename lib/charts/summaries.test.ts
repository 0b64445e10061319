import { describe, expect, it } from 'vitest';
import { durationSummary, stuckSummary, throughputSummary } from './summaries';

const clock = (t: number) => `@${t}`;

describe('throughputSummary', () => {
  it.each([
    { name: 'empty', series: [], out: 'No data yet.' },
    {
      name: 'latest bucket and totals',
      series: [
        { t: 10, started: 1000, completed: 2, failed: 1 },
        { t: 20, started: 4, completed: 3, failed: 0 },
      ],
      out: 'Latest 10 s from @20: 4 started, 3 completed, 0 failed. Whole chart: 1,004 started, 5 completed, 1 failed or compensated.',
    },
  ])('$name', ({ series, out }) => {
    expect(throughputSummary(series, 10_000, clock, 'en-US')).toBe(out);
  });
});

describe('durationSummary', () => {
  it.each([
    { name: 'empty', rows: [], out: 'No finished sagas yet.' },
    {
      name: 'one sentence per type',
      rows: [
        { type: 'a', count: 2000, p50: 800, p95: 1_500, p99: 12_000 },
        { type: 'b', count: 1, p50: null, p95: null, p99: null },
      ],
      out: 'a: p50 800 ms, p95 1.5 s, p99 12 s over 2,000 finished. b: p50 —, p95 —, p99 — over 1 finished.',
    },
  ])('$name', ({ rows, out }) => {
    expect(durationSummary(rows, 'en-US')).toBe(out);
  });
});

describe('stuckSummary', () => {
  it.each([
    { name: 'no samples', counts: [null, null], out: 'No samples yet.' },
    { name: 'latest sampled value and peak', counts: [null, 3, 1200, 7], out: '7 stuck now; peak 1,200 on this chart.' },
  ])('$name', ({ counts, out }) => {
    expect(stuckSummary(counts.map((count, t) => ({ t, count })), 'en-US')).toBe(out);
  });
});
