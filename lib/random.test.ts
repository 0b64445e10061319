import { describe, expect, it } from 'vitest';
import { createRng, derivedRng, hashString } from './random';

const draws = (seed: number | string, n = 5) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.float());
};

describe('createRng', () => {
  it('replays the same sequence from the same seed', () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws('abc')).toEqual(draws('abc'));
  });

  it('gives different sequences for different seeds', () => {
    expect(draws(1)).not.toEqual(draws(2));
  });

  it('stays in range', () => {
    const rng = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const f = rng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = rng.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
  });

  it('reaches both ends of an int range and is roughly uniform', () => {
    const rng = createRng(99);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[rng.int(0, 3)] += 1;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('makes tokens of base-36 characters', () => {
    expect(createRng(5).token(8)).toMatch(/^[0-9a-z]{8}$/);
  });

  it('refuses to pick from nothing', () => {
    expect(() => createRng(1).pick([])).toThrow();
  });
});

describe('derivedRng', () => {
  it('depends on every part', () => {
    expect(derivedRng(1, 'a', 'b').float()).toBe(derivedRng(1, 'a', 'b').float());
    expect(derivedRng(1, 'a', 'b').float()).not.toBe(derivedRng(1, 'a', 'c').float());
    expect(derivedRng(1, 'a').float()).not.toBe(derivedRng(2, 'a').float());
  });
});

describe('hashString', () => {
  it('is a 32-bit unsigned integer', () => {
    const h = hashString('order-fulfilment');
    expect(Number.isInteger(h)).toBe(true);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(2 ** 32);
  });
});
