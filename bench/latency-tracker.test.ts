import { describe, expect, it } from 'vitest';
import { LatencyTracker } from './latency-tracker';

describe('LatencyTracker', () => {
  it('counts each record from its own timestamp to the first update that carries it', () => {
    const t = new LatencyTracker();
    t.sentRecord('a', 1_000);
    t.sentRecord('a', 1_050);
    t.sentRecord('b', 1_020);
    // One coalesced update carries both records of a.
    t.received('a', 2, 1_100);
    t.received('b', 1, 1_120);
    const s = t.summary();
    expect(s).toMatchObject({ records: 3, carried: 3, notCarried: 0, max: 100 });
    expect(s.p50).toBe(100);
    expect(s.p99).toBe(100);
  });

  it('does not count a record twice when later updates repeat it', () => {
    const t = new LatencyTracker();
    t.sentRecord('a', 0);
    t.received('a', 1, 10);
    t.received('a', 1, 500);
    expect(t.summary()).toMatchObject({ carried: 1, max: 10 });
  });

  it('reports records no update carried and ignores sagas it did not send', () => {
    const t = new LatencyTracker();
    t.sentRecord('a', 0);
    t.sentRecord('a', 5);
    t.received('a', 1, 20);
    t.received('zzz', 4, 30);
    expect(t.summary()).toMatchObject({ records: 2, carried: 1, notCarried: 1, p50: 20 });
  });

  it('caps a count beyond what was sent (records from before the tracker started)', () => {
    const t = new LatencyTracker();
    t.sentRecord('a', 0);
    t.received('a', 7, 40);
    expect(t.summary()).toMatchObject({ carried: 1, notCarried: 0, p99: 40 });
  });

  it('gives NaN percentiles when nothing was carried', () => {
    expect(Number.isNaN(new LatencyTracker().summary().p50)).toBe(true);
  });
});
