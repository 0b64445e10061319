import { describe, expect, it } from 'vitest';
import type { SagaEvent } from './event';
import { foldEvents, toEvent } from '../../testing/fixtures/materialize';
import { sagaType } from '../../testing/fixtures/order-fulfilment';
import { orderRecords, tripRecords, type Step } from '../../testing/fixtures/records';
import { orderCompensated, orderCompleted, orderFailedAtPayment, tripCompensated, tripCompleted } from '../../testing/fixtures/scenarios';
import { responderTopics } from './responder-topics';
import type { SagaState } from './saga-state';

// The fixture saga types are hand-written after the demo: order-fulfilment is orchestrated (commands on *.commands,
// replies on *.events), trip-booking is choreographed (each service's event starts the next step through `triggers`).
const order = sagaType('order-fulfilment');
const trip = sagaType('trip-booking');
const orderState = (records: readonly Step[]) => foldEvents(orderRecords('o-1', records).map(toEvent));
const tripState = (records: readonly Step[]) => foldEvents(tripRecords('t-1', records).map(toEvent));
/** A timeline that lost its older records (MAX_EVENTS_PER_SAGA): here, the ones of the given event type. */
const without = (s: SagaState, eventType: string): SagaState => ({ ...s, events: s.events.filter((e) => e.eventType !== eventType), truncated: true });
/** A manual retry read back from the audit topic, after everything else. */
const retried = (s: SagaState): SagaState => {
  const last = s.events.at(-1)!;
  const retry: SagaEvent = { ...last, effect: 'retry', topic: 'saga-monitor.audit', offset: '0', timestamp: last.timestamp + 1, triggers: null };
  return { ...s, events: [...s.events, retry] };
};

describe('responderTopics: order-fulfilment (orchestrated)', () => {
  it.each<[name: string, state: () => SagaState, phase: string | null, topics: string[]]>([
    ['requested, payment never started: the orchestrator reads the request', () => orderState(orderCompleted.records.slice(0, 1)), null, ['orders.requested']],
    ['payment started: the payment worker reads its command', () => orderState(orderCompleted.records.slice(0, 2)), 'step', ['payment.commands']],
    ['payment done, inventory never started: the orchestrator reads the reply', () => orderState(orderCompleted.records.slice(0, 3)), null, ['payment.events']],
    ['an observed record after the reply changes nothing', () => orderState(orderCompleted.records.slice(0, 4)), null, ['payment.events']],
    ['shipping started', () => orderState(orderCompleted.records.slice(0, 7)), 'step', ['shipping.commands']],
    [
      'shipping started, then a late duplicate payment reply: still the shipping command',
      () => orderState([...orderCompleted.records.slice(0, 7), ['payment.events', 'PaymentAuthorized', 800]]),
      'step',
      ['shipping.commands'],
    ],
    ['shipping started, then a manual retry on the audit topic', () => retried(orderState(orderCompleted.records.slice(0, 7))), 'step', ['shipping.commands']],
    ['shipping started, its command fell off the timeline: the rules say', () => without(orderState(orderCompleted.records.slice(0, 7)), 'ScheduleShipment'), 'step', ['shipping.commands']],
    ['shipping failed, no compensation started yet', () => orderState(orderCompensated.records.slice(0, 7)), null, ['shipping.events']],
    ['inventory compensating', () => orderState(orderCompensated.records.slice(0, 8)), 'compensation', ['inventory.commands']],
    ['payment compensating, its command fell off the timeline', () => without(orderState(orderCompensated.records.slice(0, 10)), 'RefundPayment'), 'compensation', ['payment.commands']],
    ['payment declined, no failure record yet', () => orderState(orderFailedAtPayment.records.slice(0, 3)), null, ['payment.events']],
    ['completed', () => orderState(orderCompleted.records), null, []],
    ['compensated', () => orderState(orderCompensated.records), 'compensation', []],
  ])('%s -> %j', (_name, state, phase, topics) => {
    const s = state();
    if (topics.length > 0) expect(s.phase).toBe(phase);
    expect(responderTopics(s, order)).toEqual(topics);
  });
});

describe('responderTopics: trip-booking (choreographed)', () => {
  it.each<[name: string, state: () => SagaState, phase: string | null, topics: string[]]>([
    ['flight started by the request: the flight service reads it', () => tripState(tripCompleted.records.slice(0, 1)), 'step', ['trips.requested']],
    ['hotel started by FlightBooked: the hotel service reads flight events', () => tripState(tripCompleted.records.slice(0, 2)), 'step', ['flights.events']],
    ['car started by HotelBooked', () => tripState(tripCompleted.records.slice(0, 3)), 'step', ['hotels.events']],
    ['hotel compensation started by CarRentalFailed', () => tripState(tripCompensated.records.slice(0, 4)), 'compensation', ['cars.events']],
    ['flight compensation started by HotelCancelled', () => tripState(tripCompensated.records.slice(0, 5)), 'compensation', ['hotels.events']],
    ['hotel started, FlightBooked fell off the timeline: the rules say', () => without(tripState(tripCompleted.records.slice(0, 2)), 'FlightBooked'), 'step', ['flights.events']],
    [
      'flight compensating, its trigger fell off the timeline: two rules on one topic start it',
      () => without(tripState(tripCompensated.records.slice(0, 5)), 'HotelCancelled'),
      'compensation',
      ['hotels.events'],
    ],
    ['every step done, no confirmation yet: the confirmation service reads car events', () => tripState(tripCompleted.records.slice(0, 4)), null, ['cars.events']],
    ['completed', () => tripState(tripCompleted.records), null, []],
  ])('%s -> %j', (_name, state, phase, topics) => {
    const s = state();
    if (topics.length > 0) expect(s.phase).toBe(phase);
    expect(responderTopics(s, trip)).toEqual(topics);
  });
});
