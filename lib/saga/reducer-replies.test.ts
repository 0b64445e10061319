/**
 * Which attempt a reply answers: replies stamped before their command (producers' clocks disagree) and late replies
 * with the opposite outcome. Records hand-written from the demo's shapes (testing/fixtures/order-fulfilment.ts).
 */
import { describe, expect, it } from 'vitest';
import { essence, foldEvents, toEvent } from '../../testing/fixtures/materialize';
import { T0 } from '../../testing/fixtures/order-fulfilment';
import { permutations } from '../../testing/prng';
import { RecordFactory, type Step } from '../../testing/fixtures/records';
import { MAX_CLOCK_SKEW_MS } from './causal-order';
import type { SagaEvent } from './event';


const orderEvents = (steps: readonly Step[]): SagaEvent[] => {
  const f = new RecordFactory();
  return steps.map(([topic, type, at]) => toEvent(f.order('o-1', topic, type, T0 + at)));
};
const tripEvents = (steps: readonly Step[]): SagaEvent[] => {
  const f = new RecordFactory();
  return steps.map(([topic, type, at]) => toEvent(f.trip('t-1', topic, type, T0 + at)));
};
const stepOf = (events: SagaEvent[], name: string) => foldEvents(events).steps.find((s) => s.name === name)!;
const view = (events: SagaEvent[]) => {
  const s = foldEvents(events);
  return { status: s.status, currentStep: s.currentStep, phase: s.phase, steps: s.steps.map((x) => [x.name, x.status, x.attempts]) };
};

/** Every arrival order of the records ends in the state of the records in timestamp order. */
function expectArrivalOrderFree(events: SagaEvent[]): void {
  const expected = JSON.stringify(essence(foldEvents([...events].sort((a, b) => a.timestamp - b.timestamp))));
  for (const p of permutations(events)) {
    const got = JSON.stringify(essence(foldEvents(p)));
    if (got !== expected) expect({ order: p.map((e) => e.eventType), got: JSON.parse(got) as unknown }).toEqual({ order: [], got: JSON.parse(expected) as unknown });
  }
}

const REQUESTED: Step = ['orders.requested', 'OrderRequested', 0];

describe('applyEvent: a reply stamped before its command, within the tolerance, answers it', () => {
  it('a success stamped 20 ms before its command completes the step; it is not left running', () => {
    const events = orderEvents([REQUESTED, ['payment.events', 'PaymentAuthorized', 80], ['payment.commands', 'AuthorizePayment', 100]]);
    expect(stepOf(events, 'payment')).toMatchObject({ status: 'completed', attempts: 1, startedAt: T0 + 100 });
    expect(view(events)).toMatchObject({ status: 'in_progress', currentStep: 'payment', phase: null });
  });

  it('a failure stamped before its command fails the step and the saga', () => {
    const events = orderEvents([REQUESTED, ['payment.events', 'PaymentDeclined', 50], ['payment.commands', 'AuthorizePayment', 100]]);
    expect(view(events)).toMatchObject({ status: 'failed', currentStep: 'payment', phase: null, steps: [['payment', 'failed', 1], ['inventory', 'pending', 0], ['shipping', 'pending', 0]] });
  });

  it(`up to ${MAX_CLOCK_SKEW_MS} ms early still answers; a reply stamped earlier than that is taken at its own time`, () => {
    const at = (early: number) =>
      stepOf(orderEvents([REQUESTED, ['payment.events', 'PaymentAuthorized', 5_000 - early], ['payment.commands', 'AuthorizePayment', 5_000]]), 'payment').status;
    expect(at(MAX_CLOCK_SKEW_MS)).toBe('completed');
    // Beyond the tolerance the reply answers nothing before it: the step ends, and the command opens an attempt.
    expect(at(MAX_CLOCK_SKEW_MS + 1)).toBe('running');
  });

  it('a step whose reply is stamped before its start lasts 0 ms, never a negative time', () => {
    const payment = stepOf(orderEvents([REQUESTED, ['payment.events', 'PaymentAuthorized', 80], ['payment.commands', 'AuthorizePayment', 100]]), 'payment');
    expect(payment.endedAt! - payment.startedAt!).toBe(0);
    const compensation = orderEvents([
      REQUESTED,
      ['payment.commands', 'AuthorizePayment', 100],
      ['payment.events', 'PaymentAuthorized', 300],
      ['inventory.commands', 'ReserveInventory', 400],
      ['inventory.events', 'InventoryUnavailable', 600],
      ['payment.events', 'PaymentRefunded', 650],
      ['payment.commands', 'RefundPayment', 700],
    ]);
    expect(stepOf(compensation, 'payment')).toMatchObject({ status: 'compensated', compensationStartedAt: T0 + 700, compensationEndedAt: T0 + 700 });
    expect(view(compensation).status).toBe('compensated');
  });

  it('a saga whose last record is stamped before its start record lasts 0 ms', () => {
    // The shop's clock is ahead of the orchestrator's and the workers': the order is requested "after" it completed.
    const s = foldEvents(
      orderEvents([
        ['orders.requested', 'OrderRequested', 2_000],
        ['payment.commands', 'AuthorizePayment', 1_100],
        ['payment.events', 'PaymentAuthorized', 1_200],
        ['inventory.commands', 'ReserveInventory', 1_300],
        ['inventory.events', 'InventoryReserved', 1_400],
        ['shipping.commands', 'ScheduleShipment', 1_500],
        ['shipping.events', 'ShipmentScheduled', 1_600],
        ['orders.completed', 'OrderCompleted', 1_700],
      ]),
    );
    expect(s).toMatchObject({ status: 'completed', startedAt: T0 + 2_000, endedAt: T0 + 2_000 });
  });

  it('what an early reply starts begins no earlier than the start that reply answers', () => {
    const events = tripEvents([
      ['trips.requested', 'TripRequested', 500],
      ['flights.events', 'FlightBooked', 300],
      ['hotels.events', 'HotelBooked', 400],
    ]);
    const s = foldEvents(events);
    expect(s.steps.map((x) => [x.name, x.startedAt! - T0, x.endedAt === null ? null : x.endedAt - T0])).toEqual([
      ['flight', 500, 500],
      ['hotel', 500, 500],
      ['car', 500, null],
    ]);
  });

  it('a retry after a failure, answered by a reply stamped before the retry, completes the step', () => {
    const events = orderEvents([
      REQUESTED,
      ['payment.commands', 'AuthorizePayment', 100],
      ['payment.events', 'PaymentDeclined', 300],
      ['payment.events', 'PaymentAuthorized', 350],
      ['payment.commands', 'AuthorizePayment', 400],
    ]);
    expect(stepOf(events, 'payment')).toMatchObject({ status: 'completed', attempts: 2, startedAt: T0 + 400, endedAt: T0 + 400 });
    expectArrivalOrderFree(events);
  });

  it('a choreography: the hotel booked before the flight event that started it, by the hotel service clock', () => {
    const events = tripEvents([
      ['trips.requested', 'TripRequested', 0],
      ['hotels.events', 'HotelBooked', 400],
      ['flights.events', 'FlightBooked', 500],
    ]);
    expect(view(events)).toEqual({
      status: 'in_progress',
      currentStep: 'car',
      phase: 'step',
      steps: [
        ['flight', 'completed', 1],
        ['hotel', 'completed', 1],
        ['car', 'running', 1],
      ],
    });
    expectArrivalOrderFree(events);
  });

  it('a chain of early replies, each stamped before the record that started its step, completes the trip', () => {
    const events = tripEvents([
      ['trips.requested', 'TripRequested', 0],
      ['cars.events', 'CarRented', 300],
      ['trips.completed', 'TripConfirmed', 301],
      ['hotels.events', 'HotelBooked', 400],
      ['flights.events', 'FlightBooked', 500],
    ]);
    expect(view(events)).toMatchObject({ status: 'completed', steps: [['flight', 'completed', 1], ['hotel', 'completed', 1], ['car', 'completed', 1]] });
    expectArrivalOrderFree(events);
  });
});

