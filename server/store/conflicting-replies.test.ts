/** A late reply with the opposite outcome, through the store: status, stats and the finding on the drill-down. */
import { describe, expect, it } from 'vitest';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { SagaStore } from './saga-store';

describe('SagaStore: a late reply contradicting how a step ended', () => {
  it('keeps the saga in progress, counts its outcome once and shows a conflicting-replies finding', () => {
    const store = new SagaStore(ordersConfig(), () => 20_000);
    store.apply(ev('o1', 'start', 0));
    store.apply(ev('o1', 'step-started', 100, 'payment', 10_000));
    // The operator retries; attempt 2 is authorized, then attempt 1's decline comes late.
    store.apply(ev('o1', 'step-started', 9_000, 'payment', 10_000));
    store.apply(ev('o1', 'step-completed', 9_100, 'payment'));
    store.apply(ev('o1', 'step-failed', 9_200, 'payment'));
    expect(store.summary('o1')).toMatchObject({ status: 'in_progress', currentStep: 'payment' });
    expect(store.stats.count('failed')).toBe(0);
    const detail = store.detail('o1')!;
    expect(detail.steps[0]).toMatchObject({ status: 'completed', attempts: 2, endedAt: 9_100 });
    // No manual retry asked for attempt 2, so it is also a duplicate command.
    expect(detail.findings!.map((f) => [f.kind, f.step, f.at])).toEqual([
      ['duplicate-command', 'payment', 9_000],
      ['conflicting-replies', 'payment', 9_200],
    ]);
    expect(detail.findings![1].evidence.map((r) => r.topic)).toEqual(['t.step-started', 't.step-completed', 't.step-failed']);

    store.apply(ev('o1', 'step-started', 9_300, 'shipping', 5_000));
    store.apply(ev('o1', 'step-completed', 9_400, 'shipping'));
    store.apply(ev('o1', 'complete', 9_500));
    const stats = store.statsSnapshot(20_000);
    expect(stats.byStatus).toMatchObject({ completed: 1, failed: 0, in_progress: 0 });
    expect(stats.throughput.reduce((n, p) => n + p.completed, 0)).toBe(1);
    expect(stats.throughput.reduce((n, p) => n + p.failed, 0)).toBe(0);
    expect(stats.findings).toMatchObject({ 'conflicting-replies': 1 });
  });
});
