import { describe, expect, it } from 'vitest';
import type { SagaEvent } from './event';
import { foldEvents, scenarioEvents, toEvent } from '../../testing/fixtures/materialize';
import { sagaType, T0 } from '../../testing/fixtures/order-fulfilment';
import { orderRecords, RecordFactory, type Step } from '../../testing/fixtures/records';
import { orderCompensated, orderCompleted, orderFailedAtPayment, SCENARIOS, tripCompensated } from '../../testing/fixtures/scenarios';
import { applyEvent, MAX_EVENTS_PER_SAGA } from './reducer';

const orderEvents = (steps: readonly Step[], f = new RecordFactory()) => orderRecords('o-1', steps, f).map(toEvent);
const order = (steps: readonly Step[]) => foldEvents(orderEvents(steps));
const stepsOf = (steps: readonly Step[]) => Object.fromEntries(order(steps).steps.map((s) => [s.name, s]));

describe('applyEvent: scenarios end in the status the contract names', () => {
  it.each(SCENARIOS)('$name', (scenario) => {
    const state = foldEvents(scenarioEvents(scenario));
    expect(state.status).toBe(scenario.status);
    expect(state.currentStep).toBe(scenario.currentStep);
    expect(state.steps.map((s) => s.status)).toEqual(scenario.stepStatuses);
    expect(state.eventCount).toBe(scenario.records.length);
  });
});

describe('applyEvent: status along the way', () => {
  const prefix = (s: { records: readonly Step[] }, n: number) => order(s.records.slice(0, n));

  it.each([
    { after: 'OrderRequested', n: 1, status: 'in_progress', currentStep: null, phase: null },
    { after: 'AuthorizePayment', n: 2, status: 'in_progress', currentStep: 'payment', phase: 'step' },
    { after: 'PaymentAuthorized', n: 3, status: 'in_progress', currentStep: 'payment', phase: null },
    { after: 'ShipmentFailed', n: 7, status: 'failed', currentStep: 'shipping', phase: null },
    { after: 'ReleaseInventory', n: 8, status: 'compensating', currentStep: 'inventory', phase: 'compensation' },
    { after: 'RefundPayment', n: 10, status: 'compensating', currentStep: 'payment', phase: 'compensation' },
    { after: 'PaymentRefunded', n: 11, status: 'compensated', currentStep: 'payment', phase: null },
    { after: 'OrderFailed (a later fail keeps it compensated)', n: 12, status: 'compensated', currentStep: 'payment', phase: null },
  ])('compensated order after $after: $status', ({ n, status, currentStep, phase }) => {
    const s = prefix(orderCompensated, n);
    expect({ status: s.status, currentStep: s.currentStep, phase: s.phase }).toEqual({ status, currentStep, phase });
  });

  it('a fail record before the compensations finish leaves it compensating, then compensated', () => {
    const records: Step[] = [...orderCompensated.records.slice(0, 8), ['orders.failed', 'OrderFailed', 1_050]];
    expect(order(records).status).toBe('compensating');
    expect(order([...records, ['inventory.events', 'InventoryReleased', 1_100]]).status).toBe('compensated');
  });

  it('takes a compensation reply without its command, and still owes the earlier steps their compensation', () => {
    const s = order([...orderCompensated.records.slice(0, 7), ['inventory.events', 'InventoryReleased', 1_100]]);
    expect({ status: s.status, currentStep: s.currentStep }).toEqual({ status: 'compensating', currentStep: 'payment' });
    expect(s.steps[1]).toMatchObject({ status: 'compensated', compensationStartedAt: T0 + 1_100, compensationEndedAt: T0 + 1_100 });
  });

  it.each([
    { name: 'with a fail record', records: orderFailedAtPayment.records, endedAt: T0 + 400, failedAt: T0 + 400 },
    { name: 'without one', records: orderFailedAtPayment.records.slice(0, 3), endedAt: null, failedAt: null },
  ])('a failed step with nothing compensated is failed $name', ({ records, endedAt, failedAt }) => {
    const s = order(records);
    expect({ status: s.status, currentStep: s.currentStep, endedAt: s.endedAt, failedAt: s.failedAt }).toEqual({
      status: 'failed',
      currentStep: 'payment',
      endedAt,
      failedAt,
    });
  });

  it('a fail record alone fails the saga', () => {
    expect(order([['orders.failed', 'OrderFailed', 0]])).toMatchObject({ status: 'failed', failedAt: T0, endedAt: T0 });
  });

  it('records times: startedAt from the start record, updatedAt from the latest, endedAt at completion', () => {
    expect(order(orderCompleted.records)).toMatchObject({ startedAt: T0, updatedAt: T0 + 1_000, completedAt: T0 + 1_000, endedAt: T0 + 1_000 });
  });

  it('completes a choreographed step started by a trigger, with the trigger timeout', () => {
    const s = foldEvents(scenarioEvents(tripCompensated).slice(0, 2));
    expect(s.steps.map((x) => [x.name, x.status, x.startedAt, x.timeoutMs])).toEqual([
      ['flight', 'completed', T0, 8_000],
      ['hotel', 'running', T0 + 500, null],
      ['car', 'pending', null, null],
    ]);
    expect(s).toMatchObject({ status: 'in_progress', currentStep: 'hotel', phase: 'step' });
  });
});

