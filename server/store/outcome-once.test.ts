/** Throughput counts each saga's outcome once through the store, whatever order its records are read in. */
import { describe, expect, it } from 'vitest';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { SagaStore } from './saga-store';

const totals = (store: SagaStore) => {
  const t = store.statsSnapshot(20_000).throughput;
  return { completed: t.reduce((n, p) => n + p.completed, 0), failed: t.reduce((n, p) => n + p.failed, 0) };
};

describe('SagaStore: each saga counted once in throughput', () => {
  it('a compensated saga reopened by a compensation read late, then compensated again, is one failure', () => {
    const store = new SagaStore(ordersConfig(), () => 20_000);
    store.apply(ev('o1', 'start', 0));
    // Read first: the payment's compensation done, which finishes the saga as compensated.
    store.apply(ev('o1', 'compensation-completed', 400, 'payment'));
    expect(store.summary('o1')!.status).toBe('compensated');
    // Then the shipping's compensation, stamped earlier, which ran before it.
    store.apply(ev('o1', 'compensation-started', 100, 'shipping'));
    expect(store.summary('o1')!.status).toBe('compensating');
    store.apply(ev('o1', 'compensation-completed', 200, 'shipping'));
    expect(store.summary('o1')!.status).toBe('compensated');
    expect(totals(store)).toEqual({ completed: 0, failed: 1 });
    expect(store.statsSnapshot(20_000).durations.orders.count).toBe(1);
  });
});
