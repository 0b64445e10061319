import { describe, expect, it } from 'vitest';
import { knobFor } from './step-knob';
import { resolveOptions } from './options';
import { setStepLatency } from './set-latency';

const opts = () => resolveOptions({ seed: 1, latency: { default: { minMs: 20, maxMs: 80 }, car: { minMs: 5, maxMs: 5 } } });

describe('setStepLatency', () => {
  it('changes one step and keeps the default and the other overrides', () => {
    const o = opts();
    setStepLatency(o, 'shipping', { minMs: 3_000, maxMs: 3_500 });
    expect(knobFor(o.latency, 'shipping')).toEqual({ minMs: 3_000, maxMs: 3_500 });
    expect(knobFor(o.latency, 'payment')).toEqual({ minMs: 20, maxMs: 80 });
    expect(knobFor(o.latency, 'car')).toEqual({ minMs: 5, maxMs: 5 });
    setStepLatency(o, 'shipping', { minMs: 10, maxMs: 10 });
    expect(knobFor(o.latency, 'shipping')).toEqual({ minMs: 10, maxMs: 10 });
  });

  it.each([
    ['min above max', 'shipping', { minMs: 500, maxMs: 100 }, /0 <= min <= max/],
    ['a negative delay', 'shipping', { minMs: -1, maxMs: 100 }, /0 <= min <= max/],
    ['a fraction of a ms', 'payment', { minMs: 1.5, maxMs: 2 }, /whole milliseconds/],
    ['past the cap', 'shipping', { minMs: 0, maxMs: 60_001 }, /above the 60000 ms cap/],
    ['an unknown step', 'shiping', { minMs: 1, maxMs: 2 }, /unknown step "shiping"/],
  ])('refuses %s and changes nothing', (_name, step, range, error) => {
    const o = opts();
    const before = o.latency;
    expect(() => setStepLatency(o, step as never, range)).toThrow(error);
    expect(o.latency).toBe(before);
  });
});
