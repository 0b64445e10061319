import { describe, expect, it } from 'vitest';
import { growthBetween } from './memory-growth';

describe('growthBetween', () => {
  it('gives the marginal bytes per added saga and their share of the average before', () => {
    const g = growthBetween({ sagas: 200_000, rssBytes: 600e6, heapUsedBytes: 400e6 }, { sagas: 300_000, rssBytes: 650e6, heapUsedBytes: 450e6 });
    expect(g).toEqual({ extraSagas: 100_000, rssBytesPerExtraSaga: 500, heapBytesPerExtraSaga: 500, heapShareOfAverage: 0.25 });
  });

  it('refuses two points without added sagas', () => {
    expect(() => growthBetween({ sagas: 10, rssBytes: 1, heapUsedBytes: 1 }, { sagas: 10, rssBytes: 2, heapUsedBytes: 2 })).toThrow(/no more sagas/);
  });
});
