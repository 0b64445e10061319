import { describe, expect, it } from 'vitest';
import { MonitorConfig } from '../../lib/config/schema';
import { compileConfig } from '../../lib/saga/compiled-config';
import { SagaDetail, SagaSummary, StepDurationsResponse } from '../../lib/wire/rest';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { SagaStore } from './saga-store';

/** The store-test saga type (payment timeout 10 s, shipping 5 s) learning from 5 samples, threshold 3 x p99, floor 100 ms. */
function storeAt(start: number, maxFinished?: number) {
  const config = compileConfig(MonitorConfig.parse({ ...ordersConfig().config, slowSteps: { factor: 3, floorMs: 100, minSamples: 5 } }));
  const clock = { now: start };
  return { store: new SagaStore(config, () => clock.now, { maxFinished }), clock };
}

/** Completed payments of the given durations, each in a saga of its own that then completes. */
function learnPayments(store: SagaStore, durations: number[], at = 0): void {
  durations.forEach((d, i) => {
    const id = `learn-${at}-${i}`;
    store.apply(ev(id, 'start', at));
    store.apply(ev(id, 'step-started', at, 'payment', 10_000));
    store.apply(ev(id, 'step-completed', at + d, 'payment'));
    store.apply(ev(id, 'complete', at + d));
  });
}

/** Below 256 ms the histogram is exact, so the figures below are too. */
const FIVE = [100, 120, 150, 180, 200];

describe('SagaStore learned step durations', () => {
  it('learns each completed attempt once, from its start to its end, and nothing from failures', () => {
    const { store } = storeAt(0);
    learnPayments(store, FIVE);
    const redelivered = ev('learn-0-0', 'step-completed', 100, 'payment');
    store.apply({ ...redelivered, topic: 'other', offset: 'x' });
    store.apply(ev('f', 'step-started', 0, 'payment', 10_000));
    store.apply(ev('f', 'step-failed', 9_000, 'payment'));
    const body = StepDurationsResponse.parse(store.slowSteps.report());
    expect(body.items).toEqual([
      { sagaType: 'orders', step: 'payment', samples: 5, p50Ms: 150, p90Ms: 200, p99Ms: 200, maxMs: 200, slowAfterMs: 600 },
      { sagaType: 'orders', step: 'shipping', samples: 0, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null, slowAfterMs: null },
    ]);
    expect(body.slowSteps).toEqual({ factor: 3, floorMs: 100, minSamples: 5 });
  });

  it('learns a completion whose start is read after its reply', () => {
    const { store } = storeAt(0);
    store.apply(ev('late', 'start', 0));
    store.apply(ev('late', 'step-completed', 250, 'payment'));
    expect(store.slowSteps.durations.stats('orders', 'payment')!.samples).toBe(0);
    store.apply(ev('late', 'step-started', 50, 'payment', 10_000));
    expect(store.slowSteps.durations.stats('orders', 'payment')).toMatchObject({ samples: 1, p50Ms: 200 });
  });

  it('has no threshold, so no slow flag, before minSamples completions', () => {
    const { store, clock } = storeAt(0);
    learnPayments(store, FIVE.slice(0, 4));
    store.apply(ev('w', 'step-started', 1_000, 'payment', 10_000));
    clock.now = 9_999;
    store.tick();
    expect(store.summary('w')!.slow).toBeNull();
  });
});

