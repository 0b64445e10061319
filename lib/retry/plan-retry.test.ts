import { describe, expect, it } from 'vitest';
import { SagaTypeConfig } from '../config/schema';
import { foldEvents, toEvent } from '../../testing/fixtures/materialize';
import { sagaType } from '../../testing/fixtures/order-fulfilment';
import { orderRecords, tripRecords } from '../../testing/fixtures/records';
import { orderCompleted } from '../../testing/fixtures/scenarios';
import type { SagaStatus } from '../wire/rest';
import { planRetry } from './plan-retry';
import { RETRY_HEADERS, RetryCommand } from './retry-wire';

const orders = sagaType('order-fulfilment');
const trips = sagaType('trip-booking');
/** An order whose inventory command got no reply. */
const waitingAtInventory = () =>
  foldEvents(
    orderRecords('o-1', [
      ['orders.requested', 'OrderRequested', 0],
      ['payment.commands', 'AuthorizePayment', 100],
      ['payment.events', 'PaymentAuthorized', 200],
      ['inventory.commands', 'ReserveInventory', 300],
    ]).map(toEvent),
  );
const base = { operator: 'alice', now: Date.UTC(2025, 0, 1) };

describe('planRetry, resend mode', () => {
  it('resends the command of the waiting step with the same key and value and the retry headers', () => {
    const saga = waitingAtInventory();
    const original = saga.events.find((e) => e.eventType === 'ReserveInventory')!;
    const r = planRetry({ saga, status: 'stuck', config: orders, ...base });
    if (!r.ok) throw new Error(r.reason);
    expect(r.plan).toMatchObject({
      mode: 'resend',
      step: 'inventory',
      topic: original.topic,
      key: original.key,
      value: original.value,
      retryId: 'o-1/inventory/1',
      retryOf: `${original.topic}/${original.partition}/${original.offset}`,
    });
    expect(r.plan.headers).toEqual({
      ...original.headers,
      [RETRY_HEADERS.id]: 'o-1/inventory/1',
      [RETRY_HEADERS.by]: 'alice',
      [RETRY_HEADERS.of]: r.plan.retryOf,
    });
  });

  it('resends the triggering event in a choreography', () => {
    const saga = foldEvents(
      tripRecords('t-1', [
        ['trips.requested', 'TripRequested', 0],
        ['flights.events', 'FlightBooked', 100],
      ]).map(toEvent),
    );
    const r = planRetry({ saga, status: 'stuck', config: trips, ...base });
    if (!r.ok) throw new Error(r.reason);
    expect(r.plan.step).toBe('hotel');
    expect(r.plan.topic).toBe('flights.events');
    expect(JSON.parse(r.plan.value).type).toBe('FlightBooked');
  });

  it('uses the idempotency key as the retry id, and a later attempt gets a new derived id', () => {
    const saga = waitingAtInventory();
    const keyed = planRetry({ saga, status: 'stuck', config: orders, ...base, idempotencyKey: 'k-1' });
    expect(keyed.ok && keyed.plan.retryId).toBe('k-1');
    const resent = foldEvents(
      [{ ...saga.events[3], offset: '999', timestamp: saga.events[3].timestamp + 50, headers: { ...saga.events[3].headers, [RETRY_HEADERS.id]: 'x' } }],
      saga,
    );
    const again = planRetry({ saga: resent, status: 'stuck', config: orders, ...base });
    expect(again.ok && again.plan.retryId).toBe('o-1/inventory/2');
    // The original command is resent again, never the copy.
    expect(again.ok && again.plan.retryOf).toBe(keyed.ok && keyed.plan.retryOf);
  });

  it.each<[string, SagaStatus]>([
    ['completed', 'completed'],
    ['compensated', 'compensated'],
    ['in progress', 'in_progress'],
  ])('refuses a %s saga with 409 and the allowed statuses', (_n, status) => {
    const saga = foldEvents(orderRecords('o-2', orderCompleted.records).map(toEvent));
    const r = planRetry({ saga, status, config: orders, ...base });
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(!r.ok && r.reason).toContain('stuck or failed');
  });

  it('refuses an unknown step and a truncated original', () => {
    const saga = waitingAtInventory();
    expect(planRetry({ saga, status: 'stuck', config: orders, ...base, step: 'nope' })).toMatchObject({ ok: false, status: 409 });
    const cut = { ...saga, events: saga.events.map((e) => (e.eventType === 'ReserveInventory' ? { ...e, valueTruncated: true } : e)) };
    const r = planRetry({ saga: cut, status: 'stuck', config: orders, ...base });
    expect(!r.ok && r.reason).toContain('larger than the monitor keeps');
  });
});

describe('planRetry, command mode', () => {
  const config = SagaTypeConfig.parse({ ...orders, retry: { mode: 'command', topic: 'orders.retries' } });

  it('publishes a retry command for the orchestrator', () => {
    const r = planRetry({ saga: waitingAtInventory(), status: 'stuck', config, ...base });
    if (!r.ok) throw new Error(r.reason);
    expect(r.plan).toMatchObject({ mode: 'command', topic: 'orders.retries', key: 'o-1', retryOf: null });
    expect(RetryCommand.parse(JSON.parse(r.plan.value))).toEqual({
      type: 'RetryStep',
      sagaId: 'o-1',
      step: 'inventory',
      retryId: 'o-1/inventory/1',
      requestedBy: 'alice',
      requestedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(r.plan.headers[RETRY_HEADERS.id]).toBe('o-1/inventory/1');
  });

  it('honours configured retryable statuses', () => {
    const onlyStuck = SagaTypeConfig.parse({ ...orders, retry: { mode: 'command', topic: 't', statuses: ['stuck'] } });
    expect(planRetry({ saga: waitingAtInventory(), status: 'failed', config: onlyStuck, ...base })).toMatchObject({ ok: false, status: 409 });
  });
});
