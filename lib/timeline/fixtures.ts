import type { EventView, SagaDetail, StepView } from '../wire/rest';

/**
 * Test fixtures taken from the demo through GET /api/sagas/:id (ord-vt125y-2579, trip-vt125y-2569), with times
 * shifted so the saga starts at T0 and values dropped; the stuck-compensation case is the order one cut short.
 */
export const T0 = 1_000_000;

function step(name: string, patch: Partial<StepView>): StepView {
  return {
    name,
    status: 'pending',
    startedAt: null,
    endedAt: null,
    attempts: 0,
    timeoutMs: 8_000,
    compensationStartedAt: null,
    compensationEndedAt: null,
    compensable: true,
    ...patch,
  };
}

function event(offset: number, at: number, effect: EventView['effect'], eventType: string, step: string | null): EventView {
  return {
    topic: `${step ?? 'orders'}.${effect.startsWith('step-started') ? 'commands' : 'events'}`,
    partition: 2,
    offset: String(offset),
    timestamp: T0 + at,
    eventType,
    effect,
    step,
    key: 'k',
    headers: {},
    value: null,
    valueTruncated: false,
  };
}

export const compensatedOrder: SagaDetail = {
  id: 'ord-vt125y-2579',
  type: 'order-fulfilment',
  status: 'compensated',
  currentStep: 'payment',
  phase: null,
  startedAt: T0,
  updatedAt: T0 + 1_349,
  endedAt: T0 + 1_338,
  durationMs: 1_338,
  stuckSince: null,
  eventCount: 9,
  droppedEvents: 0,
  stuck: null,
  steps: [
    step('payment', { status: 'compensated', startedAt: T0 + 9, endedAt: T0 + 176, attempts: 1, compensationStartedAt: T0 + 1_035, compensationEndedAt: T0 + 1_338 }),
    step('inventory', { status: 'compensated', startedAt: T0 + 190, endedAt: T0 + 484, attempts: 1, compensationStartedAt: T0 + 696, compensationEndedAt: T0 + 1_028 }),
    step('shipping', { status: 'failed', startedAt: T0 + 495, endedAt: T0 + 678, attempts: 1, timeoutMs: 10_000 }),
  ],
  events: [
    event(940, 0, 'start', 'OrderRequested', null),
    event(1056, 9, 'step-started', 'AuthorizePayment', 'payment'),
    event(1027, 176, 'step-completed', 'PaymentAuthorized', 'payment'),
    event(887, 190, 'step-started', 'ReserveInventory', 'inventory'),
    event(856, 484, 'step-completed', 'InventoryReserved', 'inventory'),
    event(700, 678, 'step-failed', 'ShipmentFailed', 'shipping'),
    event(888, 696, 'compensation-started', 'ReleaseInventory', 'inventory'),
    event(1100, 1_035, 'compensation-started', 'RefundPayment', 'payment'),
    event(1101, 1_338, 'compensation-completed', 'PaymentRefunded', 'payment'),
  ],
};

export const stuckTrip: SagaDetail = {
  id: 'trip-vt125y-2569',
  type: 'trip-booking',
  status: 'stuck',
  currentStep: 'car',
  phase: 'step',
  startedAt: T0,
  updatedAt: T0 + 855,
  endedAt: null,
  durationMs: null,
  stuckSince: T0 + 8_855,
  eventCount: 3,
  droppedEvents: 0,
  steps: [
    step('flight', { status: 'completed', startedAt: T0, endedAt: T0 + 300, attempts: 1 }),
    step('hotel', { status: 'completed', startedAt: T0 + 300, endedAt: T0 + 855, attempts: 1 }),
    step('car', { status: 'running', startedAt: T0 + 855, attempts: 1, compensable: false }),
  ],
  events: [
    event(947, 0, 'start', 'TripRequested', null),
    event(1056, 300, 'step-completed', 'FlightBooked', 'flight'),
    event(898, 855, 'step-completed', 'HotelBooked', 'hotel'),
  ],
  stuck: {
    since: T0 + 8_855,
    step: 'car',
    phase: 'step',
    thresholdMs: 8_000,
    reason: 'step car started and got no reply within 8 s',
    waitingFor: [
      { topic: 'cars.events', eventType: 'CarRented' },
      { topic: 'cars.events', eventType: 'CarRentalFailed' },
    ],
  },
};

/** The order saga stuck while refunding the payment: the refund command went out, no reply came. */
export const stuckCompensation: SagaDetail = {
  ...compensatedOrder,
  status: 'stuck',
  phase: 'compensation',
  endedAt: null,
  durationMs: null,
  stuckSince: T0 + 9_035,
  steps: compensatedOrder.steps.map((s) => (s.name === 'payment' ? { ...s, status: 'compensating', compensationEndedAt: null } : s)),
  events: compensatedOrder.events.slice(0, -1),
  stuck: {
    since: T0 + 9_035,
    step: 'payment',
    phase: 'compensation',
    thresholdMs: 8_000,
    reason: 'compensation of payment got no reply within 8 s',
    waitingFor: [{ topic: 'payment.events', eventType: 'PaymentRefunded' }],
  },
};
