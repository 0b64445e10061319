import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemo, type Demo } from '../demo/demo-system';
import type { ForceOutcome } from '../demo/outcome';
import { makeSagaId } from '../demo/saga-id';
import { SagaDetail, SagaListResponse, StatsResponse, type FindingKind } from '../lib/wire/rest';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';
import { pollUntil } from '../lib/poll-until';
import { produceOnce } from '../testing/kafka/produce-once';
import { ORDER_PLANS, sagaRecords } from '../testing/bad-input/saga-plans';
import { demoConfig, uniquePrefix } from '../testing/monitor/test-config';

/**
 * Findings end to end: the demo, told to leave payments uncompensated, fails one order at inventory after its payment
 * went through; records written here straight to the demo's topics make a reply without a request and a duplicate
 * command. The demo's other sagas (a completed order, a compensated and a completed trip) and a compensated order
 * written here must show none.
 */
const brokers = inject('kafkaBrokers');
const PREFIX = uniquePrefix('findings');
const RUN_TAG = `fd${Date.now().toString(36).slice(-5)}`;
const SAGAS_PER_TYPE = 2;
/** Waiting for the demo's sagas to finish: they take about a second each at the latency below. */
const SETTLE_MS = 45_000;

const ORDER_FAILED = makeSagaId('order-fulfilment', RUN_TAG, 1);
const ORDER_COMPLETED = makeSagaId('order-fulfilment', RUN_TAG, 2);
const TRIP_COMPENSATED = makeSagaId('trip-booking', RUN_TAG, 1);
const TRIP_COMPLETED = makeSagaId('trip-booking', RUN_TAG, 2);
const ORPHAN = `fx-${RUN_TAG}-orphan`;
const DUPLICATE = `fx-${RUN_TAG}-duplicate`;
const COMPENSATED = `fx-${RUN_TAG}-compensated`;

const force: ForceOutcome = (c) => {
  // Records written by this test carry ids the demo did not make: no service answers them.
  if (c.ordinal === null) return 'drop';
  if (c.ordinal !== 1 || c.phase !== 'action') return 'ok';
  if (c.sagaType === 'order-fulfilment' && c.step === 'inventory') return 'fail';
  if (c.sagaType === 'trip-booking' && c.step === 'car') return 'fail';
  return 'ok';
};

let monitor: Monitor;
let demo: Demo;

async function get<T>(path: string, schema: { parse: (x: unknown) => T }): Promise<T> {
  const res = await fetch(`${monitor.url}${path}`);
  expect(res.status).toBe(200);
  return schema.parse(await res.json());
}
const detail = (id: string) => get(`/api/sagas/${encodeURIComponent(id)}`, SagaDetail);
const kinds = async (id: string) => (await detail(id)).findings?.map((f): [FindingKind, string | null] => [f.kind, f.step]);

beforeAll(async () => {
  monitor = await startMonitor({ config: demoConfig(brokers, PREFIX), port: 0, hostname: '127.0.0.1', log: silentLogger });
  demo = await startDemo({
    brokers: brokers.split(','),
    topicPrefix: PREFIX,
    runTag: RUN_TAG,
    seed: 5,
    maxSagas: SAGAS_PER_TYPE,
    ratePerSecond: 10,
    latency: { minMs: 5, maxMs: 40 },
    forceOutcome: force,
    skipCompensation: ['payment'],
    log: () => {},
  });
  const t0 = Date.now();
  await produceOnce(brokers, [
    ...sagaRecords(PREFIX, ORPHAN, ['OrderRequested', 'PaymentAuthorized'], t0),
    ...sagaRecords(PREFIX, DUPLICATE, ['OrderRequested', 'AuthorizePayment', 'AuthorizePayment'], t0),
    ...sagaRecords(PREFIX, COMPENSATED, ORDER_PLANS.compensated, t0),
  ]);
  // Topics are read independently: wait for each saga's last record, not just for its status.
  const finished: Array<[string, 'completedAt' | 'failedAt', string]> = [
    [ORDER_FAILED, 'failedAt', 'failed'],
    [ORDER_COMPLETED, 'completedAt', 'completed'],
    [TRIP_COMPENSATED, 'failedAt', 'compensated'],
    [TRIP_COMPLETED, 'completedAt', 'completed'],
  ];
  const written: Array<[string, number]> = [
    [ORPHAN, 2],
    [DUPLICATE, 3],
    [COMPENSATED, ORDER_PLANS.compensated.length],
  ];
  await pollUntil(
    'every saga finished and every written record read',
    () =>
      finished.every(([id, end, status]) => {
        const s = monitor.store.sagas.get(id);
        return s !== undefined && s[end] !== null && s.status === status;
      }) && written.every(([id, n]) => monitor.store.sagas.get(id)?.eventCount === n),
    SETTLE_MS,
  );
}, 120_000);

afterAll(async () => {
  await demo?.stop();
  await monitor?.close();
});

describe('saga findings on a real broker', () => {
  it('reports the failed order whose payment the orchestrator never refunded, naming the step and its records', async () => {
    const d = await detail(ORDER_FAILED);
    expect(d.status).toBe('failed');
    expect(d.steps.map((s) => [s.name, s.status])).toEqual([
      ['payment', 'completed'],
      ['inventory', 'failed'],
      ['shipping', 'pending'],
    ]);
    expect(d.findings!.map((f) => [f.kind, f.step])).toEqual([['uncompensated', 'payment']]);
    const [f] = d.findings!;
    const failed = d.events.find((e) => e.eventType === 'OrderFailed')!;
    expect(f.at).toBe(failed.timestamp);
    expect(f.message).toMatch(/^Step payment completed with PaymentAuthorized .* never compensated, and the saga failed with OrderFailed/);
    expect(f.evidence.map((r) => r.topic)).toEqual([`${PREFIX}payment.events`, `${PREFIX}orders.failed`]);
    expect(f.evidence[1]).toEqual({ topic: failed.topic, partition: failed.partition, offset: failed.offset });
  });

  it('counts it on the overview and lists it under its finding', async () => {
    const stats = await get('/api/stats', StatsResponse);
    expect(stats.findings!.uncompensated).toBe(1);
    const list = await get('/api/sagas?finding=uncompensated', SagaListResponse);
    expect(list.items.map((s) => [s.id, s.findings])).toEqual([[ORDER_FAILED, ['uncompensated']]]);
  });

  it('reports a reply with no command before it and a command sent twice, from records written to the topics', async () => {
    expect(await kinds(ORPHAN)).toEqual([['reply-without-request', 'payment']]);
    expect(await kinds(DUPLICATE)).toEqual([['duplicate-command', 'payment']]);
    const list = await get('/api/sagas?finding=reply-without-request,duplicate-command', SagaListResponse);
    expect(list.items.map((s) => s.id).sort()).toEqual([DUPLICATE, ORPHAN].sort());
    const stats = await get('/api/stats', StatsResponse);
    expect(stats.findings).toMatchObject({ 'reply-without-request': 1, 'duplicate-command': 1, 'retry-raced-reply': 0 });
  });

  it('finds nothing wrong with normal sagas of either shape, compensated ones included', async () => {
    const expected: Array<[string, string]> = [
      [ORDER_COMPLETED, 'completed'],
      [TRIP_COMPENSATED, 'compensated'],
      [TRIP_COMPLETED, 'completed'],
      [COMPENSATED, 'compensated'],
    ];
    for (const [id, status] of expected) {
      const d = await detail(id);
      expect([id, d.status, d.findings]).toEqual([id, status, []]);
    }
  });
});
