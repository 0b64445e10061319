import type { DemoEvent, Fields } from './envelope';
import { ORDER_STEPS, type OrderStep, type OrderStepDef } from './order-steps';
import type { Rng } from '../lib/random';
import type { Reaction, ServiceDef } from './service-runtime';
import { CARRIERS, FAILURE_REASONS, PAYMENT_METHODS, WAREHOUSES } from './vocabulary';

/** Shipments arrive two to five days after they are scheduled. */
const ETA_DAYS = { min: 2, max: 5 };
const DAY_MS = 86_400_000;

interface StepDetails {
  /** What the worker adds to its success reply (ids the compensation will need later). */
  done(input: DemoEvent, rng: Rng): Fields;
  /** What a refusal says besides its reason. */
  refused(input: DemoEvent): Fields;
  /** What the compensation reply says about what was undone. */
  undone(input: DemoEvent, rng: Rng): Fields;
}

const DETAILS: Record<OrderStep, StepDetails> = {
  payment: {
    done: (c, rng) => ({
      paymentId: `pay-${rng.token(10)}`,
      amount: c.amount,
      currency: c.currency,
      method: rng.pick(PAYMENT_METHODS),
      authCode: rng.token(6).toUpperCase(),
    }),
    refused: (c) => ({ amount: c.amount, currency: c.currency, channel: c.channel }),
    undone: (c, rng) => ({ refundId: `ref-${rng.token(10)}`, paymentId: c.paymentId, amount: c.amount, currency: c.currency }),
  },
  inventory: {
    done: (c, rng) => ({
      reservationId: `res-${rng.token(10)}`,
      warehouse: rng.pick(WAREHOUSES),
      items: c.items,
    }),
    refused: (c) => ({ skus: Array.isArray(c.items) ? c.items.map((i: { sku?: unknown }) => i.sku) : [], shipTo: c.shipTo }),
    undone: (c) => ({ reservationId: c.reservationId, warehouse: c.warehouse, items: c.items }),
  },
  shipping: {
    done: (c, rng) => ({
      shipmentId: `shp-${rng.token(10)}`,
      carrier: rng.pick(CARRIERS),
      trackingNo: rng.token(12).toUpperCase(),
      eta: new Date(Date.parse(c.at) + rng.int(ETA_DAYS.min, ETA_DAYS.max) * DAY_MS).toISOString().slice(0, 10),
      address: c.address,
    }),
    refused: (c) => ({ address: c.address, parcels: c.parcels }),
    undone: (c) => ({ shipmentId: c.shipmentId, carrier: c.carrier }),
  },
};

function base(c: DemoEvent): Fields {
  return { orderId: c.orderId, customerId: c.customerId };
}

function workerFor(def: OrderStepDef): ServiceDef {
  const details = DETAILS[def.step];
  const act: Reaction = {
    step: def.step,
    phase: 'action',
    respond: (c, outcome, rng) =>
      outcome === 'ok'
        ? [{ type: def.succeeded, fields: { ...base(c), ...details.done(c, rng) } }]
        : [{ type: def.failed, fields: { ...base(c), ...details.refused(c), reason: rng.pick(FAILURE_REASONS[def.step]) } }],
  };
  const undo: Reaction = {
    step: def.step,
    phase: 'compensation',
    respond: (c, _outcome, rng) => [{ type: def.compensated, fields: { ...base(c), ...details.undone(c, rng) } }],
  };
  return { name: `${def.step}-service`, sagaType: 'order-fulfilment', reactions: { [def.command]: act, [def.compensate]: undo } };
}

/** payment-service, inventory-service, shipping-service: each answers its commands topic on its events topic. */
export const ORDER_WORKERS: readonly ServiceDef[] = ORDER_STEPS.map(workerFor);
