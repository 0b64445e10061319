import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from './cli-args';
import { resolveOptions } from './options';

const BROKERS = { KAFKA_BROKERS: '127.0.0.1:9092' };

function options(argv: string[], env: Record<string, string> = {}) {
  const r = parseCliArgs(argv, { ...BROKERS, ...env });
  if (r.kind !== 'run') throw new Error('expected a run');
  return r.options;
}

describe('parseCliArgs', () => {
  it('needs brokers', () => {
    expect(() => parseCliArgs([], {})).toThrow(/KAFKA_BROKERS/);
    expect(parseCliArgs(['--brokers', 'a:1,b:2'], {})).toEqual({ kind: 'run', brokers: ['a:1', 'b:2'], options: {} });
    expect(() => parseCliArgs([], { KAFKA_BROKERS: 'localhost' })).toThrow(/host:port/);
  });

  it('prints help without needing brokers', () => {
    expect(parseCliArgs(['-h'], {})).toEqual({ kind: 'help' });
  });

  it('reads every knob from flags', () => {
    const o = options([
      '--rate', '2,trip-booking=5',
      '--failure-rate', '0.1,inventory=0.3',
      '--stuck-rate', 'shipping=0.2',
      '--latency', '50-400,payment=100-300,shipping=200-800',
      '--seed', '42',
      '--sagas', 'trip-booking',
      '--max-sagas', '40',
      '--topic-prefix', 't1.',
      '--run-tag', 'abc',
    ]);
    expect(o).toEqual({
      ratePerSecond: { 'order-fulfilment': 2, 'trip-booking': 5 },
      failureRate: { default: 0.1, inventory: 0.3 },
      stuckRate: { shipping: 0.2 },
      latency: { default: { minMs: 50, maxMs: 400 }, payment: { minMs: 100, maxMs: 300 }, shipping: { minMs: 200, maxMs: 800 } },
      seed: 42,
      sagaTypes: ['trip-booking'],
      maxSagas: 40,
      topicPrefix: 't1.',
      runTag: 'abc',
    });
    expect(() => resolveOptions(o)).not.toThrow();
  });

  it('reads env vars and lets flags win', () => {
    const env = { DEMO_RATE: '7', DEMO_SEED: '1', DEMO_SAGAS: 'all', DEMO_LATENCY: '10' };
    expect(options(['--seed', '2'], env)).toEqual({
      ratePerSecond: 7,
      seed: 2,
      sagaTypes: ['order-fulfilment', 'trip-booking'],
      latency: { default: { minMs: 10, maxMs: 10 } },
    });
  });

  it.each([
    [['--rate', 'fast']],
    [['--rate', 'orders=1']],
    [['--latency', 'payment=400-50']],
    [['--seed', '-1']],
    [['--max-sagas', '2.5']],
    [['--sagas', 'order-fulfilment,orders']],
    [['--frobnicate', '1']],
    [['--skip-compensation', 'payment,hotel']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliArgs(argv, BROKERS)).toThrow();
  });

  it('reads --skip-compensation (or its env var) as order steps, and --help lists it', () => {
    expect(options(['--skip-compensation', 'payment, inventory']).skipCompensation).toEqual(['payment', 'inventory']);
    expect(options([], { DEMO_SKIP_COMPENSATION: 'shipping' }).skipCompensation).toEqual(['shipping']);
    expect(() => options(['--skip-compensation', 'car'])).toThrow('--skip-compensation: unknown step "car"; known steps: payment, inventory, shipping');
    expect(USAGE).toMatch(/--skip-compensation LIST .*payment,inventory/);
  });
});
