import { describe, expect, it } from 'vitest';
import { sameRows } from './same-rows';

const row = { t: 1, a: 2, b: null };

describe('sameRows', () => {
  it.each([
    { name: 'both empty', a: [], b: [], out: true },
    { name: 'equal values, different objects', a: [{ ...row }], b: [{ ...row }], out: true },
    { name: 'different length', a: [row], b: [row, row], out: false },
    { name: 'one value differs', a: [row], b: [{ ...row, a: 3 }], out: false },
    { name: 'null vs zero differ', a: [row], b: [{ ...row, b: 0 }], out: false },
    { name: 'extra key', a: [row], b: [{ ...row, c: 1 }], out: false },
  ])('$name', ({ a, b, out }) => {
    expect(sameRows<object>(a, b)).toBe(out);
  });
});
