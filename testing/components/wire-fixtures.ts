import { RetryAccepted, RetryPlanView } from '../../lib/retry/retry-wire';
import { TopicConsumers } from '../../lib/wire/consumers';
import { HealthResponse, SagaListResponse, SagaStatus, SessionView, StatsResponse, type SagaSummary } from '../../lib/wire/rest';
import { toSagaRow } from '../../lib/wire/saga-rows';
import { SagaBatchWire, StuckAlert } from '../../lib/wire/socket';

/**
 * Wire messages for component tests, each parsed by its lib/wire schema so a test cannot feed a component what the
 * server could never send. Defaults read as a quiet, healthy monitor at NOW; tests override what they are about.
 * Saga summaries and details come from lib/saga-list/fixtures.ts and lib/timeline/fixtures.ts.
 */

/** 2025-01-01 12:00:00 UTC: every fixture time is relative to it. */
export const NOW = Date.UTC(2025, 0, 1, 12);

type Counts = Partial<Record<SagaStatus, number>>;

/** Every status counted, zero unless given: the wire record is exhaustive over statuses. */
export const statusCounts = (c: Counts = {}): Record<SagaStatus, number> => ({
  ...(Object.fromEntries(SagaStatus.options.map((s) => [s, 0])) as Record<SagaStatus, number>),
  ...c,
});

export function stats(over: Omit<Partial<StatsResponse>, 'byStatus'> & { byStatus?: Counts } = {}): StatsResponse {
  return StatsResponse.parse({
    at: NOW,
    total: 0,
    byType: {},
    bucketMs: 60_000,
    throughput: [],
    durations: {},
    stuckSeries: [],
    ...over,
    byStatus: statusCounts(over.byStatus),
  });
}

export function health(over: Partial<HealthResponse> = {}): HealthResponse {
  return HealthResponse.parse({
    kafka: { state: 'connected', brokers: ['localhost:9092'], lastError: null, since: NOW - 3_600_000 },
    catchUp: { done: true, progress: 1, startedAt: NOW - 3_600_000, doneAt: NOW - 3_590_000 },
    topics: [],
    consumed: 0,
    applied: 0,
    rejected: { total: 0, byReason: {}, samples: [] },
    sagas: 0,
    process: { rssBytes: 200 * 2 ** 20, heapUsedBytes: 80 * 2 ** 20, uptimeMs: 3_600_000 },
    ...over,
  });
}

/** A saga stuck since `since` waiting at `step` of an order. */
export function stuckAlert(sagaId: string, over: Partial<StuckAlert> = {}): StuckAlert {
  return StuckAlert.parse({
    sagaId,
    sagaType: 'order-fulfilment',
    since: NOW - 60_000,
    step: 'payment',
    phase: 'step',
    thresholdMs: 30_000,
    reason: 'step payment started and got no reply within 30 s',
    waitingFor: [{ topic: 'payment.events', eventType: 'PaymentAuthorized' }],
    ...over,
  });
}

export function topicConsumers(topic: string, over: Partial<TopicConsumers> = {}): TopicConsumers {
  return TopicConsumers.parse({
    topic,
    checkedAt: NOW - 5_000,
    verdict: 'ok',
    summary: `payment-service reads ${topic} and keeps up.`,
    groups: [
      { groupId: 'payment-service', state: 'Stable', members: 2, membersOnTopic: 2, lag: 0, lastCommitSeenAt: NOW - 2_000, behindSince: null, verdict: 'ok' },
    ],
    error: null,
    ...over,
  });
}

/** One page of GET /api/sagas; the last page unless a cursor is given. */
export function listPage(items: SagaSummary[], o: { total?: number; nextCursor?: string | null } = {}): SagaListResponse {
  return SagaListResponse.parse({ items, total: o.total ?? items.length, nextCursor: o.nextCursor ?? null });
}

/** A `sagas` socket message as the server sends it (rows, not summaries). */
export function sagaBatch(seq: number, sagas: SagaSummary[], truncated = false): SagaBatchWire {
  return SagaBatchWire.parse({ seq, rows: sagas.map(toSagaRow), truncated });
}

export function retryPlan(sagaId: string, over: Partial<RetryPlanView> = {}): RetryPlanView {
  return RetryPlanView.parse({
    retryId: `${sagaId}/payment/1`,
    sagaId,
    sagaType: 'order-fulfilment',
    step: 'payment',
    phase: 'step',
    mode: 'resend',
    eventType: 'AuthorizePayment',
    topic: 'payment.commands',
    key: sagaId,
    headers: { 'saga-id': sagaId, 'saga-monitor-retry-id': `${sagaId}/payment/1` },
    value: JSON.stringify({ type: 'AuthorizePayment', orderId: sagaId }),
    retryOf: 'payment.commands/0/41',
    expects: null,
    ...over,
  });
}

export function retryAccepted(retryId: string, offset = '42'): RetryAccepted {
  return RetryAccepted.parse({ retryId, topic: 'payment.commands', partition: 0, offset });
}

export function session(over: Partial<SessionView> = {}): SessionView {
  return SessionView.parse({ operator: 'alice', retriesEnabled: true, signInRequired: false, ...over });
}
