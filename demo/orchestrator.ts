import type { Consumer } from 'kafkajs';
import { EVENT_TOPICS } from './event-catalog';
import { businessFields, type DemoEvent, parseEvent, RETRY_HEADER, toRecords } from './envelope';
import { startConsumer } from './kafka-setup';
import { OrderData } from './order-data';
import { isFinished, nextAction, retryStep, startOrder, type Decision, type OrderState } from './order-state-machine';
import { ORDER_STEPS } from './order-steps';
import { groupIdFor, type Runtime } from './service-runtime';
import { topicName } from './topics';

/**
 * Orders remembered, finished ones included so a re-published OrderRequested or a duplicate reply is recognised.
 * Stuck orders never finish; past this cap the oldest are forgotten and their late replies count as ignored.
 */
export const MAX_ORDERS_TRACKED = 100_000;

const REPLY_TOPICS = ORDER_STEPS.map((d) => EVENT_TOPICS[d.succeeded]);

/** The order-fulfilment orchestrator: starts orders, drives them step by step, compensates on failure. */
export function startOrchestrator(rt: Runtime): Promise<Consumer> {
  const orders = new Map<string, OrderState>();
  const { opts, stats } = rt;

  const apply = (d: Decision, cause: DemoEvent) => {
    orders.delete(d.state.orderId);
    orders.set(d.state.orderId, d.state);
    if (orders.size > MAX_ORDERS_TRACKED) orders.delete(orders.keys().next().value!);
    rt.producer.enqueue(toRecords(opts.topicPrefix, d.state.orderId, d.emit, Date.parse(cause.at), Date.now()));
  };

  /** A RetryStep command: re-send what the order waits for, marked so the worker never drops it. */
  const onRetry = (value: Buffer | null) => {
    const cmd = parseRetry(value);
    const known = cmd && orders.get(cmd.sagaId);
    const emission = known ? retryStep(known, cmd.step, cmd.phase) : null;
    if (!cmd || !emission) {
      stats.repliesIgnored += 1;
      return;
    }
    const records = toRecords(opts.topicPrefix, cmd.sagaId, [emission], 0, Date.now());
    for (const r of records) r.message.headers = { ...r.message.headers, [RETRY_HEADER]: cmd.retryId };
    rt.producer.enqueue(records);
  };

  const onEvent = (e: DemoEvent) => {
    const known = orders.get(e.sagaId);
    if (e.type === 'OrderRequested') {
      const order = OrderData.safeParse(businessFields(e));
      if (!order.success) stats.recordsInvalid += 1;
      else if (known) stats.repliesIgnored += 1;
      else apply(startOrder(e.sagaId, order.data), e);
      return;
    }
    const d = known && !isFinished(known) ? nextAction(known, { type: e.type, fields: businessFields(e) }, opts.skipCompensation) : null;
    if (d?.accepted) apply(d, e);
    else stats.repliesIgnored += 1;
  };

  return startConsumer(rt.kafka, {
    groupId: groupIdFor(opts, 'order-orchestrator'),
    topics: ['orders.requested' as const, 'orders.retries' as const, ...new Set(REPLY_TOPICS)].map((t) => topicName(opts.topicPrefix, t)),
    eachMessage: async ({ topic, partition, message }) => {
      if (topic === topicName(opts.topicPrefix, 'orders.retries')) {
        onRetry(message.value);
        return;
      }
      const e = parseEvent(message.value);
      if (!e) {
        stats.recordsInvalid += 1;
        return;
      }
      try {
        onEvent(e);
      } catch (err) {
        stats.recordsInvalid += 1;
        opts.log(`order-orchestrator: cannot handle record at ${topic}/${partition}@${message.offset}: ${String(err)}`);
      }
    },
  });
}

function parseRetry(value: Buffer | null): { sagaId: string; step: string; retryId: string; phase?: 'step' | 'compensation' } | null {
  try {
    const v = JSON.parse(value?.toString('utf8') ?? '') as Record<string, unknown>;
    if (v.type !== 'RetryStep' || typeof v.sagaId !== 'string' || typeof v.step !== 'string' || typeof v.retryId !== 'string') return null;
    // Older monitors sent no phase: the order's own state decides then.
    const phase = v.phase === 'step' || v.phase === 'compensation' ? v.phase : undefined;
    return { sagaId: v.sagaId, step: v.step, retryId: v.retryId, phase };
  } catch {
    return null;
  }
}
