import { describe, expect, it } from 'vitest';
import { stuckSeries } from './stuck-series';

const B = 10_000;
const T = 1_000_000_000;

describe('stuckSeries', () => {
  it.each([
    {
      name: 'no samples: nulls, not zeros',
      samples: [],
      out: [null, null, null, null, null, null, null],
    },
    {
      name: 'before the first sample null, then the sampled levels, current bucket included',
      samples: [
        { t: T - 3 * B, count: 0 },
        { t: T - 2 * B, count: 4 },
        { t: T - B, count: 2 },
        { t: T, count: 3 },
      ],
      out: [null, null, null, 0, 4, 2, 3],
    },
    {
      name: 'samples older than the window are dropped',
      samples: [{ t: T - 9 * B, count: 7 }, { t: T, count: 1 }],
      out: [null, null, null, null, null, null, 1],
    },
  ])('$name', ({ samples, out }) => {
    const s = stuckSeries({ at: T + 1_000, bucketMs: B, stuckSeries: samples }, 60_000);
    expect(s.map((p) => p.t)).toEqual([6, 5, 4, 3, 2, 1, 0].map((k) => T - k * B));
    expect(s.map((p) => p.count)).toEqual(out);
  });
});
