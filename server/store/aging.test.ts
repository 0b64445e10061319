import { describe, expect, it } from 'vitest';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { SagaStore } from './saga-store';
import { AGING_BUCKETS, agingRows, bucketOf } from '../../lib/saga/aging';

describe('bucketOf', () => {
  it('puts each wait in the bucket whose upper bound it is below', () => {
    expect([0, 999, 1_000, 9_999, 10_000, 59_999, 60_000, 599_999, 600_000, 3_599_999, 3_600_000, 1e12].map(bucketOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(AGING_BUCKETS.map((b) => b.label)).toEqual(['< 1 s', '1-10 s', '10-60 s', '1-10 min', '10-60 min', '> 1 h']);
  });
});

describe('agingRows', () => {
  it('counts in-flight sagas by type, step and phase, bucketed by time since their last event; finished ones not at all', () => {
    const now = 1_000_000;
    const store = new SagaStore(ordersConfig(), () => now);
    store.apply(ev('p1', 'start', now - 500_000));
    store.apply(ev('p1', 'step-started', now - 500, 'payment'));
    store.apply(ev('p2', 'start', now - 500_000));
    store.apply(ev('p2', 'step-started', now - 30_000, 'payment'));
    store.apply(ev('p3', 'start', now - 500_000));
    store.apply(ev('p3', 'step-started', now - 31_000, 'payment'));
    store.apply(ev('done', 'start', now - 5_000));
    store.apply(ev('done', 'complete', now - 4_000));
    store.apply(ev('future', 'start', now + 60_000));
    const rows = agingRows(store.sagas.values(), (id) => id === 'p3', now);
    expect(rows).toEqual([
      { sagaType: 'orders', step: 'payment', compensating: false, counts: [1, 0, 2, 0, 0, 0], total: 3, stuck: 1 },
      { sagaType: 'orders', step: null, compensating: false, counts: [1, 0, 0, 0, 0, 0], total: 1, stuck: 0 },
    ]);
  });
});