describe('SagaStore slow steps', () => {
  it('counts slow sagas that are not stuck in the stats body', () => {
    const { store, clock } = storeAt(0);
    learnPayments(store, FIVE);
    for (const id of ['a', 'b']) {
      store.apply(ev(id, 'start', 1_000));
      store.apply(ev(id, 'step-started', 1_000, 'payment', 10_000));
    }
    expect(store.statsSnapshot(1_000).slow).toBe(0);
    clock.now = 1_600;
    store.tick();
    expect(store.statsSnapshot(1_600).slow).toBe(2);
    clock.now = 11_000;
    store.tick();
    // Both passed their 10 s timeout: stuck now, which the stuck count already says.
    expect(store.statsSnapshot(11_000).slow).toBe(0);
    expect(store.statsSnapshot(11_000).byStatus.stuck).toBe(2);
  });

  it('flags a step waiting past factor x p99 at that moment, with the figures, and clears it on the reply', () => {
    const { store, clock } = storeAt(0);
    learnPayments(store, FIVE);
    store.apply(ev('w', 'start', 1_000));
    store.apply(ev('w', 'step-started', 1_000, 'payment', 10_000));
    store.drainChanges();
    clock.now = 1_599;
    store.tick();
    expect(store.summary('w')!.slow).toBeNull();
    expect(store.drainChanges().changed).toEqual([]);
    clock.now = 1_600;
    store.tick();
    expect(store.drainChanges().changed).toEqual(['w']);
    const summary = SagaSummary.parse(store.summary('w'));
    expect(summary).toMatchObject({ status: 'in_progress', currentStep: 'payment' });
    expect(summary.slow).toEqual({ step: 'payment', since: 1_600, thresholdMs: 600, p50Ms: 150, p99Ms: 200, samples: 5, factor: 3 });
    expect(SagaDetail.parse(store.detail('w')).slow).toEqual(summary.slow);

    clock.now = 3_000;
    store.apply(ev('w', 'step-completed', 3_000, 'payment'));
    expect(store.summary('w')!.slow).toBeNull();
    expect(store.drainChanges().changed).toEqual(['w']);
  });

  it('judges the threshold again at the deadline with what was learned since', () => {
    const { store, clock } = storeAt(0);
    learnPayments(store, FIVE);
    store.apply(ev('w', 'step-started', 1_000, 'payment', 10_000));
    // Slower completions arrive while it waits: p99 is now 250 ms, the threshold 750 ms instead of 600.
    learnPayments(store, Array(20).fill(250), 500);
    clock.now = 1_600;
    store.tick();
    expect(store.summary('w')!.slow).toBeNull();
    clock.now = 1_749;
    store.tick();
    expect(store.summary('w')!.slow).toBeNull();
    clock.now = 1_750;
    store.tick();
    expect(store.summary('w')!.slow).toMatchObject({ since: 1_750, thresholdMs: 750, p99Ms: 250, samples: 25 });
  });

  it('never flags a step whose threshold is not below its hard timeout: it is stuck first', () => {
    const { store, clock } = storeAt(0);
    learnPayments(store, [3_000, 3_200, 3_400, 3_500, 3_600]);
    store.apply(ev('w', 'step-started', 0, 'payment', 10_000));
    clock.now = 20_000;
    store.tick();
    expect(store.summary('w')).toMatchObject({ status: 'stuck', slow: null });
  });

  it('does not flag a saga that is already stuck, and keeps the flag of one that becomes stuck after', () => {
    const { store, clock } = storeAt(0);
    learnPayments(store, FIVE);
    store.apply(ev('late', 'step-started', 0, 'payment', 10_000));
    clock.now = 60_000;
    store.tick();
    expect(store.summary('late')).toMatchObject({ status: 'stuck', slow: null });

    store.apply(ev('w', 'step-started', 60_000, 'payment', 10_000));
    clock.now = 61_500;
    store.tick();
    clock.now = 70_000;
    store.tick();
    expect(store.summary('w')).toMatchObject({ status: 'stuck', slow: { step: 'payment', since: 60_600 } });
  });

  it('clears the flag when the step is retried, and flags the new attempt from its own start', () => {
    const { store, clock } = storeAt(0);
    learnPayments(store, FIVE);
    store.apply(ev('w', 'step-started', 1_000, 'payment', 10_000));
    clock.now = 3_000;
    store.tick();
    expect(store.summary('w')!.slow).toMatchObject({ since: 1_600 });
    store.apply(ev('w', 'step-started', 3_000, 'payment', 10_000));
    expect(store.summary('w')!.slow).toBeNull();
    clock.now = 3_599;
    store.tick();
    expect(store.summary('w')!.slow).toBeNull();
    clock.now = 3_600;
    store.tick();
    expect(store.summary('w')!.slow).toMatchObject({ since: 3_600 });
  });

  it('clears the flag of a saga that finishes, and drops everything of a forgotten one', () => {
    const { store, clock } = storeAt(0, 5);
    learnPayments(store, FIVE);
    store.apply(ev('w', 'step-started', 1_000, 'payment', 10_000));
    clock.now = 3_000;
    store.tick();
    expect(store.slowSteps.slow.has('w')).toBe(true);
    store.apply(ev('w', 'fail', 3_000));
    expect(store.slowSteps.slow.has('w')).toBe(false);
    expect(store.summary('w')!.slow).toBeNull();
    learnPayments(store, FIVE, 4_000);
    expect(store.sagas.has('w')).toBe(false);
    expect(store.slowSteps.view('w')).toBeNull();
  });

  it('judges sagas already waiting once their step learns enough, as after a catch-up', () => {
    const { store, clock } = storeAt(0);
    store.apply(ev('w', 'step-started', 1_000, 'payment', 10_000));
    store.apply(ev('moved-on', 'step-started', 1_000, 'payment', 10_000));
    store.apply(ev('moved-on', 'step-failed', 1_050, 'payment'));
    learnPayments(store, FIVE.slice(0, 4));
    clock.now = 5_000;
    store.tick();
    expect(store.summary('w')!.slow).toBeNull();
    // The fifth completion gives payment its threshold: 3 x 200 ms.
    learnPayments(store, FIVE.slice(4), 100);
    store.tick();
    expect(store.summary('w')!.slow).toMatchObject({ step: 'payment', since: 1_600, thresholdMs: 600, samples: 5 });
    expect(store.summary('moved-on')!.slow).toBeNull();
  });

  it('has no deadline for a saga between steps or compensating', () => {
    const { store, clock } = storeAt(0);
    learnPayments(store, FIVE);
    store.apply(ev('between', 'start', 0));
    store.apply(ev('between', 'step-started', 0, 'payment', 10_000));
    store.apply(ev('between', 'step-completed', 100, 'payment'));
    clock.now = 29_000;
    store.tick();
    expect(store.summary('between')).toMatchObject({ phase: null, slow: null });
  });
});
