import { describe, expect, it } from 'vitest';
import { ev, ordersConfig, twoTypesConfig } from '../../testing/fixtures/events';
import { SagaStore } from './saga-store';

function storeAt(start: number) {
  const clock = { now: start };
  const store = new SagaStore(ordersConfig(), () => clock.now);
  return { store, clock };
}

describe('SagaStore stuck detection', () => {
  it('raises stuck at the step timeout, not before, and resolves on the next event', () => {
    const { store, clock } = storeAt(1_000);
    store.apply(ev('o1', 'start', 1_000));
    store.apply(ev('o1', 'step-started', 1_000, 'payment', 10_000));
    clock.now = 10_999;
    store.tick();
    expect(store.summary('o1')!.status).toBe('in_progress');
    clock.now = 11_000;
    store.tick();
    const changes = store.drainChanges();
    expect(store.summary('o1')).toMatchObject({ status: 'stuck', stuckSince: 11_000, currentStep: 'payment' });
    expect(changes.raised).toHaveLength(1);
    expect(changes.raised[0]).toMatchObject({ sagaId: 'o1', step: 'payment', thresholdMs: 10_000 });
    expect(changes.raised[0].reason).toContain('Paid on payment.events');

    clock.now = 12_000;
    store.apply(ev('o1', 'step-completed', 12_000, 'payment'));
    expect(store.summary('o1')!.status).toBe('in_progress');
    expect(store.drainChanges().resolved).toEqual(['o1']);
    expect(store.stats.count('stuck')).toBe(0);
  });

  it('uses stuckAfterMs between steps and never marks a finished saga', () => {
    const { store, clock } = storeAt(0);
    store.apply(ev('a', 'start', 0));
    store.apply(ev('b', 'start', 0));
    store.apply(ev('b', 'complete', 100));
    clock.now = 29_999;
    store.tick();
    expect(store.stuck.size).toBe(0);
    clock.now = 30_000;
    store.tick();
    expect([...store.stuck.keys()]).toEqual(['a']);
    expect(store.summary('b')!.status).toBe('completed');
  });

  it('keeps a saga stuck when a late record older than its deadline arrives', () => {
    const { store, clock } = storeAt(0);
    store.apply(ev('a', 'step-started', 5_000, 'payment', 10_000));
    clock.now = 20_000;
    store.tick();
    store.apply(ev('a', 'start', 1_000));
    expect(store.summary('a')!.status).toBe('stuck');
    expect(store.drainChanges().resolved).toEqual([]);
  });

  it('counts each saga once per status in stats and reports changed ids once per drain', () => {
    const { store } = storeAt(0);
    store.apply(ev('a', 'start', 0));
    store.apply(ev('a', 'step-started', 1, 'payment'));
    store.apply(ev('b', 'start', 2));
    expect(store.drainChanges().changed.sort()).toEqual(['a', 'b']);
    expect(store.drainChanges().changed).toEqual([]);
    store.apply(ev('a', 'complete', 3));
    const snap = store.stats.snapshot(10);
    expect(snap.byStatus).toMatchObject({ in_progress: 1, completed: 1 });
    expect(snap.total).toBe(2);
  });

  it('ignores a redelivered record', () => {
    const { store } = storeAt(0);
    const e = ev('a', 'step-started', 1, 'payment');
    store.apply(e);
    store.apply({ ...e });
    expect(store.detail('a')!.steps[0].attempts).toBe(1);
    expect(store.applied).toBe(1);
  });
});

describe('SagaStore throughput', () => {
  it('counts a compensated saga once as failed, however many statuses it passes through', () => {
    const { store } = storeAt(0);
    store.apply(ev('a', 'start', 0));
    store.apply(ev('a', 'step-started', 10, 'payment'));
    store.apply(ev('a', 'step-completed', 20, 'payment'));
    store.apply(ev('a', 'step-started', 30, 'shipping'));
    store.apply(ev('a', 'step-failed', 40, 'shipping'));
    store.apply(ev('a', 'compensation-started', 50, 'payment'));
    store.apply(ev('a', 'compensation-completed', 60, 'payment'));
    store.apply(ev('a', 'fail', 70));
    const snap = store.stats.snapshot(100);
    expect(snap.byStatus.compensated).toBe(1);
    expect(snap.throughput.reduce((n, p) => n + p.failed, 0)).toBe(1);
    expect(snap.throughput.reduce((n, p) => n + p.started, 0)).toBe(1);
    expect(snap.durations.orders).toMatchObject({ count: 1, p50: 60 });
  });
});

describe('SagaStore finished-saga cap', () => {
  it('forgets the finished saga that finished longest ago, never an in-flight one, and counts what it forgot', () => {
    const store = new SagaStore(ordersConfig(), () => 0, { maxFinished: 3 });
    store.apply(ev('in-flight', 'start', 1));
    for (let i = 0; i < 5; i++) {
      store.apply(ev(`done-${i}`, 'start', 10 + i));
      store.apply(ev(`done-${i}`, 'complete', 20 + i));
    }
    expect([...store.sagas.keys()].sort()).toEqual(['done-2', 'done-3', 'done-4', 'in-flight']);
    expect(store.forgotten).toBe(2);
    expect(store.summary('done-0')).toBeNull();
    expect(store.drainChanges().changed).not.toContain('done-0');
  });

  it('forgets by end time, equal ends in id order, whatever order the sagas were read in', () => {
    const store = new SagaStore(ordersConfig(), () => 0, { maxFinished: 2 });
    for (const id of ['b', 'a']) {
      store.apply(ev(id, 'start', 1));
      store.apply(ev(id, 'complete', 2));
    }
    store.apply(ev('c', 'start', 4));
    store.apply(ev('c', 'complete', 5));
    expect([...store.sagas.keys()].sort()).toEqual(['b', 'c']);
    expect(store.forgotten).toBe(1);
  });
});

