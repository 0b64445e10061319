import { describe, expect, it } from 'vitest';
import type { StatsResponse } from '../wire/rest';
import { durationRows, p95ByType } from './durations';

type Durations = StatsResponse['durations'];

const d = (count: number, p50: number | null, p95: number | null, p99: number | null) => ({ count, p50, p95, p99 });

describe('durationRows', () => {
  it.each<{ name: string; durations: Durations; out: unknown[] }>([
    { name: 'empty', durations: {}, out: [] },
    {
      name: 'sorted by type name',
      durations: { 'trip-booking': d(2, 1, 2, 3), 'order-fulfilment': d(5, 4, 5, 6) },
      out: [
        { type: 'order-fulfilment', count: 5, p50: 4, p95: 5, p99: 6 },
        { type: 'trip-booking', count: 2, p50: 1, p95: 2, p99: 3 },
      ],
    },
  ])('$name', ({ durations, out }) => {
    expect(durationRows(durations)).toEqual(out);
  });
});

describe('p95ByType', () => {
  it.each<{ name: string; durations: Durations; out: unknown[] }>([
    { name: 'empty', durations: {}, out: [] },
    { name: 'types without finished sagas are left out', durations: { a: d(0, null, null, null), b: d(1, 1, 1, 1) }, out: [{ type: 'b', p95: 1 }] },
    {
      name: 'slowest first',
      durations: { a: d(9, 1, 200, 300), b: d(9, 1, 900, 950), c: d(9, 1, 500, 600) },
      out: [
        { type: 'b', p95: 900 },
        { type: 'c', p95: 500 },
        { type: 'a', p95: 200 },
      ],
    },
  ])('$name', ({ durations, out }) => {
    expect(p95ByType(durations)).toEqual(out);
  });
});
