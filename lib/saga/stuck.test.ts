import { describe, expect, it } from 'vitest';
import { foldEvents, toEvent } from '../../testing/fixtures/materialize';
import {
  FLIGHT_TIMEOUT_MS,
  ORDER_STUCK_AFTER_MS,
  PAYMENT_TIMEOUT_MS,
  sagaType,
  SHIPPING_TIMEOUT_MS,
  T0,
  TRIP_STUCK_AFTER_MS,
} from '../../testing/fixtures/order-fulfilment';
import { orderRecords, tripRecords, type Step } from '../../testing/fixtures/records';
import { orderCompensated, orderCompleted, orderFailedAtPayment, tripCompensated, tripCompleted } from '../../testing/fixtures/scenarios';
import { stuckDeadline, stuckInfo, thresholdMs } from './stuck';

const order = sagaType('order-fulfilment');
const trip = sagaType('trip-booking');
const orderState = (records: readonly Step[]) => foldEvents(orderRecords('o-1', records).map(toEvent));
const tripState = (records: readonly Step[]) => foldEvents(tripRecords('t-1', records).map(toEvent));
const lastAt = (records: readonly Step[]) => T0 + records.at(-1)![2];

const on = (topic: string, eventType: string) => ({ topic, eventType });

/** Prefixes of the fixture scenarios: where the saga stops, what it waits for, and for how long. */
const CASES = [
  {
    name: 'payment started (step timeoutMs)',
    state: () => orderState(orderCompleted.records.slice(0, 2)),
    at: lastAt(orderCompleted.records.slice(0, 2)),
    threshold: PAYMENT_TIMEOUT_MS,
    step: 'payment',
    phase: 'step',
    waitingFor: [on('payment.events', 'PaymentAuthorized'), on('payment.events', 'PaymentDeclined')],
    reason: 'step payment started and got no reply within 5 s; waiting for PaymentAuthorized on payment.events or PaymentDeclined on payment.events',
  },
  {
    name: 'inventory started (no step timeout: stuckAfterMs)',
    state: () => orderState(orderCompleted.records.slice(0, 5)),
    at: lastAt(orderCompleted.records.slice(0, 5)),
    threshold: ORDER_STUCK_AFTER_MS,
    step: 'inventory',
    phase: 'step',
    waitingFor: [on('inventory.events', 'InventoryReserved'), on('inventory.events', 'InventoryUnavailable')],
    reason: 'step inventory started and got no reply within 30 s; waiting for InventoryReserved on inventory.events or InventoryUnavailable on inventory.events',
  },
  {
    name: 'shipping started (step timeoutMs)',
    state: () => orderState(orderCompleted.records.slice(0, 7)),
    at: lastAt(orderCompleted.records.slice(0, 7)),
    threshold: SHIPPING_TIMEOUT_MS,
    step: 'shipping',
    phase: 'step',
    waitingFor: [on('shipping.events', 'ShipmentScheduled'), on('shipping.events', 'ShipmentFailed')],
    reason: 'step shipping started and got no reply within 10 s; waiting for ShipmentScheduled on shipping.events or ShipmentFailed on shipping.events',
  },
  {
    name: 'requested, payment never started',
    state: () => orderState(orderCompleted.records.slice(0, 1)),
    at: T0,
    threshold: ORDER_STUCK_AFTER_MS,
    step: 'payment',
    phase: null,
    waitingFor: [on('payment.commands', 'AuthorizePayment')],
    reason: 'step payment was never started within 30 s; waiting for AuthorizePayment on payment.commands',
  },
  {
    name: 'payment done, inventory never started (the payment timeout no longer applies)',
    state: () => orderState(orderCompleted.records.slice(0, 3)),
    at: lastAt(orderCompleted.records.slice(0, 3)),
    threshold: ORDER_STUCK_AFTER_MS,
    step: 'inventory',
    phase: null,
    waitingFor: [on('inventory.commands', 'ReserveInventory')],
    reason: 'step inventory was never started within 30 s; waiting for ReserveInventory on inventory.commands',
  },
  {
    name: 'every step done, never completed',
    state: () => orderState(orderCompleted.records.slice(0, 8)),
    at: lastAt(orderCompleted.records.slice(0, 8)),
    threshold: ORDER_STUCK_AFTER_MS,
    step: null,
    phase: null,
    waitingFor: [on('orders.completed', 'OrderCompleted'), on('orders.failed', 'OrderFailed')],
    reason: 'every step ended but the saga was never completed within 30 s; waiting for OrderCompleted on orders.completed or OrderFailed on orders.failed',
  },
  {
    name: 'compensating inventory',
    state: () => orderState(orderCompensated.records.slice(0, 8)),
    at: lastAt(orderCompensated.records.slice(0, 8)),
    threshold: ORDER_STUCK_AFTER_MS,
    step: 'inventory',
    phase: 'compensation',
    waitingFor: [on('inventory.events', 'InventoryReleased')],
    reason: 'compensation of step inventory started and got no reply within 30 s; waiting for InventoryReleased on inventory.events',
  },
  {
    name: 'payment declined, no compensation or fail record',
    state: () => orderState(orderFailedAtPayment.records.slice(0, 3)),
    at: lastAt(orderFailedAtPayment.records.slice(0, 3)),
    threshold: ORDER_STUCK_AFTER_MS,
    step: 'payment',
    phase: null,
    waitingFor: [
      on('payment.commands', 'RefundPayment'),
      on('inventory.commands', 'ReleaseInventory'),
      on('shipping.commands', 'CancelShipment'),
      on('orders.failed', 'OrderFailed'),
    ],
    reason:
      'step payment failed and no compensation or failure record followed within 30 s; waiting for RefundPayment on payment.commands or ' +
      'ReleaseInventory on inventory.commands or CancelShipment on shipping.commands or OrderFailed on orders.failed',
  },
  {
    name: 'trip requested: flight started by a trigger (trigger timeoutMs)',
    state: () => tripState(tripCompleted.records.slice(0, 1)),
    at: T0,
    threshold: FLIGHT_TIMEOUT_MS,
    step: 'flight',
    phase: 'step',
    waitingFor: [on('flights.events', 'FlightBooked'), on('flights.events', 'FlightBookingFailed')],
    reason: 'step flight started and got no reply within 8 s; waiting for FlightBooked on flights.events or FlightBookingFailed on flights.events',
  },
  {
    name: 'trip seen only through an unmatched record: flight never started (started by a trigger)',
    state: () => tripState([['trips.requested', 'TripAmended', 0]]),
    at: T0,
    threshold: TRIP_STUCK_AFTER_MS,
    step: 'flight',
    phase: null,
    waitingFor: [on('trips.requested', 'TripRequested')],
    reason: 'step flight was never started within 60 s; waiting for TripRequested on trips.requested',
  },
  {
    name: 'flight booked: hotel started by a trigger',
    state: () => tripState(tripCompleted.records.slice(0, 2)),
    at: lastAt(tripCompleted.records.slice(0, 2)),
    threshold: TRIP_STUCK_AFTER_MS,
    step: 'hotel',
    phase: 'step',
    waitingFor: [on('hotels.events', 'HotelBooked'), on('hotels.events', 'HotelBookingFailed')],
    reason: 'step hotel started and got no reply within 60 s; waiting for HotelBooked on hotels.events or HotelBookingFailed on hotels.events',
  },
  {
    name: 'hotel booked: car started by a trigger',
    state: () => tripState(tripCompleted.records.slice(0, 3)),
    at: lastAt(tripCompleted.records.slice(0, 3)),
    threshold: TRIP_STUCK_AFTER_MS,
    step: 'car',
    phase: 'step',
    waitingFor: [on('cars.events', 'CarRented'), on('cars.events', 'CarRentalFailed')],
    reason: 'step car started and got no reply within 60 s; waiting for CarRented on cars.events or CarRentalFailed on cars.events',
  },
  {
    name: 'hotel cancelled: flight compensation started by a trigger',
    state: () => tripState(tripCompensated.records.slice(0, 5)),
    at: lastAt(tripCompensated.records.slice(0, 5)),
    threshold: TRIP_STUCK_AFTER_MS,
    step: 'flight',
    phase: 'compensation',
    waitingFor: [on('flights.events', 'FlightCancelled')],
    reason: 'compensation of step flight started and got no reply within 60 s; waiting for FlightCancelled on flights.events',
  },
] as const;