describe('SagaStore finished-saga cap past the timeline cap', () => {
  it('the sagas that ended first lose their timeline, then are forgotten; a late record does not make one newer', () => {
    const store = new SagaStore(ordersConfig(), () => 0, { maxFinished: 6, maxWithDetail: 3 });
    const id = (i: number) => `f-${i}`;
    for (let i = 0; i < 8; i++) {
      store.apply(ev(id(i), 'start', 10 * i + 1));
      store.apply(ev(id(i), 'complete', 10 * i + 2));
    }
    // A record of f-3 read after its timeline was dropped: counted, but f-3 still ended before the ones kept in full.
    store.apply(ev(id(3), 'observed', 500));
    expect(store.forgotten).toBe(2);
    expect([0, 1].map((i) => store.sagas.has(id(i)))).toEqual([false, false]);
    expect([2, 3, 4].map((i) => store.detail(id(i))!.events.length)).toEqual([0, 0, 0]);
    expect(store.detail(id(3))!.eventCount).toBe(3);
    expect([5, 6, 7].map((i) => store.detail(id(i))!.events.length)).toEqual([2, 2, 2]);
  });
});

describe('SagaStore audit entries', () => {
  const audit = (type: 'RetryPublished' | 'RetryFailed', at: number, offset: string) =>
    [
      {
        type,
        retryId: `o1/payment/${offset}`,
        sagaId: 'o1',
        sagaType: 'orders',
        step: 'payment',
        mode: 'resend' as const,
        requestedBy: 'alice',
        requestedAt: at,
        target: { topic: 'payment.commands', partition: type === 'RetryFailed' ? null : 0, offset: type === 'RetryFailed' ? null : '9' },
        retryOf: 'payment.commands/0/1',
        error: type === 'RetryFailed' ? 'broker unreachable' : null,
      },
      { topic: 'saga-monitor.audit', partition: 0, offset, timestamp: at, key: 'o1', value: '{}', valueBytes: 2, headers: {} },
    ] as const;

  it('a retry that failed, or one published but not yet read back, is no saga activity: the alert stays, updatedAt stays', () => {
    const { store, clock } = storeAt(1_000);
    store.apply(ev('o1', 'start', 1_000));
    store.apply(ev('o1', 'step-started', 1_000, 'payment', 10_000));
    clock.now = 11_000;
    store.tick();
    store.drainChanges();
    expect(store.summary('o1')).toMatchObject({ status: 'stuck', updatedAt: 1_000 });

    clock.now = 12_000;
    store.applyAudit(...audit('RetryFailed', 12_000, '0'));
    expect(store.summary('o1')).toMatchObject({ status: 'stuck', updatedAt: 1_000 });
    expect(store.drainChanges().resolved).toEqual([]);
    expect(store.detail('o1')!.events.map((e) => e.eventType)).toContain('RetryFailed');

    store.applyAudit(...audit('RetryPublished', 12_500, '1'));
    expect(store.summary('o1')).toMatchObject({ status: 'stuck', updatedAt: 1_000 });
    // The resent record is what moves the saga.
    store.apply(ev('o1', 'step-started', 12_600, 'payment', 10_000));
    expect(store.summary('o1')).toMatchObject({ status: 'in_progress', updatedAt: 12_600 });
  });
});

describe('SagaStore: saga types sharing a topic and its saga ids', () => {
  const note = (id: string, t: number) => ({ ...ev(id, 'observed', t), sagaType: 'orders' });
  const charged = (id: string, t: number) => ({ ...ev(id, 'step-completed', t, 'payment'), sagaType: 'billing' });

  it('a note read before the rule-matched record that claims its id ends on the same saga as read after it', () => {
    const views = [true, false].map((noteFirst) => {
      const store = new SagaStore(twoTypesConfig(), () => 10_000);
      const records = [note('s-1', 1_000), charged('s-1', 2_000)];
      for (const r of noteFirst ? records : records.reverse()) store.apply(r);
      const s = store.sagas.get('s-1')!;
      return { type: s.type, events: s.eventCount, payment: s.steps[0].status, counted: store.stats.count('in_progress') };
    });
    expect(views[0]).toEqual({ type: 'billing', events: 2, payment: 'completed', counted: 1 });
    expect(views[1]).toEqual(views[0]);
  });

  it('a rule-matched record of another type does not take a saga claimed by a rule', () => {
    const store = new SagaStore(twoTypesConfig(), () => 10_000);
    store.apply(ev('s-1', 'step-started', 1_000, 'payment', 10_000));
    store.apply(charged('s-1', 2_000));
    expect(store.sagas.get('s-1')).toMatchObject({ type: 'orders', eventCount: 1 });
  });
});
