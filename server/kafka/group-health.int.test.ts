// Who should answer a waiting saga, and is it alive: the demo's shipping worker is stopped while orders reach it, and
// a reader that never finishes its first record sits on a topic while records arrive. Real broker, real groups.
import type { Consumer, Producer } from 'kafkajs';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { startDemo, type Demo } from '../../demo/demo-system';
import { makeSagaId } from '../../demo/saga-id';
import { sagaStartRecords } from '../../demo/saga-starts';
import { groupIdFor } from '../../demo/service-runtime';
import { ConsumersResponse, type GroupOnTopic, type TopicConsumers } from '../../lib/wire/consumers';
import { SagaDetail } from '../../lib/wire/rest';
import { AlertBatch, SOCKET_PATH, StuckAlert } from '../../lib/wire/socket';
import { silentLogger } from '../logger';
import { startMonitor, type Monitor } from '../monitor';
import { testKafka } from '../../testing/kafka/test-client';
import { pollUntil } from '../../lib/poll-until';
import { demoConfig, uniquePrefix } from '../../testing/monitor/test-config';

const brokers = inject('kafkaBrokers');
const PREFIX = uniquePrefix('group-health');
const RUN_TAG = `gh${Date.now().toString(36).slice(-5)}`;
/** Short so the verdicts follow the cluster within a second or two. */
const CHECK_INTERVAL_MS = 500;
const STALLED_AFTER_MS = 3_000;
/** Every step's timeout, shortened from the shipped 8-10 s so the stuck alert comes quickly. */
const STEP_TIMEOUT_MS = 4_000;
/** A verdict follows a change on the cluster within a few checks; generous for two shared cores. */
const VERDICT_WITHIN_MS = 10_000;
/** Orders the shipping worker answers before it stops, so its group has committed offsets. */
const ANSWERED = [1, 2];
/** Orders sent while it is stopped: each leaves one ScheduleShipment unread. */
const WAITING = [3, 4, 5, 6];
const SHIPPING_COMMANDS = `${PREFIX}shipping.commands`;
const orderId = (n: number) => makeSagaId('order-fulfilment', RUN_TAG, n);

let monitor: Monitor;
let demo: Demo;
let producer: Producer;
let socket: Socket;
const raised: StuckAlert[] = [];

async function get<T>(path: string, schema: { parse: (x: unknown) => T }): Promise<T> {
  const res = await fetch(`${monitor.url}${path}`);
  expect(res.status).toBe(200);
  return schema.parse(await res.json());
}

async function topic(name: string): Promise<TopicConsumers> {
  const t = (await get('/api/consumers', ConsumersResponse)).items.find((x) => x.topic === name);
  if (!t) throw new Error(`/api/consumers does not list ${name}`);
  return t;
}

async function groupOn(name: string, groupId: string): Promise<GroupOnTopic | undefined> {
  return (await topic(name)).groups.find((g) => g.groupId === groupId);
}

async function sendOrders(ordinals: number[]): Promise<void> {
  const records = ordinals.flatMap((n) => sagaStartRecords('order-fulfilment', demo.options, n, Date.now()));
  await producer.send({ topic: records[0].topic, messages: records.map((r) => r.message) });
}

const sagaAt = (n: number) => monitor.store.sagas.get(orderId(n));

beforeAll(async () => {
  const config = demoConfig(brokers, PREFIX, (c) => {
    c.consumerGroups = { checkIntervalMs: CHECK_INTERVAL_MS, stalledAfterMs: STALLED_AFTER_MS };
    for (const s of c.sagas) for (const r of s.rules) if (r.timeoutMs) r.timeoutMs = STEP_TIMEOUT_MS;
  });
  monitor = await startMonitor({ config, port: 0, hostname: '127.0.0.1', log: silentLogger });
  socket = connect(monitor.url, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false });
  socket.on('alerts', (m) => raised.push(...AlertBatch.parse(m).raised));
  // Only orders, and none generated: the test sends each one, so it knows which wait where.
  demo = await startDemo({
    brokers: brokers.split(','),
    topicPrefix: PREFIX,
    runTag: RUN_TAG,
    seed: 5,
    sagaTypes: ['order-fulfilment'],
    ratePerSecond: 0,
    latency: { minMs: 5, maxMs: 30 },
    forceOutcome: () => 'ok',
    log: () => {},
  });
  producer = testKafka(brokers).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await pollUntil('socket connected', () => socket.connected, 10_000);
}, 120_000);

afterAll(async () => {
  socket?.close();
  await producer?.disconnect();
  await demo?.stop();
  await monitor?.close();
});

