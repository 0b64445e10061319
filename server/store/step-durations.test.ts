import { describe, expect, it } from 'vitest';
import { clampDuration, DURATION_WINDOW_MS, MAX_DURATION_MS, MIN_DURATION_MS, StepDurations } from './step-durations';

const TYPES = [
  { type: 'orders', steps: ['payment', 'shipping'] },
  { type: 'trips', steps: ['flight'] },
];

function durationsAt(start: number) {
  const clock = { now: start };
  return { d: new StepDurations(TYPES, () => clock.now), clock };
}

/** 1..n ms, once each: percentiles are then known exactly below 256 ms and within 1% above. */
function recordRange(d: StepDurations, type: string, step: string, n: number, offset = 0): void {
  for (let i = 1; i <= n; i++) d.record(type, step, offset + i);
}

describe('StepDurations', () => {
  it('reports samples, p50, p90, p99 and max per step', () => {
    const { d } = durationsAt(0);
    recordRange(d, 'orders', 'payment', 200);
    expect(d.stats('orders', 'payment')).toEqual({ samples: 200, p50Ms: 100, p90Ms: 180, p99Ms: 198, maxMs: 200 });
    expect(d.stats('orders', 'shipping')).toEqual({ samples: 0, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null });
  });

  it('keeps percentiles within 1% above the exact range', () => {
    const { d } = durationsAt(0);
    recordRange(d, 'orders', 'shipping', 10_000);
    const s = d.stats('orders', 'shipping')!;
    expect(s.samples).toBe(10_000);
    for (const [got, want] of [[s.p50Ms, 5_000], [s.p90Ms, 9_000], [s.p99Ms, 9_900], [s.maxMs, 10_000]] as const) {
      expect(Math.abs(got! - want) / want).toBeLessThanOrEqual(0.01);
    }
  });

  it('ignores saga types and steps the config does not name, and values that are not numbers', () => {
    const { d } = durationsAt(0);
    d.record('orders', 'refund', 10);
    d.record('nope', 'payment', 10);
    d.record('orders', 'payment', Number.NaN);
    expect(d.stats('orders', 'refund')).toBeNull();
    expect(d.stats('nope', 'payment')).toBeNull();
    expect(d.all().map((x) => [x.sagaType, x.step, x.stats.samples])).toEqual([
      ['orders', 'payment', 0],
      ['orders', 'shipping', 0],
      ['trips', 'flight', 0],
    ]);
  });

  it.each([
    ['a negative duration (reply stamped before its command)', -5_000, MIN_DURATION_MS],
    ['zero', 0, MIN_DURATION_MS],
    ['a fraction', 12.4, 12],
    ['a week', 7 * 86_400_000, MAX_DURATION_MS],
    ['infinity', Number.POSITIVE_INFINITY, MAX_DURATION_MS],
  ])('clamps %s into the histogram range', (_name, ms, want) => {
    expect(clampDuration(ms)).toBe(want);
    const { d } = durationsAt(0);
    d.record('trips', 'flight', ms);
    const s = d.stats('trips', 'flight')!;
    expect(s.samples).toBe(1);
    // The histogram reports the top of the value's bucket: within 1% of it.
    expect(Math.abs(s.maxMs! - want)).toBeLessThanOrEqual(want * 0.01);
  });

  it('follows recent behaviour: the previous window counts, the one before it is forgotten', () => {
    const { d, clock } = durationsAt(0);
    for (let i = 0; i < 100; i++) d.record('orders', 'payment', 100);
    clock.now = DURATION_WINDOW_MS;
    for (let i = 0; i < 100; i++) d.record('orders', 'payment', 200);
    expect(d.stats('orders', 'payment')).toMatchObject({ samples: 200, p50Ms: 100, p99Ms: 200 });
    clock.now = 2 * DURATION_WINDOW_MS;
    expect(d.stats('orders', 'payment')).toMatchObject({ samples: 100, p50Ms: 200, p99Ms: 200, maxMs: 200 });
    clock.now = 2 * DURATION_WINDOW_MS + 1;
    d.record('orders', 'payment', 50);
    expect(d.stats('orders', 'payment')).toMatchObject({ samples: 101, p50Ms: 200 });
  });

  it('forgets both windows after two windows without a sample', () => {
    const { d, clock } = durationsAt(0);
    recordRange(d, 'orders', 'payment', 50);
    clock.now = 2 * DURATION_WINDOW_MS;
    expect(d.stats('orders', 'payment')!.samples).toBe(0);
    d.record('orders', 'payment', 7);
    expect(d.stats('orders', 'payment')).toEqual({ samples: 1, p50Ms: 7, p90Ms: 7, p99Ms: 7, maxMs: 7 });
  });

  it('recentStats lags by less than 1% of the samples and is exact below that', () => {
    const { d } = durationsAt(0);
    recordRange(d, 'orders', 'payment', 30);
    expect(d.recentStats('orders', 'payment')!.samples).toBe(30);
    d.record('orders', 'payment', 31);
    // With 30 samples one more is over 1%: recomputed.
    expect(d.recentStats('orders', 'payment')!.samples).toBe(31);
    recordRange(d, 'orders', 'payment', 969, 31);
    expect(d.recentStats('orders', 'payment')!.samples).toBe(1_000);
    for (let i = 0; i < 10; i++) d.record('orders', 'payment', 5_000);
    expect(d.recentStats('orders', 'payment')!.samples).toBe(1_000);
    d.record('orders', 'payment', 5_000);
    expect(d.recentStats('orders', 'payment')!.samples).toBe(1_011);
    expect(d.stats('orders', 'payment')!.samples).toBe(1_011);
  });

  it('holds a million samples of one step in its fixed-size counts', () => {
    const { d } = durationsAt(0);
    for (let i = 0; i < 1_000_000; i++) d.record('orders', 'shipping', 1 + (i % 1_000));
    const s = d.stats('orders', 'shipping')!;
    expect(s.samples).toBe(1_000_000);
    expect(Math.abs(s.p50Ms! - 500) / 500).toBeLessThanOrEqual(0.01);
  });
});
