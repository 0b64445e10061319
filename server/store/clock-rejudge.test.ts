/** Stuck judged on a clock that steps back (the records' clock taken over from a monitor clock running ahead). */
import { describe, expect, it } from 'vitest';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { SagaStore } from './saga-store';

describe('SagaStore: a judging clock that steps back', () => {
  it('resolves the sagas it raised too early, and raises them again at their deadline', () => {
    const clock = { now: 60_000 };
    const store = new SagaStore(ordersConfig(), () => clock.now);
    store.apply(ev('o1', 'start', 0));
    store.apply(ev('o1', 'step-started', 55_000, 'payment', 10_000));
    store.apply(ev('o2', 'start', 0));
    store.tick();
    // o2 waits between steps (30 s) since 0: stuck by either clock. o1's payment is due at 65 s.
    expect([...store.stuck.keys()]).toEqual(['o2']);
    clock.now = 120_000;
    store.tick();
    expect([...store.stuck.keys()].sort()).toEqual(['o1', 'o2']);
    store.drainChanges();

    clock.now = 61_000;
    store.tick();
    expect([...store.stuck.keys()]).toEqual(['o2']);
    expect(store.summary('o1')!.status).toBe('in_progress');
    expect(store.drainChanges()).toMatchObject({ raised: [], resolved: ['o1'] });
    expect(store.statsSnapshot(61_000).byStatus).toMatchObject({ stuck: 1, in_progress: 1 });

    clock.now = 65_000;
    store.tick();
    expect(store.stuck.get('o1')).toMatchObject({ since: 65_000, step: 'payment' });
  });
});