describe('consumer groups of the topics a saga waits on (real broker)', () => {
  it('names the empty group of a stopped worker on the waiting saga and its stuck alert; ok again once it is back', async () => {
    const shipping = groupIdFor(demo.options, 'shipping-service');
    await sendOrders(ANSWERED);
    await pollUntil('the first orders completed', () => ANSWERED.every((n) => sagaAt(n)?.status === 'completed'), 30_000);
    const live = await pollUntil('the live shipping worker seen, caught up', async () => {
      const g = await groupOn(SHIPPING_COMMANDS, shipping);
      return g?.membersOnTopic === 1 && g.lag === 0 && g;
    }, VERDICT_WITHIN_MS);
    expect(live).toMatchObject({ state: 'Stable', members: 1, verdict: 'ok' });

    await demo.stopService('shipping-service');
    const stoppedAt = Date.now();
    await sendOrders(WAITING);
    await pollUntil('orders waiting at shipping', () => WAITING.every((n) => sagaAt(n)?.currentStep === 'shipping' && sagaAt(n)?.phase === 'step'), 30_000);

    const want = `nothing is consuming ${SHIPPING_COMMANDS}: group ${shipping} has 0 members`;
    const detail = await pollUntil('the drill-down names the empty group', async () => {
      const d = await get(`/api/sagas/${orderId(WAITING[0])}`, SagaDetail);
      return d.consumers?.[0]?.verdict === 'no-consumers' && d;
    }, VERDICT_WITHIN_MS);
    expect(Date.now() - stoppedAt).toBeLessThan(VERDICT_WITHIN_MS);
    expect(detail.consumers).toHaveLength(1);
    expect(detail.consumers![0]).toMatchObject({ topic: SHIPPING_COMMANDS, summary: want, error: null });
    expect(detail.consumers![0].groups.find((g) => g.groupId === shipping)).toMatchObject({ state: 'Empty', members: 0, membersOnTopic: 0, verdict: 'no-consumers' });

    // Every unread command is lag: the worker committed up to the two it answered.
    const behind = await pollUntil('the lag of the unread commands', async () => (await groupOn(SHIPPING_COMMANDS, shipping))?.lag === WAITING.length, VERDICT_WITHIN_MS);
    expect(behind).toBe(true);

    const alerts = z.object({ items: z.array(StuckAlert) });
    const alert = await pollUntil('a stuck alert for the order', async () => (await get('/api/alerts', alerts)).items.find((a) => a.sagaId === orderId(WAITING[0])), STEP_TIMEOUT_MS + VERDICT_WITHIN_MS);
    expect(alert).toMatchObject({ step: 'shipping', phase: 'step' });
    expect(alert.answeredFrom).toEqual([SHIPPING_COMMANDS]);
    expect(await topic(SHIPPING_COMMANDS)).toMatchObject({ verdict: 'no-consumers', summary: want });
    const pushed = await pollUntil('the live feed raised it with the topic it waits on', () => raised.find((a) => a.sagaId === orderId(WAITING[0])), 5_000);
    expect(pushed.answeredFrom).toEqual([SHIPPING_COMMANDS]);

    await demo.startService('shipping-service');
    await pollUntil('the waiting orders completed', () => WAITING.every((n) => sagaAt(n)?.status === 'completed'), 30_000);
    const back = await pollUntil('the worker seen again, caught up', async () => {
      const g = await groupOn(SHIPPING_COMMANDS, shipping);
      return g?.membersOnTopic === 1 && g.lag === 0 && g;
    }, VERDICT_WITHIN_MS);
    expect(back.verdict).toBe('ok');
    expect(back.lastCommitSeenAt).toBeGreaterThan(stoppedAt);
    expect((await get(`/api/sagas/${orderId(WAITING[0])}`, SagaDetail)).consumers).toBeUndefined();
  });

  it('calls a reader that never finishes a record stalled, behind by exactly what was produced', async () => {
    // trips.requested is watched and, with only orders running, read by no demo service.
    const topicName = `${PREFIX}trips.requested`;
    const groupId = `${PREFIX}wedged-reader`;
    const PRODUCED = 30;
    let release: () => void = () => {};
    const released = new Promise<void>((r) => (release = r));
    let received = 0;
    let joined = false;
    const consumer: Consumer = testKafka(brokers).consumer({ groupId, maxWaitTimeInMs: 500 });
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topicName], fromBeginning: true });
      await consumer.run({
        // Wedged in its first record (as on a downstream call that never returns) yet alive: it keeps heartbeating.
        eachMessage: async ({ heartbeat }) => {
          received += 1;
          const beat = setInterval(() => void heartbeat().catch(() => {}), 1_000);
          await released;
          clearInterval(beat);
        },
      });
      await pollUntil('the reader joined', () => joined, 30_000);
      await pollUntil('the reader seen on the topic', async () => (await groupOn(topicName, groupId))?.membersOnTopic === 1, VERDICT_WITHIN_MS);

      await producer.send({ topic: topicName, messages: Array.from({ length: PRODUCED }, (_, i) => ({ key: `probe-${i}`, value: `probe ${i}` })) });
      const stalled = await pollUntil('the reader stalled', async () => {
        const t = await topic(topicName);
        const g = t.groups.find((x) => x.groupId === groupId);
        return g?.verdict === 'stalled' && { t, g };
      }, STALLED_AFTER_MS + VERDICT_WITHIN_MS);
      expect(received).toBe(1);
      expect(stalled.g).toMatchObject({ state: 'Stable', members: 1, membersOnTopic: 1, lag: PRODUCED, lastCommitSeenAt: null });
      expect(stalled.t.checkedAt! - stalled.g.behindSince!).toBeGreaterThanOrEqual(STALLED_AFTER_MS);
      expect(stalled.t.verdict).toBe('stalled');
      expect(stalled.t.summary).toMatch(new RegExp(`^group ${groupId.replace(/\./g, '\\.')} is stalled on ${topicName.replace(/\./g, '\\.')}: 30 records behind and no commit seen for \\d+ s$`));
    } finally {
      release();
      await consumer.disconnect();
    }
  });
});
