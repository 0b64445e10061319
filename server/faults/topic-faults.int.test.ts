/**
 * Issue 6, Faults: a broker that is not there when the monitor starts, a configured topic that does not exist, a
 * topic deleted and created again, a partition added. Each must show on /api/health and in the log, and the monitor
 * must recover by itself once the cause goes away. One ephemeral broker for the file, started late on purpose for
 * the first case; every case has topics of its own.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalKafka, type LocalKafka } from '../../scripts/local-kafka';
import { freePorts } from '../../scripts/local-kafka/free-port';
import { DEMO_TOPICS, TOPIC_PARTITIONS } from '../../demo/topics';
import type { HealthResponse } from '../../lib/wire/rest';
import { getDetail } from '../../testing/monitor/health-probe';
import { createTopics, testKafka } from '../../testing/kafka/test-client';
import { pollUntil } from '../../lib/poll-until';
import { produceOnce } from '../../testing/kafka/produce-once';
import { ORDER_PLANS, sagaRecords } from '../../testing/bad-input/saga-plans';
import { demoConfig, uniquePrefix } from '../../testing/monitor/test-config';
import { FAULT_MONITOR_START_MS, reportFigures, scratchDir } from '../../testing/faults/fault-env';
import { API_ONLY_ENTRY, startMonitorProcess, type MonitorProcess } from '../../testing/monitor/monitor-process';

/** The monitor looks for topics every 5 s (TOPIC_RECHECK_MS); a change must show within two rounds on a busy machine. */
const NOTICE_TIMEOUT_MS = 15_000;
/** From the cause going away to the monitor reading again: a recheck, a consumer restart and a group join. */
const RECOVER_TIMEOUT_MS = 40_000;

const scratch = scratchDir('topic-faults');
let port: number;
let broker: LocalKafka | undefined;
const monitors: MonitorProcess[] = [];

beforeAll(async () => {
  [port] = (await freePorts(1)) as [number];
});

/** The file's broker: started by the first case on purpose after the monitor; started here if that case failed. */
async function liveBroker(): Promise<LocalKafka> {
  broker ??= await startLocalKafka({ ephemeral: true, port });
  return broker;
}

afterEach((ctx) => {
  // A failed case leaves the logs of its monitors behind, the first thing to read.
  if (ctx.task.result?.state === 'fail') for (const m of monitors) process.stderr.write(`--- monitor log\n${m.logs.join('\n')}\n`);
});

afterAll(async () => {
  for (const m of monitors) await m.stop();
  await broker?.stop();
});

async function startOn(prefix: string): Promise<MonitorProcess> {
  const m = await startMonitorProcess({ entry: API_ONLY_ENTRY, startTimeoutMs: FAULT_MONITOR_START_MS, config: { value: demoConfig(`127.0.0.1:${port}`, prefix), file: path.join(scratch, `${prefix}json`) } });
  monitors.push(m);
  return m;
}

const topicOf = (h: HealthResponse, topic: string) => h.topics.find((t) => t.topic === topic);
const logged = (m: MonitorProcess, pattern: RegExp) => m.logs.find((l) => pattern.test(l));

async function sagaStatus(m: MonitorProcess, id: string): Promise<string | undefined> {
  return (await getDetail(m.url, id))?.status;
}

