import { describe, expect, it } from 'vitest';
import { bucketStarts, bucketWindow, timeTicks } from './time-window';

describe('bucketWindow', () => {
  it.each([
    { name: 'mid-bucket', at: 1_000_005_000, start: 999_940_000, current: 1_000_000_000 },
    { name: 'on a boundary', at: 1_000_000_000, start: 999_940_000, current: 1_000_000_000 },
    { name: 'just before a boundary', at: 999_999_999, start: 999_930_000, current: 999_990_000 },
  ])('$name', ({ at, start, current }) => {
    expect(bucketWindow(at, 10_000, 60_000)).toEqual({ bucketMs: 10_000, start, current, lastComplete: current - 10_000 });
  });
});

describe('bucketStarts', () => {
  it.each([
    { from: 0, to: 30, step: 10, out: [0, 10, 20, 30] },
    { from: 10, to: 10, step: 10, out: [10] },
    { from: 20, to: 10, step: 10, out: [] },
  ])('$from..$to by $step', ({ from, to, step, out }) => {
    expect(bucketStarts(from, to, step)).toEqual(out);
  });
});

describe('timeTicks', () => {
  it.each([
    { from: 5, to: 35, step: 10, out: [10, 20, 30] },
    { from: 10, to: 30, step: 10, out: [10, 20, 30] },
    { from: 11, to: 19, step: 10, out: [] },
  ])('$from..$to by $step', ({ from, to, step, out }) => {
    expect(timeTicks(from, to, step)).toEqual(out);
  });
});
