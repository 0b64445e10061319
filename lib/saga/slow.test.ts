import { describe, expect, it } from 'vitest';
import { SlowStepsConfig } from '../config/schema';
import { isSlowAt, slowAfterMs, slowDeadline, slowInfo } from './slow';

const cfg = SlowStepsConfig.parse({ factor: 3, floorMs: 500, minSamples: 30 });

describe('slowAfterMs', () => {
  it.each([
    ['nothing learned', { samples: 0, p99Ms: null }, cfg, null],
    ['one sample short of minSamples', { samples: 29, p99Ms: 1_000 }, cfg, null],
    ['exactly minSamples', { samples: 30, p99Ms: 1_000 }, cfg, 3_000],
    ['factor x p99 below the floor', { samples: 100, p99Ms: 100 }, cfg, 500],
    ['factor x p99 equal to the floor', { samples: 100, p99Ms: 250 }, { ...cfg, floorMs: 750 }, 750],
    ['a fractional factor rounds up to whole ms', { samples: 100, p99Ms: 401 }, { ...cfg, factor: 1.5 }, 602],
    ['a zero floor', { samples: 1, p99Ms: 1 }, { factor: 2, floorMs: 0, minSamples: 1 }, 2],
  ])('%s', (_name, d, c, want) => {
    expect(slowAfterMs(d, c)).toBe(want);
  });
});

describe('slowDeadline and isSlowAt', () => {
  const running = { status: 'running' as const, startedAt: 10_000 };
  it.each([
    ['a running step with a threshold below its timeout', running, 3_000, 8_000, 13_000],
    ['no timeout at all: only the threshold counts', running, 3_000, null, 13_000],
    ['threshold equal to the hard timeout: stuck comes first', running, 8_000, 8_000, null],
    ['threshold above the hard timeout', running, 9_000, 8_000, null],
    ['nothing learned yet', running, null, 8_000, null],
    ['a completed step', { status: 'completed' as const, startedAt: 10_000 }, 3_000, 8_000, null],
    ['a compensating step', { status: 'compensating' as const, startedAt: 10_000 }, 3_000, 8_000, null],
    ['a running step without a known start', { status: 'running' as const, startedAt: null }, 3_000, 8_000, null],
  ])('%s', (_name, step, after, timeout, want) => {
    expect(slowDeadline(step, after, timeout)).toBe(want);
    if (want === null) {
      expect(isSlowAt(step, Number.MAX_SAFE_INTEGER, after, timeout)).toBe(false);
    } else {
      expect(isSlowAt(step, want - 1, after, timeout)).toBe(false);
      expect(isSlowAt(step, want, after, timeout)).toBe(true);
    }
  });
});

describe('slowInfo', () => {
  it('names the step, when it crossed, and the figures it was judged by', () => {
    expect(slowInfo({ name: 'shipping', startedAt: 1_000 }, { samples: 40, p50Ms: 60, p99Ms: 200 }, cfg)).toEqual({
      step: 'shipping',
      stepStartedAt: 1_000,
      since: 1_600,
      thresholdMs: 600,
      p50Ms: 60,
      p99Ms: 200,
      samples: 40,
      factor: 3,
    });
  });

  it.each([
    ['too few samples', { name: 'shipping', startedAt: 1_000 }, { samples: 3, p50Ms: 60, p99Ms: 200 }],
    ['nothing learned', { name: 'shipping', startedAt: 1_000 }, { samples: 0, p50Ms: null, p99Ms: null }],
    ['no start', { name: 'shipping', startedAt: null }, { samples: 40, p50Ms: 60, p99Ms: 200 }],
  ])('is null with %s', (_name, step, d) => {
    expect(slowInfo(step, d, cfg)).toBeNull();
  });
});
