import type { EventType, ORDER_STEP_NAMES } from './event-catalog';
import type { Fields } from './envelope';
import type { OrderData } from './order-data';

export type OrderStep = (typeof ORDER_STEP_NAMES)[number];

/** One step of the orchestrated saga: the command, its two replies, and its compensation with its reply. */
export interface OrderStepDef {
  step: OrderStep;
  command: EventType;
  succeeded: EventType;
  failed: EventType;
  compensate: EventType;
  compensated: EventType;
  /** OrderStatusChanged status after the step succeeded, and after it was compensated. */
  doneStatus: string;
  undoneStatus: string;
  /** What the worker needs to do the step, taken from the order. */
  commandFields(order: OrderData): Fields;
}

/** In execution order; compensation runs backwards through it. */
export const ORDER_STEPS: readonly OrderStepDef[] = [
  {
    step: 'payment',
    command: 'AuthorizePayment',
    succeeded: 'PaymentAuthorized',
    failed: 'PaymentDeclined',
    compensate: 'RefundPayment',
    compensated: 'PaymentRefunded',
    doneStatus: 'payment-authorized',
    undoneStatus: 'payment-refunded',
    commandFields: (o) => ({ customerId: o.customerId, amount: o.amount, currency: o.currency, channel: o.channel }),
  },
  {
    step: 'inventory',
    command: 'ReserveInventory',
    succeeded: 'InventoryReserved',
    failed: 'InventoryUnavailable',
    compensate: 'ReleaseInventory',
    compensated: 'InventoryReleased',
    doneStatus: 'inventory-reserved',
    undoneStatus: 'inventory-released',
    commandFields: (o) => ({ customerId: o.customerId, items: o.items, shipTo: o.shippingAddress.country }),
  },
  {
    step: 'shipping',
    command: 'ScheduleShipment',
    succeeded: 'ShipmentScheduled',
    failed: 'ShipmentFailed',
    compensate: 'CancelShipment',
    compensated: 'ShipmentCancelled',
    doneStatus: 'shipment-scheduled',
    undoneStatus: 'shipment-cancelled',
    commandFields: (o) => ({
      customerId: o.customerId,
      address: o.shippingAddress,
      parcels: o.items.reduce((n, i) => n + i.qty, 0),
    }),
  },
];