describe('applyEvent: step attempts', () => {
  const start: Step[] = [
    ['orders.requested', 'OrderRequested', 0],
    ['payment.commands', 'AuthorizePayment', 100],
  ];

  it.each<{ name: string; records: Step[]; payment: Record<string, unknown>; status: string }>([
    {
      name: 'one command, one reply',
      records: [...start, ['payment.events', 'PaymentAuthorized', 300]],
      payment: { attempts: 1, status: 'completed', startedAt: T0 + 100, endedAt: T0 + 300 },
      status: 'in_progress',
    },
    {
      name: 'a resend counts as a second attempt',
      records: [...start, ['payment.commands', 'AuthorizePayment', 5_200], ['payment.events', 'PaymentAuthorized', 5_300]],
      payment: { attempts: 2, status: 'completed', startedAt: T0 + 5_200, endedAt: T0 + 5_300 },
      status: 'in_progress',
    },
    {
      name: 'a late reply after the step completed counts once',
      records: [
        ...start,
        ['payment.commands', 'AuthorizePayment', 5_200],
        ['payment.events', 'PaymentAuthorized', 5_300],
        ['payment.events', 'PaymentAuthorized', 5_400],
      ],
      payment: { attempts: 2, status: 'completed', startedAt: T0 + 5_200, endedAt: T0 + 5_300 },
      status: 'in_progress',
    },
    {
      name: 'a retry after a failed attempt can still complete',
      records: [
        ...start,
        ['payment.events', 'PaymentDeclined', 300],
        ['payment.commands', 'AuthorizePayment', 400],
        ['payment.events', 'PaymentAuthorized', 600],
      ],
      payment: { attempts: 2, status: 'completed', startedAt: T0 + 400, endedAt: T0 + 600 },
      status: 'in_progress',
    },
    {
      name: 'a retry still running',
      records: [...start, ['payment.events', 'PaymentDeclined', 300], ['payment.commands', 'AuthorizePayment', 400]],
      payment: { attempts: 2, status: 'running', startedAt: T0 + 400, endedAt: null, timeoutMs: 5_000 },
      status: 'in_progress',
    },
  ])('$name', ({ records, payment, status }) => {
    expect(stepsOf(records).payment).toMatchObject(payment);
    expect(order(records).status).toBe(status);
  });
});

describe('applyEvent: observed events', () => {
  it('keeps a status update on the output topic on the timeline without changing the status', () => {
    const withUpdate = order(orderCompleted.records.slice(0, 4));
    const without = order(orderCompleted.records.slice(0, 3));
    const last = withUpdate.events.at(-1)!;
    expect(last).toMatchObject({ effect: 'observed', eventType: 'OrderStatusChanged', topic: 'orders.completed', step: null });
    expect(withUpdate.status).toBe('in_progress');
    expect(withUpdate.steps).toEqual(without.steps);
    // Something happened to the saga: its stuck clock restarts.
    expect(withUpdate.updatedAt).toBe(T0 + 350);
  });
});

describe('applyEvent: MAX_EVENTS_PER_SAGA', () => {
  const f = new RecordFactory();
  const head = orderEvents(
    [
      ['orders.requested', 'OrderRequested', 0],
      ['payment.commands', 'AuthorizePayment', 100],
    ],
    f,
  );
  const updates = (n: number, from: number): SagaEvent[] =>
    Array.from({ length: n }, (_, i) => toEvent(f.order('o-1', 'orders.completed', 'OrderStatusChanged', T0 + from + i * 10)));
  const full = foldEvents([...head, ...updates(MAX_EVENTS_PER_SAGA - 2, 1_000)]);

  it('keeps every event up to the cap', () => {
    expect(full).toMatchObject({ eventCount: MAX_EVENTS_PER_SAGA, droppedEvents: 0, truncated: false });
    expect(full.events).toHaveLength(MAX_EVENTS_PER_SAGA);
  });

  it('beyond the cap drops the oldest events but keeps what they established', () => {
    const s = foldEvents(updates(20, 100_000), full);
    expect(s.events).toHaveLength(MAX_EVENTS_PER_SAGA);
    expect(s).toMatchObject({ eventCount: MAX_EVENTS_PER_SAGA + 20, droppedEvents: 20, truncated: true, startedAt: T0 });
    expect(s.steps[0]).toMatchObject({ status: 'running', attempts: 1, startedAt: T0 + 100 });
    expect(s.events[0].timestamp).toBe(T0 + 1_000 + 18 * 10);
  });

  it.each([
    { name: 'in order', at: 100_000 },
    { name: 'out of order', at: 1_005 },
  ])('the event that first overflows the cap, arriving $name, keeps the saga facts', ({ at }) => {
    const s = applyEvent(full, updates(1, at)[0], sagaType('order-fulfilment'));
    expect(s).toMatchObject({ eventCount: MAX_EVENTS_PER_SAGA + 1, droppedEvents: 1, truncated: true, startedAt: T0 });
    expect(s.steps[0]).toMatchObject({ status: 'running', attempts: 1, startedAt: T0 + 100 });
  });
});

describe('applyEvent: compensations one after another', () => {
  it('stays compensating between two compensations, waiting for the next one to start', () => {
    const between = order(orderCompensated.records.slice(0, 9));
    expect({ status: between.status, currentStep: between.currentStep, phase: between.phase }).toEqual({
      status: 'compensating',
      currentStep: 'payment',
      phase: null,
    });
    expect(order(orderCompensated.records.slice(0, 11)).status).toBe('compensated');
  });
});
