import { describe, expect, it } from 'vitest';
import { ev, ordersConfig, twoTypesConfig } from '../../testing/fixtures/events';
import { MAX_FINISHED_WITH_DETAIL, SagaStore } from './saga-store';

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
    const store = new SagaStore(ordersConfig(), () => 0, 3);
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

  it('a saga touched again after it finished counts from its last touch; one retried back to in-flight is kept', () => {
    const store = new SagaStore(ordersConfig(), () => 0, 2);
    for (const id of ['a', 'b']) {
      store.apply(ev(id, 'start', 1));
      store.apply(ev(id, 'complete', 2));
    }
    // A late record for a: it finished again most recently, so b goes first.
    store.apply(ev('a', 'complete', 3));
    store.apply(ev('c', 'start', 4));
    store.apply(ev('c', 'complete', 5));
    expect([...store.sagas.keys()].sort()).toEqual(['a', 'c']);
    expect(store.forgotten).toBe(1);
  });
});

describe('SagaStore finished-saga cap past the timeline cap', () => {
  it('forgets the oldest of the sagas that lost their timeline first, and a late record brings one back to the newest', () => {
    const extra = 5;
    const store = new SagaStore(ordersConfig(), () => 0, MAX_FINISHED_WITH_DETAIL + 3);
    const id = (i: number) => `f-${i}`;
    for (let i = 0; i < MAX_FINISHED_WITH_DETAIL + extra; i++) {
      store.apply(ev(id(i), 'start', 1 + i));
      store.apply(ev(id(i), 'complete', 2 + i));
      // Saga 3 lost its timeline already; a late record makes it the most recently finished.
      if (i === MAX_FINISHED_WITH_DETAIL + 3) store.apply(ev(id(3), 'complete', 3 + i));
    }
    expect(store.forgotten).toBe(2);
    for (const i of [0, 1, 2, 4]) expect(store.sagas.has(id(i)), id(i)).toBe(i >= 2);
    expect(store.sagas.size).toBe(MAX_FINISHED_WITH_DETAIL + 3);
    expect(store.detail(id(2))!.events).toEqual([]);
    expect(store.detail(id(4))!.events).toEqual([]);
    expect(store.detail(id(3))!.events.length).toBeGreaterThan(0);
    expect(store.detail(id(MAX_FINISHED_WITH_DETAIL + extra - 1))!.events.length).toBe(2);
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
