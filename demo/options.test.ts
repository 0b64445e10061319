import { describe, expect, it } from 'vitest';
import { DEFAULT_FAILURE_RATE, DEFAULT_RATE_PER_SECOND, describeOptions, resolveOptions } from './options';

describe('resolveOptions', () => {
  it('fills defaults', () => {
    const o = resolveOptions({});
    expect(o.sagaTypes).toEqual(['order-fulfilment', 'trip-booking']);
    expect(o.ratePerSecond).toEqual({ 'order-fulfilment': DEFAULT_RATE_PER_SECOND, 'trip-booking': DEFAULT_RATE_PER_SECOND });
    expect(o.failureRate).toEqual({ default: DEFAULT_FAILURE_RATE, steps: {} });
    expect(o.maxSagas).toBeNull();
    expect(o.topicPrefix).toBe('');
    expect(Number.isSafeInteger(o.seed)).toBe(true);
    expect(o.runTag).toMatch(/^[0-9a-z]+$/);
  });

  it('takes a rate per saga type', () => {
    expect(resolveOptions({ ratePerSecond: { 'trip-booking': 0 } }).ratePerSecond).toEqual({ 'order-fulfilment': DEFAULT_RATE_PER_SECOND, 'trip-booking': 0 });
  });

  it.each([
    [{ failureRate: 1.5 }, /failure rate/],
    [{ stuckRate: { car: -0.1 } }, /stuck rate \(car\)/],
    [{ failureRate: 0.6, stuckRate: { payment: 0.6 } }, /step payment .* above 1/],
    [{ ratePerSecond: -1 }, /rate for/],
    [{ latency: { minMs: 10, maxMs: 5 } }, /latency/],
    [{ maxSagas: -1 }, /maxSagas/],
    [{ sagaTypes: [] }, /no saga types/],
    [{ runTag: 'A B' }, /run tag/],
  ])('rejects %j', (input, message) => {
    expect(() => resolveOptions(input as never)).toThrow(message);
  });

  it('describes the effective settings, seed included', () => {
    const lines = describeOptions(resolveOptions({ seed: 9, latency: { default: { minMs: 1, maxMs: 2 }, car: { minMs: 3, maxMs: 3 } } }), ['k:9092']);
    expect(lines.join('\n')).toContain('seed:          9 (replay with --seed 9)');
    expect(lines.join('\n')).toContain('latency:       1-2 ms, car=3 ms');
  });
});

describe('skipCompensation', () => {
  it('defaults to none and keeps each named order step once', () => {
    expect(resolveOptions({}).skipCompensation).toEqual([]);
    expect(resolveOptions({ skipCompensation: ['payment', 'inventory', 'payment'] }).skipCompensation).toEqual(['payment', 'inventory']);
    expect(describeOptions(resolveOptions({ skipCompensation: ['payment'] }), ['k:9092']).join('\n')).toContain('compensation:  none for payment');
  });

  it.each([['flight'], ['refund']])('rejects %s, naming the known steps', (step) => {
    expect(() => resolveOptions({ skipCompensation: [step as never] })).toThrow(`skipCompensation: unknown step "${step}"; known steps: payment, inventory, shipping`);
  });
});
