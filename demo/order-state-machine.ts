import type { Emission, Fields } from './envelope';
import type { OrderData } from './order-data';
import { ORDER_STEPS, type OrderStep } from './order-steps';

/** The orchestrator's view of one order; replaced, never mutated. */
export interface OrderState {
  orderId: string;
  order: OrderData;
  phase: 'running' | 'compensating' | 'completed' | 'failed';
  /** running: the step whose reply is awaited; compensating: the step whose compensation reply is awaited. */
  index: number;
  /** What each succeeded step replied (payment id, reservation id...): its compensation needs it. */
  results: Partial<Record<OrderStep, Fields>>;
  failure: { step: OrderStep; reason: string } | null;
}

export interface Decision {
  state: OrderState;
  emit: Emission[];
  /** False when the reply was not the one awaited (a duplicate or a late reply): nothing changes. */
  accepted: boolean;
}

export interface Reply {
  type: string;
  fields: Fields;
}

export function isFinished(s: OrderState): boolean {
  return s.phase === 'completed' || s.phase === 'failed';
}

function command(s: OrderState, i: number): Emission {
  const def = ORDER_STEPS[i];
  return { type: def.command, fields: { orderId: s.orderId, ...def.commandFields(s.order) } };
}

function compensation(s: OrderState, i: number): Emission {
  const def = ORDER_STEPS[i];
  const reason = s.failure ? `${s.failure.step} failed: ${s.failure.reason}` : 'order failed';
  return { type: def.compensate, fields: { orderId: s.orderId, customerId: s.order.customerId, ...s.results[def.step], reason } };
}

function status(s: OrderState, value: string, step: OrderStep): Emission {
  return { type: 'OrderStatusChanged', fields: { orderId: s.orderId, customerId: s.order.customerId, status: value, step } };
}

/** Steps whose compensation is left out (the demo's `skipCompensation`); none by default. */
export type SkipCompensation = readonly string[];
const NO_SKIP: SkipCompensation = [];

/** The step to compensate after index `from`: the newest earlier one not skipped, or -1 when none is left. */
function nextToCompensate(from: number, skip: SkipCompensation): number {
  for (let i = from - 1; i >= 0; i--) if (!skip.includes(ORDER_STEPS[i].step)) return i;
  return -1;
}

function orderFailed(s: OrderState, skip: SkipCompensation): Emission {
  const compensated = ORDER_STEPS.filter((d) => s.results[d.step] !== undefined && !skip.includes(d.step)).map((d) => d.step).reverse();
  return {
    type: 'OrderFailed',
    fields: { orderId: s.orderId, customerId: s.order.customerId, amount: s.order.amount, currency: s.order.currency, failedStep: s.failure?.step, reason: s.failure?.reason, compensated },
  };
}

function orderCompleted(s: OrderState): Emission {
  const { paymentId } = s.results.payment ?? {};
  const { shipmentId, carrier } = s.results.shipping ?? {};
  return {
    type: 'OrderCompleted',
    fields: { orderId: s.orderId, customerId: s.order.customerId, amount: s.order.amount, currency: s.order.currency, paymentId, shipmentId, carrier },
  };
}

export function startOrder(orderId: string, order: OrderData): Decision {
  const state: OrderState = { orderId, order, phase: 'running', index: 0, results: {}, failure: null };
  return { state, emit: [command(state, 0)], accepted: true };
}

/**
 * One reply in, the next commands out. Only the reply the order is waiting for moves it (so a reply to a re-sent
 * command is accepted once and a duplicate changes nothing); failing step N compensates steps N-1..1 one at a time,
 * newest first, then fails the order. Steps in `skip` are passed over as if they needed no compensation.
 */
export function nextAction(s: OrderState, reply: Reply, skip: SkipCompensation = NO_SKIP): Decision {
  const ignored: Decision = { state: s, emit: [], accepted: false };
  const def = ORDER_STEPS[s.index];
  if (!def) return ignored;
  if (s.phase === 'running' && reply.type === def.succeeded) {
    const next: OrderState = { ...s, results: { ...s.results, [def.step]: reply.fields } };
    const done = status(next, def.doneStatus, def.step);
    if (s.index + 1 < ORDER_STEPS.length) {
      const advanced = { ...next, index: s.index + 1 };
      return { state: advanced, emit: [done, command(advanced, advanced.index)], accepted: true };
    }
    const completed: OrderState = { ...next, phase: 'completed' };
    return { state: completed, emit: [done, orderCompleted(completed)], accepted: true };
  }
  if (s.phase === 'running' && reply.type === def.failed) {
    const reason = typeof reply.fields.reason === 'string' ? reply.fields.reason : reply.type;
    const failing: OrderState = { ...s, failure: { step: def.step, reason } };
    const first = nextToCompensate(s.index, skip);
    if (first < 0) {
      const failed: OrderState = { ...failing, phase: 'failed' };
      return { state: failed, emit: [orderFailed(failed, skip)], accepted: true };
    }
    const comp: OrderState = { ...failing, phase: 'compensating', index: first };
    return { state: comp, emit: [status(comp, 'compensating', def.step), compensation(comp, comp.index)], accepted: true };
  }
  if (s.phase === 'compensating' && reply.type === def.compensated) {
    const undone = status(s, def.undoneStatus, def.step);
    const next = nextToCompensate(s.index, skip);
    if (next >= 0) {
      const comp: OrderState = { ...s, index: next };
      return { state: comp, emit: [undone, compensation(comp, comp.index)], accepted: true };
    }
    const failed: OrderState = { ...s, phase: 'failed' };
    return { state: failed, emit: [undone, orderFailed(failed, skip)], accepted: true };
  }
  return ignored;
}

/**
 * A manual retry asked of the orchestrator (Saga Monitor's command mode): re-send the command, or the compensation,
 * of the step the order waits on. Any other step, the other phase than the one asked (a refund asked while the step
 * runs), or a finished order, is refused: the orchestrator stays the one writer of its orders' state.
 */
export function retryStep(s: OrderState, step: string, phase?: 'step' | 'compensation'): Emission | null {
  const def = ORDER_STEPS[s.index];
  if (!def || def.step !== step) return null;
  if (s.phase === 'running' && phase !== 'compensation') return command(s, s.index);
  if (s.phase === 'compensating' && phase !== 'step') return compensation(s, s.index);
  return null;
}
