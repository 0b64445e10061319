import { compileConfig, type CompiledConfig } from '../../lib/saga/compiled-config';
import { MonitorConfig } from '../../lib/config/schema';
import type { SagaEvent } from '../../lib/saga/event';
import type { Effect } from '../../lib/config/schema';

/** A small orchestrated saga type for store and API tests, hand-written after the demo's order-fulfilment. */
export function ordersConfig(): CompiledConfig {
  return compileConfig(
    MonitorConfig.parse({
      kafka: { brokers: ['127.0.0.1:9092'] },
      sagas: [
        {
          type: 'orders',
          sagaId: { header: 'saga-id' },
          eventType: { jsonPath: '$.type' },
          steps: ['payment', 'shipping'],
          stuckAfterMs: 30_000,
          rules: [
            { topic: 'orders.requested', effect: 'start' },
            { topic: 'payment.commands', eventType: 'Pay', step: 'payment', effect: 'step-started', timeoutMs: 10_000 },
            { topic: 'payment.events', eventType: 'Paid', step: 'payment', effect: 'step-completed' },
            { topic: 'shipping.commands', eventType: 'Ship', step: 'shipping', effect: 'step-started', timeoutMs: 5_000 },
            { topic: 'shipping.events', eventType: 'Shipped', step: 'shipping', effect: 'step-completed' },
            { topic: 'orders.completed', eventType: 'Done', effect: 'complete' },
          ],
        },
      ],
    }),
  );
}

let offset = 0;

export function ev(sagaId: string, effect: Effect, timestamp: number, step: string | null = null, timeoutMs: number | null = null): SagaEvent {
  offset += 1;
  return {
    sagaId,
    sagaType: 'orders',
    effect,
    step,
    eventType: effect,
    timeoutMs,
    triggers: null,
    ruleIndex: 0,
    topic: `t.${effect}`,
    partition: 0,
    offset: String(offset),
    timestamp,
    key: sagaId,
    headers: { 'saga-id': sagaId },
    value: JSON.stringify({ type: effect, sagaId }),
    valueTruncated: false,
  };
}
