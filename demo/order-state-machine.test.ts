import { describe, expect, it } from 'vitest';
import type { OrderData } from './order-data';
import { nextAction, retryStep, startOrder, type Decision, type OrderState } from './order-state-machine';

const ORDER: OrderData = {
  customerId: 'cus-1',
  channel: 'web',
  items: [{ sku: 'SKU-1', qty: 2, unitPrice: 10 }],
  amount: 20,
  currency: 'EUR',
  shippingAddress: { street: 'Main 1', city: 'Lisbon', postcode: '1000', country: 'PT' },
};

/** Feeds replies in order; returns every emitted type (status updates as `status:<value>`) and the last decision. */
function run(replies: string[], skip: string[] = []): { emitted: string[]; last: Decision; accepted: boolean[] } {
  let d = startOrder('ord-t-1', ORDER);
  const emitted = d.emit.map((e) => e.type as string);
  const accepted: boolean[] = [];
  for (const type of replies) {
    d = nextAction(d.state, { type, fields: { reason: 'test', [`${type}Id`]: `id-of-${type}` } }, skip);
    accepted.push(d.accepted);
    emitted.push(...d.emit.map((e) => (e.type === 'OrderStatusChanged' ? `status:${String(e.fields.status)}` : e.type)));
  }
  return { emitted, last: d, accepted };
}

