import { describe, expect, it } from 'vitest';
import { linearScale } from './scale';

describe('linearScale', () => {
  it.each([
    { name: 'start', d: [1000, 2000], r: [100, 600], t: 1000, out: 100 },
    { name: 'end', d: [1000, 2000], r: [100, 600], t: 2000, out: 600 },
    { name: 'middle', d: [1000, 2000], r: [100, 600], t: 1500, out: 350 },
    { name: 'beyond the end extrapolates', d: [0, 10], r: [0, 100], t: 12, out: 120 },
    { name: 'empty domain pins to the start', d: [5, 5], r: [10, 90], t: 5, out: 10 },
  ])('$name', ({ d, r, t, out }) => {
    expect(linearScale(d[0], d[1], r[0], r[1])(t)).toBeCloseTo(out);
  });
});
