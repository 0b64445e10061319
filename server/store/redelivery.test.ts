/**
 * Redelivery dedupe does not lean on the kept timeline: a record read again (same topic, partition and offset, as a
 * rebalance or a restart of the group delivers it) changes nothing, whether its saga still has its timeline, lost it
 * to the timeline cap, was forgotten past `maxFinished`, or holds more events than MAX_EVENTS_PER_SAGA.
 */
import { describe, expect, it } from 'vitest';
import type { SagaEvent } from '../../lib/saga/event';
import { MAX_EVENTS_PER_SAGA } from '../../lib/saga/reducer';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { SagaStore } from './saga-store';

/** A finished order on a partition of its own, so sagas can be read in any order without breaking partition order. */
function finished(id: string, partition: number, endAt: number): SagaEvent[] {
  return [ev(id, 'start', endAt - 30), ev(id, 'step-started', endAt - 20, 'payment', 10_000), ev(id, 'step-completed', endAt - 10, 'payment'), ev(id, 'complete', endAt)].map(
    (e) => ({ ...e, partition }),
  );
}

function viewOf(store: SagaStore, id: string) {
  const s = store.sagas.get(id);
  return s && { status: s.status, eventCount: s.eventCount, attempts: s.steps.map((x) => x.attempts), kept: s.events.length, stuck: store.stuck.has(id) };
}

describe('SagaStore: a redelivered record changes nothing, whatever the store kept of its saga', () => {
  it('a saga whose timeline was trimmed', () => {
    const store = new SagaStore(ordersConfig(), () => 1_000_000, { maxFinished: 100, maxWithDetail: 2 });
    const first = finished('s-0', 0, 100);
    for (const e of first) store.apply(e);
    for (let i = 1; i <= 3; i++) for (const e of finished(`s-${i}`, i, 100 + i)) store.apply(e);
    const before = viewOf(store, 's-0');
    expect(before).toMatchObject({ status: 'completed', kept: 0, eventCount: 4 });
    for (const e of first) store.apply(e);
    store.tick();
    expect(viewOf(store, 's-0')).toEqual(before);
  });

  it('a saga forgotten past maxFinished is not brought back', () => {
    const store = new SagaStore(ordersConfig(), () => 1_000_000, { maxFinished: 2, maxWithDetail: 2 });
    const first = finished('s-0', 0, 100);
    for (const e of first) store.apply(e);
    for (let i = 1; i <= 2; i++) for (const e of finished(`s-${i}`, i, 100 + i)) store.apply(e);
    expect(store.sagas.has('s-0')).toBe(false);
    store.apply(first[1]);
    store.tick();
    expect(store.sagas.has('s-0')).toBe(false);
    expect(store.stuck.size).toBe(0);
  });

  it(`a saga past ${MAX_EVENTS_PER_SAGA} events`, () => {
    const store = new SagaStore(ordersConfig(), () => 1_000_000);
    const events = [ev('hot', 'start', 0), ...Array.from({ length: MAX_EVENTS_PER_SAGA + 10 }, (_, i) => ev('hot', 'step-started', 1 + i, 'payment', 10_000))];
    for (const e of events) store.apply(e);
    const before = viewOf(store, 'hot');
    expect(before).toMatchObject({ eventCount: MAX_EVENTS_PER_SAGA + 11, attempts: [MAX_EVENTS_PER_SAGA + 10, 0] });
    for (const e of events.slice(0, 20)) store.apply(e);
    expect(viewOf(store, 'hot')).toEqual(before);
  });
});

describe('SagaStore: which finished sagas keep their timeline or are forgotten does not depend on arrival order', () => {
  it('the latest to end keep their timeline, the earliest to end are forgotten (ties by id)', () => {
    // Ends out of id order, two sagas ending at the same time.
    const ends = [500, 100, 400, 100, 300, 200, 600, 250];
    const sagas = ends.map((end, i) => finished(`s-${i}`, i, end));
    const held = (order: number[]) => {
      const store = new SagaStore(ordersConfig(), () => 1_000_000, { maxFinished: 5, maxWithDetail: 3 });
      for (const i of order) for (const e of sagas[i]) store.apply(e);
      return Object.fromEntries([...store.sagas.values()].map((s) => [s.id, s.events.length > 0])).valueOf();
    };
    const want = { 's-0': true, 's-2': true, 's-4': false, 's-6': true, 's-7': false };
    expect(held([0, 1, 2, 3, 4, 5, 6, 7])).toEqual(want);
    expect(held([7, 6, 5, 4, 3, 2, 1, 0])).toEqual(want);
    expect(held([3, 6, 1, 4, 0, 7, 2, 5])).toEqual(want);
  });
});