describe('order state machine', () => {
  it.each<[string, string[], string[], OrderState['phase']]>([
    [
      'completes after the three steps',
      ['PaymentAuthorized', 'InventoryReserved', 'ShipmentScheduled'],
      ['AuthorizePayment', 'status:payment-authorized', 'ReserveInventory', 'status:inventory-reserved', 'ScheduleShipment', 'status:shipment-scheduled', 'OrderCompleted'],
      'completed',
    ],
    ['fails at once when payment is declined', ['PaymentDeclined'], ['AuthorizePayment', 'OrderFailed'], 'failed'],
    [
      'refunds the payment when inventory is unavailable',
      ['PaymentAuthorized', 'InventoryUnavailable', 'PaymentRefunded'],
      ['AuthorizePayment', 'status:payment-authorized', 'ReserveInventory', 'status:compensating', 'RefundPayment', 'status:payment-refunded', 'OrderFailed'],
      'failed',
    ],
    [
      'compensates newest first when shipping fails, never the failed step itself',
      ['PaymentAuthorized', 'InventoryReserved', 'ShipmentFailed', 'InventoryReleased', 'PaymentRefunded'],
      [
        'AuthorizePayment', 'status:payment-authorized', 'ReserveInventory', 'status:inventory-reserved', 'ScheduleShipment',
        'status:compensating', 'ReleaseInventory', 'status:inventory-released', 'RefundPayment', 'status:payment-refunded', 'OrderFailed',
      ],
      'failed',
    ],
    [
      'waits in compensation until the awaited compensation reply comes',
      ['PaymentAuthorized', 'InventoryReserved', 'ShipmentFailed'],
      ['AuthorizePayment', 'status:payment-authorized', 'ReserveInventory', 'status:inventory-reserved', 'ScheduleShipment', 'status:compensating', 'ReleaseInventory'],
      'compensating',
    ],
  ])('%s', (_name, replies, emitted, phase) => {
    const r = run(replies);
    expect(r.emitted).toEqual(emitted);
    expect(r.last.state.phase).toBe(phase);
    expect(r.accepted.every(Boolean)).toBe(true);
  });

  it('ignores a duplicate reply instead of advancing twice', () => {
    const r = run(['PaymentAuthorized', 'PaymentAuthorized', 'InventoryReserved']);
    expect(r.accepted).toEqual([true, false, true]);
    expect(r.emitted.filter((t) => t === 'ReserveInventory')).toHaveLength(1);
    expect(r.last.state.index).toBe(2);
  });

  it.each([
    ['a reply of a later step', ['InventoryReserved']],
    ['a failure after the step succeeded', ['PaymentAuthorized', 'PaymentDeclined']],
    ['a compensation reply nobody asked for', ['PaymentRefunded']],
    ['anything after completion', ['PaymentAuthorized', 'InventoryReserved', 'ShipmentScheduled', 'ShipmentScheduled']],
    ['anything after failure', ['PaymentDeclined', 'PaymentAuthorized']],
  ])('ignores %s', (_name, replies) => {
    const r = run(replies);
    expect(r.accepted.at(-1)).toBe(false);
    expect(r.last.emit).toEqual([]);
  });

  it('hands a step its own reply when compensating it, and reports the failure', () => {
    const r = run(['PaymentAuthorized', 'InventoryUnavailable']);
    const refund = r.last.emit.find((e) => e.type === 'RefundPayment');
    expect(refund?.fields).toMatchObject({ orderId: 'ord-t-1', PaymentAuthorizedId: 'id-of-PaymentAuthorized', reason: 'inventory failed: test' });
    const failed = nextAction(r.last.state, { type: 'PaymentRefunded', fields: {} }).emit.at(-1);
    expect(failed?.fields).toMatchObject({ failedStep: 'inventory', reason: 'test', compensated: ['payment'] });
  });

  it('puts the order into its commands', () => {
    const { emit } = startOrder('ord-t-1', ORDER);
    expect(emit[0]).toEqual({ type: 'AuthorizePayment', fields: { orderId: 'ord-t-1', customerId: 'cus-1', amount: 20, currency: 'EUR', channel: 'web' } });
  });

  const DONE = ['AuthorizePayment', 'status:payment-authorized', 'ReserveInventory', 'status:inventory-reserved', 'ScheduleShipment'];
  it.each<[string, string[], string[], string[], string[]]>([
    ['inventory fails, payment skipped: fails at once', ['payment'], ['PaymentAuthorized', 'InventoryUnavailable'], ['AuthorizePayment', 'status:payment-authorized', 'ReserveInventory', 'OrderFailed'], []],
    ['shipping fails, inventory skipped: refunds only', ['inventory'], ['PaymentAuthorized', 'InventoryReserved', 'ShipmentFailed', 'PaymentRefunded'], [...DONE, 'status:compensating', 'RefundPayment', 'status:payment-refunded', 'OrderFailed'], ['payment']],
    ['shipping fails, payment skipped: releases only', ['payment'], ['PaymentAuthorized', 'InventoryReserved', 'ShipmentFailed', 'InventoryReleased'], [...DONE, 'status:compensating', 'ReleaseInventory', 'status:inventory-released', 'OrderFailed'], ['inventory']],
    ['shipping fails, both skipped: fails at once', ['payment', 'inventory'], ['PaymentAuthorized', 'InventoryReserved', 'ShipmentFailed'], [...DONE, 'OrderFailed'], []],
    ['payment declined, payment skipped: as without skipping', ['payment'], ['PaymentDeclined'], ['AuthorizePayment', 'OrderFailed'], []],
  ])('skipping compensation: %s', (_name, skip, replies, emitted, compensated) => {
    const r = run(replies, skip);
    expect(r.emitted).toEqual(emitted);
    expect(r.accepted.every(Boolean)).toBe(true);
    expect(r.last.state.phase).toBe('failed');
    expect(r.last.emit.at(-1)!.fields).toMatchObject({ compensated });
  });

  it('ignores the compensation reply of a skipped step', () => {
    const r = run(['PaymentAuthorized', 'InventoryReserved', 'ShipmentFailed', 'InventoryReleased', 'PaymentRefunded'], ['payment']);
    expect(r.accepted).toEqual([true, true, true, true, false]);
  });

  it('re-sends what a retry asks only when the order owes that phase of that step', () => {
    const running = run(['PaymentAuthorized']).last.state;
    expect(retryStep(running, 'inventory', 'step')?.type).toBe('ReserveInventory');
    expect(retryStep(running, 'inventory')?.type).toBe('ReserveInventory');
    expect(retryStep(running, 'inventory', 'compensation')).toBeNull();
    expect(retryStep(running, 'payment', 'step')).toBeNull();
    const refunding = run(['PaymentAuthorized', 'InventoryUnavailable']).last.state;
    expect(retryStep(refunding, 'payment', 'compensation')?.type).toBe('RefundPayment');
    expect(retryStep(refunding, 'payment', 'step')).toBeNull();
  });
});