describe('topic and connection faults', () => {
  it('broker unreachable at start: disconnected with advice, then connected and reading once it runs', async () => {
    const p = uniquePrefix('unreachable');
    const m = await startOn(p);
    const started = Date.now();
    const down = await pollUntil('health to say Kafka is unreachable', async () => {
      const h = await m.health();
      return h.kafka.state === 'disconnected' ? h : undefined;
    }, NOTICE_TIMEOUT_MS);
    const shownAfterMs = Date.now() - started;
    expect(down.kafka.lastError).toMatch(/ECONNREFUSED|cannot reach/);
    await pollUntil('a log line naming the brokers', () => logged(m, new RegExp(`cannot reach Kafka at 127\\.0\\.0\\.1:${port}`)) ?? false, NOTICE_TIMEOUT_MS);

    await liveBroker();
    const readyAt = Date.now();
    await createTopics(broker!.brokers, DEMO_TOPICS.map((t) => `${p}${t}`), TOPIC_PARTITIONS);
    await produceOnce(broker!.brokers, sagaRecords(p, 'ord-unreachable-1', ORDER_PLANS.completed, Date.now()));
    await pollUntil('the saga read once Kafka runs', async () => (await sagaStatus(m, 'ord-unreachable-1')) === 'completed', RECOVER_TIMEOUT_MS);
    const h = await m.health();
    expect(h.kafka.state).toBe('connected');
    expect(h.catchUp.done).toBe(true);
    reportFigures('broker-unreachable-at-start', { unreachableShownAfterMs: shownAfterMs, readingAfterBrokerReadyMs: Date.now() - readyAt, lastError: down.kafka.lastError });
  });

  it('a configured topic missing: named on health and in the log, read once created', async () => {
    const p = uniquePrefix('missing');
    const missing = `${p}payment.events`;
    await liveBroker();
    await createTopics(broker!.brokers, DEMO_TOPICS.map((t) => `${p}${t}`).filter((t) => t !== missing), TOPIC_PARTITIONS);
    const m = await startOn(p);
    const h = await pollUntil('the missing topic on health', async () => {
      const h = await m.health();
      return topicOf(h, missing)?.exists === false && h.kafka.state === 'connected' ? h : undefined;
    }, NOTICE_TIMEOUT_MS);
    expect(topicOf(h, missing)!.problem).toMatch(/does not exist/);
    await pollUntil('a log line naming the missing topic', () => logged(m, new RegExp(`${missing.replace(/\./g, '\\.')}.*does not exist|does not exist.*${missing.replace(/\./g, '\\.')}`)) ?? false, NOTICE_TIMEOUT_MS);

    await produceOnce(broker!.brokers, sagaRecords(p, 'ord-missing-1', ORDER_PLANS.stuck, Date.now()));
    const createdAt = Date.now();
    await createTopics(broker!.brokers, [missing], TOPIC_PARTITIONS);
    await produceOnce(broker!.brokers, [sagaRecords(p, 'ord-missing-1', ORDER_PLANS.completed, Date.now())[2]]);
    await pollUntil('the payment reply read from the new topic', async () => (await getDetail(m.url, 'ord-missing-1'))?.steps.find((s) => s.name === 'payment')?.status === 'completed', RECOVER_TIMEOUT_MS);
    const after = await m.health();
    expect(topicOf(after, missing)).toMatchObject({ exists: true, problem: null });
    expect(logged(m, new RegExp(`${missing.replace(/\./g, '\\.')}.*(exists|created)`))).toBeDefined();
    reportFigures('topic-missing', { readAfterCreatedMs: Date.now() - createdAt });
  });

  it('a topic deleted and created again: shown as gone, then read from its new start', async () => {
    const p = uniquePrefix('recreated');
    const topic = `${p}payment.events`;
    await liveBroker();
    await createTopics(broker!.brokers, DEMO_TOPICS.map((t) => `${p}${t}`), TOPIC_PARTITIONS);
    const m = await startOn(p);
    const t0 = Date.now();
    const a = sagaRecords(p, 'ord-recreated-a', ORDER_PLANS.completed, t0);
    const b = sagaRecords(p, 'ord-recreated-b', ORDER_PLANS.completed, t0);
    await produceOnce(broker!.brokers, a);
    await produceOnce(broker!.brokers, b.slice(0, 2));
    await pollUntil('saga a completed', async () => (await sagaStatus(m, 'ord-recreated-a')) === 'completed', RECOVER_TIMEOUT_MS);

    const admin = testKafka(broker!.brokers).admin();
    await admin.connect();
    const deletedAt = Date.now();
    await admin.deleteTopics({ topics: [topic] });
    const gone = await pollUntil('the deleted topic on health', async () => {
      const h = await m.health();
      return topicOf(h, topic)?.exists === false ? h : undefined;
    }, NOTICE_TIMEOUT_MS);
    const goneAfterMs = Date.now() - deletedAt;
    expect(topicOf(gone, topic)!.problem).toMatch(/deleted/);
    expect(logged(m, new RegExp(`${topic.replace(/\./g, '\\.')}.*deleted`))).toBeDefined();
    expect(await sagaStatus(m, 'ord-recreated-a'), 'what was read before stays').toBe('completed');

    await admin.createTopics({ topics: [{ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const recreatedAt = Date.now();
    await produceOnce(broker!.brokers, b.slice(2));
    // The output record alone completes the saga; the payment reply proves the new topic is read.
    await pollUntil('saga b\'s payment reply read from the new topic', async () => (await getDetail(m.url, 'ord-recreated-b'))?.steps.find((s) => s.name === 'payment')?.status === 'completed', RECOVER_TIMEOUT_MS);
    const h = await m.health();
    expect(topicOf(h, topic)).toMatchObject({ exists: true, problem: null });
    expect(h.kafka.state).toBe('connected');
    expect((await getDetail(m.url, 'ord-recreated-b'))!.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
    reportFigures('topic-deleted-recreated', { deletionShownAfterMs: goneAfterMs, readAfterRecreatedMs: Date.now() - recreatedAt });
  });

  it('a partition added: read from its first record', async () => {
    const p = uniquePrefix('partitions');
    const topic = `${p}orders.requested`;
    await liveBroker();
    await createTopics(broker!.brokers, DEMO_TOPICS.map((t) => `${p}${t}`), TOPIC_PARTITIONS);
    const m = await startOn(p);
    await produceOnce(broker!.brokers, sagaRecords(p, 'ord-partitions-1', ORDER_PLANS.completed, Date.now()));
    await pollUntil('the first saga', async () => (await sagaStatus(m, 'ord-partitions-1')) === 'completed', RECOVER_TIMEOUT_MS);

    const admin = testKafka(broker!.brokers).admin();
    await admin.connect();
    await admin.createPartitions({ topicPartitions: [{ topic, count: TOPIC_PARTITIONS + 1 }] });
    await admin.disconnect();
    const addedAt = Date.now();
    const [first, ...rest] = sagaRecords(p, 'ord-partitions-2', ORDER_PLANS.completed, Date.now());
    await produceOnce(broker!.brokers, [{ topic: first.topic, message: { ...first.message, partition: TOPIC_PARTITIONS } }, ...rest]);
    await pollUntil('the start record read from the new partition', async () => (await getDetail(m.url, 'ord-partitions-2'))?.events.some((e) => e.eventType === 'OrderRequested'), RECOVER_TIMEOUT_MS);
    expect(await sagaStatus(m, 'ord-partitions-2')).toBe('completed');
    const h = await m.health();
    expect(topicOf(h, topic)!.partitions.map((x) => x.partition)).toEqual([0, 1, 2, 3]);
    expect(topicOf(h, topic)!.partitions[3].position).toBe('1');
    expect(logged(m, new RegExp(`${topic.replace(/\./g, '\\.')}.*partitions`))).toBeDefined();
    reportFigures('partition-added', { readAfterAddedMs: Date.now() - addedAt });
  });
});
