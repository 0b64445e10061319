import { afterEach, describe, expect, inject, it } from 'vitest';
import { HealthResponse, SagaDetail } from '../lib/wire/rest';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';
import { createTopics, produce, sagaRecord, testKafka } from '../testing/kafka/test-client';
import { pollUntil } from '../lib/poll-until';
import { demoConfig, uniquePrefix } from '../testing/monitor/test-config';

const brokers = inject('kafkaBrokers');
const ORDER_TOPICS = ['orders.requested', 'payment.commands', 'payment.events', 'orders.completed', 'orders.failed'];

let monitor: Monitor | null = null;
afterEach(async () => {
  await monitor?.close();
  monitor = null;
});

async function start(prefix: string): Promise<Monitor> {
  monitor = await startMonitor({ config: demoConfig(brokers, prefix), port: 0, hostname: '127.0.0.1', log: silentLogger });
  return monitor;
}

async function recordCount(topic: string): Promise<number> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function health(m: Monitor): Promise<HealthResponse> {
  return HealthResponse.parse(await (await fetch(`${m.url}/api/health`)).json());
}

async function detail(m: Monitor, id: string): Promise<SagaDetail | undefined> {
  const res = await fetch(`${m.url}/api/sagas/${encodeURIComponent(id)}`);
  return res.status === 200 ? SagaDetail.parse(await res.json()) : undefined;
}

describe('monitor on a real broker', () => {
  it('catches up on records produced before it started, then reports catch-up done', async () => {
    const p = uniquePrefix('catchup');
    await createTopics(brokers, ORDER_TOPICS.map((t) => p + t));
    const ids = Array.from({ length: 50 }, (_, i) => `ord-c${i}`);
    await produce(brokers, {
      [`${p}orders.requested`]: ids.map((id) => sagaRecord(id, 'OrderRequested')),
      [`${p}orders.completed`]: ids.slice(0, 20).map((id) => sagaRecord(id, 'OrderCompleted')),
    });
    const m = await start(p);
    const h = await pollUntil('catch-up', async () => {
      const h = await health(m);
      return h.catchUp.done && h ? h : undefined;
    });
    expect(h.catchUp.progress).toBe(1);
    const requested = h.topics.find((t) => t.topic === `${p}orders.requested`)!;
    expect(requested.exists).toBe(true);
    // A producer retry on a busy machine may write a record twice: compare with what the broker holds.
    const end = requested.partitions.reduce((n, x) => n + Number(x.endAtStart), 0);
    expect(end).toBe(await recordCount(`${p}orders.requested`));
    expect(end).toBeGreaterThanOrEqual(50);
    expect(h.sagas).toBe(50);
    expect(h.kafka.state).toBe('connected');
    expect((await detail(m, 'ord-c3'))!.status).toBe('completed');
    expect((await detail(m, 'ord-c30'))!.status).not.toBe('completed');
  });

  it('counts unreadable records by reason and keeps the sagas around them right', async () => {
    const p = uniquePrefix('junk');
    await createTopics(brokers, ORDER_TOPICS.map((t) => p + t));
    const m = await start(p);
    await produce(brokers, {
      [`${p}orders.requested`]: [
        sagaRecord('ord-ok', 'OrderRequested'),
        { key: 'x', headers: { 'saga-id': 'ord-bad-json' }, value: '{not json' },
        { key: 'x', headers: { 'saga-id': 'ord-binary' }, value: Buffer.from([0xff, 0xfe, 0x00, 0x81]) },
        { key: 'x', headers: { 'saga-id': 'ord-empty' }, value: '' },
        { key: null, value: JSON.stringify({ type: 'OrderRequested' }) },
        { key: 'x', headers: { 'saga-id': 'ord-big' }, value: JSON.stringify({ type: 'OrderRequested', pad: 'x'.repeat(900_000) }) },
      ],
      [`${p}payment.commands`]: [sagaRecord('ord-ok', 'AuthorizePayment')],
    });
    await produce(brokers, { [`${p}payment.events`]: [sagaRecord('ord-ok', 'PaymentAuthorized')] });
    await produce(brokers, { [`${p}orders.completed`]: [sagaRecord('ord-ok', 'OrderCompleted')] });
    const h = await pollUntil('rejections counted', async () => {
      const h = await health(m);
      return h.rejected.total >= 4 && h.applied >= 5 ? h : undefined;
    });
    expect(h.rejected.byReason).toEqual({ 'invalid-json': 2, 'empty-value': 1, 'missing-saga-id': 1 });
    expect(h.rejected.samples.map((s) => s.reason).sort()).toEqual(['empty-value', 'invalid-json', 'invalid-json', 'missing-saga-id']);
    const ok = await pollUntil('ord-ok completed', async () => {
      const d = await detail(m, 'ord-ok');
      return d?.status === 'completed' ? d : undefined;
    });
    expect(ok.steps.find((s) => s.name === 'payment')).toMatchObject({ status: 'completed', attempts: 1 });
    const big = (await detail(m, 'ord-big'))!;
    expect(big.events[0].valueTruncated).toBe(true);
  });

  it('reports a missing topic and starts reading it once it is created', async () => {
    const p = uniquePrefix('late');
    await createTopics(brokers, [`${p}orders.requested`]);
    const m = await start(p);
    const h = await health(m);
    expect(h.topics.find((t) => t.topic === `${p}payment.events`)!.exists).toBe(false);
    await produce(brokers, { [`${p}orders.requested`]: [sagaRecord('ord-late', 'OrderRequested')] });
    await createTopics(brokers, [`${p}payment.commands`]);
    await produce(brokers, { [`${p}payment.commands`]: [sagaRecord('ord-late', 'AuthorizePayment')] });
    const d = await pollUntil('payment step seen after topic creation', async () => {
      const d = await detail(m, 'ord-late');
      return d?.currentStep === 'payment' ? d : undefined;
    }, 30_000);
    expect(d.events.map((e) => e.eventType)).toEqual(['OrderRequested', 'AuthorizePayment']);
    expect((await health(m)).topics.find((t) => t.topic === `${p}payment.commands`)!.exists).toBe(true);
  });
});
