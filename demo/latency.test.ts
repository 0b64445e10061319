import { describe, expect, it } from 'vitest';
import { formatLatency, parseLatencyRange, sampleLatency } from './latency';
import { createRng } from '../lib/random';

describe('parseLatencyRange', () => {
  it.each([
    ['50-400', { minMs: 50, maxMs: 400 }],
    [' 10 - 20 ', { minMs: 10, maxMs: 20 }],
    ['120', { minMs: 120, maxMs: 120 }],
    ['0-0', { minMs: 0, maxMs: 0 }],
  ])('parses %j', (spec, range) => {
    expect(parseLatencyRange(spec)).toEqual(range);
  });

  it.each(['', 'fast', '400-50', '-5', '1.5-3', '10-90000'])('rejects %j', (spec) => {
    expect(() => parseLatencyRange(spec)).toThrow();
  });
});

describe('sampleLatency', () => {
  it('stays within the range and reaches both ends', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const ms = sampleLatency({ minMs: 5, maxMs: 8 }, rng);
      expect(ms).toBeGreaterThanOrEqual(5);
      expect(ms).toBeLessThanOrEqual(8);
      seen.add(ms);
    }
    expect([...seen].sort()).toEqual([5, 6, 7, 8]);
  });
});

describe('formatLatency', () => {
  it('shows a fixed latency as one number', () => {
    expect(formatLatency({ minMs: 7, maxMs: 7 })).toBe('7 ms');
    expect(formatLatency({ minMs: 50, maxMs: 400 })).toBe('50-400 ms');
  });
});
