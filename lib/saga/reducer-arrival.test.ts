/** Arrival order and redelivery: where record timestamps tell the order, state must not depend on arrival order. */
import { describe, expect, it } from 'vitest';
import type { SagaEvent } from './event';
import { essence, foldEvents, scenarioEvents, toEvent } from '../../testing/fixtures/materialize';
import { sagaType } from '../../testing/fixtures/order-fulfilment';
import { mulberry32, permutations, shuffled } from '../../testing/prng';
import { orderRecords, RecordFactory, type Step } from '../../testing/fixtures/records';
import { orderCompensated, orderCompleted, orderFailedAtPayment, SCENARIOS, tripCompensated, tripCompleted, type Scenario } from '../../testing/fixtures/scenarios';
import { applyEvent } from './reducer';

const SHUFFLES = 300;

/** Payment retried: a decline, a resend, its reply, and a late second reply of the same step. */
const retried: Scenario = {
  ...orderFailedAtPayment,
  name: 'order with a retried payment and a late reply',
  records: [
    ['orders.requested', 'OrderRequested', 0],
    ['payment.commands', 'AuthorizePayment', 100],
    ['payment.events', 'PaymentDeclined', 300],
    ['payment.commands', 'AuthorizePayment', 400],
    ['payment.events', 'PaymentAuthorized', 600],
    ['payment.events', 'PaymentAuthorized', 700],
  ],
  status: 'in_progress',
  currentStep: 'payment',
  stepStatuses: ['completed', 'pending', 'pending'],
};

/** Records sharing a millisecond across topics: the timeline orders them by effect, then topic/partition/offset. */
const ties: Scenario = {
  ...orderCompensated,
  name: 'order compensated, with records at equal times',
  records: orderCompensated.records.map(([topic, type, at]): Step => [topic, type, Math.floor(at / 300) * 300]),
};

/** Observed status updates among the steps. */
const withUpdates: Scenario = {
  ...orderFailedAtPayment,
  name: 'order failed at step 1, with a status update',
  records: [...orderFailedAtPayment.records, ['orders.completed', 'OrderStatusChanged', 200]],
};

const inOrder = (events: SagaEvent[]) => foldEvents([...events].sort((a, b) => a.timestamp - b.timestamp));

describe('applyEvent: every arrival order gives the in-order state', () => {
  it.each([withUpdates, tripCompleted, tripCompensated, retried])('every permutation of $name', (scenario) => {
    const events = scenarioEvents(scenario);
    const expected = essence(inOrder(events));
    expect(expected.status).toBe(scenario.status);
    let count = 0;
    for (const p of permutations(events)) {
      const got = essence(foldEvents(p));
      // Compare cheaply, then let toEqual print the difference of a failing order.
      if (JSON.stringify(got) !== JSON.stringify(expected)) expect({ order: p.map((e) => e.eventType), got }).toEqual({ order: [], got: expected });
      count += 1;
    }
    expect(count).toBeGreaterThanOrEqual(120);
  });

  it.each([orderCompleted, orderCompensated, ties])(`${SHUFFLES} seeded shuffles of $name`, (scenario) => {
    const events = scenarioEvents(scenario);
    const expected = essence(inOrder(events));
    const rand = mulberry32(0x5a6a);
    for (let i = 0; i < SHUFFLES; i++) {
      const order = shuffled(events, rand);
      expect.soft(essence(foldEvents(order)), `shuffle ${i}: ${order.map((e) => e.eventType).join(', ')}`).toEqual(expected);
    }
  });

  it('across partitions: the same saga spread over partitions orders by record time', () => {
    const f = new RecordFactory();
    const events = orderCompensated.records.map(([topic, type, at], i) => toEvent(f.order('o-1', topic, type, 1_000 + at, { partition: i % 3 })));
    const expected = essence(inOrder(events));
    expect(expected.status).toBe('compensated');
    expect(essence(foldEvents(events.slice().reverse()))).toEqual(expected);
  });

  it('sagas interleaved with each other do not affect each other', () => {
    const f = new RecordFactory();
    const a = orderRecords('o-a', orderCompensated.records, f).map(toEvent);
    const b = orderRecords('o-b', orderCompleted.records, f).map(toEvent);
    const states = new Map<string, ReturnType<typeof foldEvents>>();
    for (const e of shuffled([...a, ...b], mulberry32(7))) states.set(e.sagaId, applyEvent(states.get(e.sagaId), e, sagaType('order-fulfilment')));
    expect(essence(states.get('o-a')!)).toEqual(essence(foldEvents(a)));
    expect(essence(states.get('o-b')!)).toEqual(essence(foldEvents(b)));
  });
});

describe('applyEvent: a redelivered record (same topic, partition, offset) changes nothing', () => {
  it.each(SCENARIOS)('redelivering each record of $name returns the same state', (scenario) => {
    const events = scenarioEvents(scenario);
    let state = foldEvents(events.slice(0, 1));
    for (const e of events.slice(1)) {
      state = applyEvent(state, e, sagaType(scenario.sagaType));
      for (const again of events.slice(0, events.indexOf(e) + 1)) {
        expect(applyEvent(state, { ...again }, sagaType(scenario.sagaType))).toBe(state);
      }
    }
  });

  it.each([retried, orderCompensated, tripCompensated])('$name delivered twice, shuffled, equals once in order', (scenario) => {
    const events = scenarioEvents(scenario);
    const expected = essence(inOrder(events));
    const rand = mulberry32(42);
    for (let i = 0; i < 100; i++) {
      expect.soft(essence(foldEvents(shuffled([...events, ...events.map((e) => ({ ...e }))], rand))), `run ${i}`).toEqual(expected);
    }
  });

  it('does not count a redelivered step command as another attempt', () => {
    const events = scenarioEvents(retried);
    const twice = foldEvents([...events, ...events]);
    expect(twice.steps[0]).toMatchObject({ attempts: 2, status: 'completed' });
    expect(twice.eventCount).toBe(events.length);
  });

  it('a record at another offset is a new record, not a redelivery', () => {
    const events = scenarioEvents(retried).slice(0, 2);
    const state = foldEvents([...events, { ...events[1], offset: '99' }]);
    expect(state.steps[0].attempts).toBe(2);
  });
});