describe('stuck rules: a saga waiting on each step', () => {
  it.each(CASES)('$name', (c) => {
    const state = c.state();
    const config = state.type === 'trip-booking' ? trip : order;
    expect(state.updatedAt).toBe(c.at);
    expect(thresholdMs(state, config)).toBe(c.threshold);
    expect(stuckDeadline(state, config)).toBe(c.at + c.threshold);
    expect(stuckInfo(state, config, c.at + c.threshold)).toEqual({
      since: c.at + c.threshold,
      step: c.step,
      phase: c.phase,
      thresholdMs: c.threshold,
      waitingFor: c.waitingFor,
      reason: c.reason,
    });
  });
});

describe('stuckDeadline', () => {
  it.each([
    { name: 'completed', state: () => orderState(orderCompleted.records), config: order },
    { name: 'compensated', state: () => orderState(orderCompensated.records), config: order },
    { name: 'failed with a fail record', state: () => orderState(orderFailedAtPayment.records), config: order },
    { name: 'choreography completed', state: () => tripState(tripCompleted.records), config: trip },
    { name: 'choreography compensated', state: () => tripState(tripCompensated.records), config: trip },
  ])('is null once the saga is finished: $name', ({ state, config }) => {
    expect(stuckDeadline(state(), config)).toBeNull();
  });

  it('moves with every later event, observed ones included, so a late event un-sticks the saga', () => {
    const records = orderCompleted.records.slice(0, 2);
    const before = stuckDeadline(orderState(records), order)!;
    const after = stuckDeadline(orderState([...records, ['orders.completed', 'OrderStatusChanged', 60_000]]), order)!;
    expect(before).toBe(T0 + 100 + PAYMENT_TIMEOUT_MS);
    expect(after).toBe(T0 + 60_000 + PAYMENT_TIMEOUT_MS);
  });

  it('does not move back when an older record arrives late', () => {
    const records = orderCompleted.records.slice(0, 3);
    const late = orderState([records[0], records[2], records[1]]);
    expect(stuckDeadline(late, order)).toBe(stuckDeadline(orderState(records), order));
  });

  it('takes the timeout of the latest attempt', () => {
    const state = orderState([
      ['orders.requested', 'OrderRequested', 0],
      ['payment.commands', 'AuthorizePayment', 100],
      ['payment.events', 'PaymentDeclined', 200],
      ['payment.commands', 'AuthorizePayment', 300],
    ]);
    expect(stuckDeadline(state, order)).toBe(T0 + 300 + PAYMENT_TIMEOUT_MS);
  });
});

describe('stuck between two compensations', () => {
  it('says which compensation was never started', () => {
    const state = foldEvents(orderRecords('o-1', orderCompensated.records.slice(0, 9)).map(toEvent));
    const info = stuckInfo(state, order, 0);
    expect(info.step).toBe('payment');
    expect(info.reason).toContain('compensation of step payment was never started');
    expect(info.waitingFor).toEqual([{ topic: 'payment.commands', eventType: 'RefundPayment' }]);
  });
});
