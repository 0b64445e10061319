import { describe, expect, it } from 'vitest';
import { decideOutcome, outcomeContext, type Outcome, type OutcomeKnobs } from './outcome';

const knobs = (k: Partial<OutcomeKnobs> = {}): OutcomeKnobs => ({ seed: 1, failureRate: 0, stuckRate: 0, retried: false, ...k });
const ctx = (sagaId: string, phase: 'action' | 'compensation' = 'action') => outcomeContext(sagaId, 'order-fulfilment', 'payment', phase);

function tally(n: number, k: OutcomeKnobs, phase: 'action' | 'compensation' = 'action'): Record<Outcome, number> {
  const t: Record<Outcome, number> = { ok: 0, fail: 0, drop: 0 };
  for (let i = 1; i <= n; i++) t[decideOutcome(ctx(`ord-run-${i}`, phase), k)] += 1;
  return t;
}

describe('outcomeContext', () => {
  it('reads the ordinal from ids the demo made, for the right saga type', () => {
    expect(outcomeContext('ord-abc-12', 'order-fulfilment', 'payment', 'action').ordinal).toBe(12);
    expect(outcomeContext('trip-abc-12', 'order-fulfilment', 'payment', 'action').ordinal).toBeNull();
    expect(outcomeContext('order-77', 'order-fulfilment', 'payment', 'action').ordinal).toBeNull();
  });
});

describe('decideOutcome', () => {
  it('always succeeds at zero rates', () => {
    expect(tally(200, knobs())).toEqual({ ok: 200, fail: 0, drop: 0 });
  });

  it('fails and drops about the configured shares', () => {
    const t = tally(4000, knobs({ failureRate: 0.2, stuckRate: 0.1 }));
    expect(t.fail / 4000).toBeCloseTo(0.2, 1);
    expect(t.drop / 4000).toBeCloseTo(0.1, 1);
  });

  it('depends on seed and ordinal, not on the run tag', () => {
    const k = knobs({ failureRate: 0.3, stuckRate: 0.3 });
    const run = (tag: string, seed: number) => Array.from({ length: 50 }, (_, i) => decideOutcome(ctx(`ord-${tag}-${i + 1}`), { ...k, seed }));
    expect(run('aaa', 5)).toEqual(run('bbb', 5));
    expect(run('aaa', 5)).not.toEqual(run('aaa', 6));
  });

  it('never fails a compensation', () => {
    expect(tally(500, knobs({ failureRate: 1 }), 'compensation').fail).toBe(0);
    expect(decideOutcome(ctx('ord-a-1', 'compensation'), knobs({ force: () => 'fail' }))).toBe('ok');
  });

  it('never drops a retried record', () => {
    expect(tally(200, knobs({ stuckRate: 1, retried: true })).drop).toBe(0);
    expect(decideOutcome(ctx('ord-a-1'), knobs({ retried: true, force: () => 'drop' }))).toBe('ok');
  });

  it('lets a test force outcomes per saga and step, falling back to the roll', () => {
    const force: OutcomeKnobs['force'] = (c) => (c.ordinal === 2 ? 'fail' : c.ordinal === 3 ? 'drop' : undefined);
    const k = knobs({ force });
    expect([1, 2, 3].map((n) => decideOutcome(ctx(`ord-a-${n}`), k))).toEqual(['ok', 'fail', 'drop']);
  });
});