describe('applyEvent: a late reply with the opposite outcome changes nothing', () => {
  const retried: Step[] = [REQUESTED, ['payment.commands', 'AuthorizePayment', 100], ['payment.commands', 'AuthorizePayment', 9_000]];

  it('attempt 1 declined after attempt 2 authorized: the step stays completed and the saga in progress', () => {
    const events = orderEvents([...retried, ['payment.events', 'PaymentAuthorized', 9_100], ['payment.events', 'PaymentDeclined', 9_200]]);
    expect(view(events)).toMatchObject({ status: 'in_progress', steps: [['payment', 'completed', 2], ['inventory', 'pending', 0], ['shipping', 'pending', 0]] });
    expect(stepOf(events, 'payment').endedAt).toBe(T0 + 9_100);
    expectArrivalOrderFree(events);
  });

  it('failed, then a late success for an earlier attempt: the step stays failed', () => {
    const events = orderEvents([...retried, ['payment.events', 'PaymentDeclined', 9_100], ['payment.events', 'PaymentAuthorized', 9_200]]);
    expect(view(events)).toMatchObject({ status: 'failed', steps: [['payment', 'failed', 2], ['inventory', 'pending', 0], ['shipping', 'pending', 0]] });
    expectArrivalOrderFree(events);
  });

  it('a second reply contradicting the first, without a retry, does not flip the step either', () => {
    const events = orderEvents([REQUESTED, ['payment.commands', 'AuthorizePayment', 100], ['payment.events', 'PaymentAuthorized', 300], ['payment.events', 'PaymentDeclined', 400]]);
    expect(stepOf(events, 'payment')).toMatchObject({ status: 'completed', endedAt: T0 + 300 });
  });

  it('a contradicting reply after the order moved on keeps it moving', () => {
    const events = orderEvents([
      REQUESTED,
      ['payment.commands', 'AuthorizePayment', 100],
      ['payment.events', 'PaymentAuthorized', 300],
      ['inventory.commands', 'ReserveInventory', 400],
      ['payment.events', 'PaymentDeclined', 500],
    ]);
    expect(view(events)).toMatchObject({ status: 'in_progress', currentStep: 'inventory', phase: 'step' });
  });
});
