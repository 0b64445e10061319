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
    expect(keyed.ok && keyed.plan.retryId).toBe('o-1/alice/k-1');
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

  it('refuses an original whose bytes are not its text (not UTF-8, repeated or empty headers) instead of re-encoding it', () => {
    const saga = waitingAtInventory();
    const lossy = { ...saga, events: saga.events.map((e) => (e.eventType === 'ReserveInventory' ? { ...e, lossy: true } : e)) };
    const r = planRetry({ saga: lossy, status: 'stuck', config: orders, ...base });
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(!r.ok && r.reason).toMatch(/bytes.*inventory\.commands\/0\/0/);
  });

  it('resends an original whose bytes were kept byte for byte, not its text', () => {
    const saga = waitingAtInventory();
    const bytes = { key: new Uint8Array([0xff]), value: new Uint8Array([0x7b, 0x7d]), headers: [['trace', new Uint8Array([1])], ['trace', new Uint8Array([2])]] as Array<[string, Uint8Array]> };
    const kept = { ...saga, events: saga.events.map((e) => (e.eventType === 'ReserveInventory' ? { ...e, lossy: true, bytes } : e)) };
    const r = planRetry({ saga: kept, status: 'stuck', config: orders, ...base });
    if (!r.ok) throw new Error(r.reason);
    expect(r.bytes).toBe(bytes);
    expect(r.plan.retryOf).toBe('inventory.commands/0/0');
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
      phase: 'step',
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

/** Histories where the step a saga names is not what it owes: a compensation, the next step, or nothing at all. */
describe('planRetry publishes what the saga owes, or refuses naming the record it lacks', () => {
  const command = SagaTypeConfig.parse({ ...orders, retry: { mode: 'command', topic: 'orders.retries' } });
  const order = (id: string, records: Array<[string, string, number]>) => foldEvents(orderRecords(id, records).map(toEvent));
  const upToShipping: Array<[string, string, number]> = [
    ['orders.requested', 'OrderRequested', 0],
    ['payment.commands', 'AuthorizePayment', 100],
    ['payment.events', 'PaymentAuthorized', 200],
    ['inventory.commands', 'ReserveInventory', 300],
    ['inventory.events', 'InventoryReserved', 400],
    ['shipping.commands', 'ScheduleShipment', 500],
  ];
  /** Shipping failed, inventory was released, the refund of the payment never started. */
  const refundOwed = () =>
    order('o-r', [...upToShipping, ['shipping.events', 'ShipmentFailed', 600], ['inventory.commands', 'ReleaseInventory', 700], ['inventory.events', 'InventoryReleased', 800]]);
  /** Inventory failed and nothing was compensated yet: the payment's refund is owed. */
  const failedWithRefundOwed = () => order('o-f', [...upToShipping.slice(0, 4), ['inventory.events', 'InventoryUnavailable', 400]]);
  const commandOf = (r: ReturnType<typeof planRetry>) => {
    if (!r.ok) throw new Error(r.reason);
    return RetryCommand.parse(JSON.parse(r.plan.value));
  };

  it('a compensation owed but never started: command mode asks for the refund, not the payment', () => {
    const saga = refundOwed();
    expect(saga).toMatchObject({ status: 'compensating', phase: null, currentStep: 'payment' });
    const r = planRetry({ saga, status: 'stuck', config: command, ...base });
    expect(commandOf(r)).toMatchObject({ type: 'RetryStep', step: 'payment', phase: 'compensation' });
    expect(r.ok && r.plan).toMatchObject({ step: 'payment', phase: 'compensation', eventType: 'RetryStep', topic: 'orders.retries', expects: { eventType: 'RefundPayment', topic: 'payment.commands' } });
  });

  it('a compensation owed but never started: resend mode refuses, naming the record it would need', () => {
    const r = planRetry({ saga: refundOwed(), status: 'stuck', config: orders, ...base });
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(!r.ok && r.reason).toMatch(/compensation of payment/);
    expect(!r.ok && r.reason).toContain('RefundPayment on payment.commands');
  });

  it('a step failed with a completed step still to undo: the compensation is owed, not the failed step again', () => {
    const saga = failedWithRefundOwed();
    expect(saga).toMatchObject({ status: 'failed', failedAt: null });
    expect(commandOf(planRetry({ saga, status: 'failed', config: command, ...base }))).toMatchObject({ step: 'payment', phase: 'compensation' });
    const resend = planRetry({ saga, status: 'failed', config: orders, ...base });
    expect(!resend.ok && resend.reason).toContain('RefundPayment on payment.commands');
  });

  it('a first step that failed with nothing to undo is retried forward', () => {
    const saga = order('o-d', [...upToShipping.slice(0, 2), ['payment.events', 'PaymentDeclined', 200]]);
    const r = planRetry({ saga, status: 'failed', config: orders, ...base });
    if (!r.ok) throw new Error(r.reason);
    expect(r.plan).toMatchObject({ step: 'payment', phase: 'step', eventType: 'AuthorizePayment', topic: 'payment.commands' });
  });

  it('between steps the next step is owed: never the completed one before it', () => {
    const saga = order('o-b', upToShipping.slice(0, 3));
    expect(saga).toMatchObject({ status: 'in_progress', phase: null, currentStep: 'payment' });
    expect(commandOf(planRetry({ saga, status: 'stuck', config: command, ...base }))).toMatchObject({ step: 'inventory', phase: 'step' });
    const resend = planRetry({ saga, status: 'stuck', config: orders, ...base });
    expect(!resend.ok && resend.reason).toContain('ReserveInventory on inventory.commands');
  });

  it('a compensation that started is resent as it was published', () => {
    const saga = order('o-c', [...upToShipping.slice(0, 4), ['inventory.events', 'InventoryUnavailable', 400], ['payment.commands', 'RefundPayment', 500]]);
    const r = planRetry({ saga, status: 'stuck', config: orders, ...base });
    if (!r.ok) throw new Error(r.reason);
    expect(r.plan).toMatchObject({ step: 'payment', phase: 'compensation', eventType: 'RefundPayment', topic: 'payment.commands' });
    expect(JSON.parse(r.plan.value).type).toBe('RefundPayment');
  });

  it('refuses a step other than the one the saga owes, naming the one it owes', () => {
    for (const step of ['payment', 'shipping']) {
      const r = planRetry({ saga: waitingAtInventory(), status: 'stuck', config: orders, ...base, step });
      expect(r).toMatchObject({ ok: false, status: 409 });
      expect(!r.ok && r.reason).toContain('waits on step inventory');
    }
    expect(planRetry({ saga: waitingAtInventory(), status: 'stuck', config: orders, ...base, step: 'inventory' }).ok).toBe(true);
  });

  it('a saga with a fail record is not retried unless its type allows it', () => {
    const saga = order('o-x', [...upToShipping.slice(0, 2), ['payment.events', 'PaymentDeclined', 200], ['orders.failed', 'OrderFailed', 300]]);
    const r = planRetry({ saga, status: 'failed', config: orders, ...base });
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(!r.ok && r.reason).toContain('OrderFailed');
    const allowing = SagaTypeConfig.parse({ ...orders, retry: { mode: 'resend', afterFail: true } });
    const again = planRetry({ saga, status: 'failed', config: allowing, ...base });
    expect(again.ok && again.plan).toMatchObject({ step: 'payment', phase: 'step' });
  });

  it('an Idempotency-Key names a retry of one saga by one operator', () => {
    const a = planRetry({ saga: waitingAtInventory(), status: 'stuck', config: orders, ...base, idempotencyKey: 'k-1' });
    const other = planRetry({ saga: order('o-9', upToShipping.slice(0, 4)), status: 'stuck', config: orders, ...base, idempotencyKey: 'k-1' });
    const bob = planRetry({ saga: waitingAtInventory(), status: 'stuck', config: orders, ...base, operator: 'bob', idempotencyKey: 'k-1' });
    const ids = [a, other, bob].map((r) => (r.ok ? r.plan.retryId : r.reason));
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBe('o-1/alice/k-1');
  });
});
