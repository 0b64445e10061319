import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GENERATOR_TICK_MS, startGenerator } from './generator';

describe('startGenerator', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function spy(ratePerSecond: number, max: number | null) {
    const batches: Array<[number, number]> = [];
    const done = vi.fn();
    const g = startGenerator({ ratePerSecond, max, emit: (from, to) => batches.push([from, to]), onDone: done });
    return { batches, done, g };
  }

  it('starts one saga at once and then keeps the rate from the elapsed time, in batches', () => {
    const { batches, g } = spy(20, null);
    expect(batches).toEqual([[1, 1]]);
    vi.advanceTimersByTime(1000);
    expect(batches.at(-1)![1]).toBe(21);
    expect(batches.length).toBeLessThanOrEqual(1 + 1000 / GENERATOR_TICK_MS);
    g.stop();
  });

  it('stops at max and says so once', () => {
    const { batches, done } = spy(100, 30);
    vi.advanceTimersByTime(5000);
    expect(batches.at(-1)![1]).toBe(30);
    expect(done).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('produces nothing at rate 0 and counts as done', () => {
    const { batches, done } = spy(0, null);
    vi.advanceTimersByTime(1000);
    expect(batches).toEqual([]);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('stop() ends generation', () => {
    const { batches, g } = spy(10, null);
    g.stop();
    vi.advanceTimersByTime(1000);
    expect(batches).toEqual([[1, 1]]);
  });
});
