import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Kafka, logLevel, Partitioners, type Consumer, type KafkaMessage } from 'kafkajs';
import { startLocalKafka, type LocalKafka } from './local-kafka';
import { pollUntil } from '../lib/poll-until';

/** Consuming a few hundred messages from a local broker takes well under a second; this is the stuck verdict. */
const CONSUME_TIMEOUT_MS = 30_000;

/** disconnect() waits for the in-flight fetch; kafkajs' 5 s default long poll would add 5 s to every test. */
const FETCH_MAX_WAIT_MS = 200;

/** A SIGKILLed JVM is gone within milliseconds; the deadline only bounds a hung test. */
const DEATH_TIMEOUT_MS = 10_000;

function client(brokers: string): Kafka {
  return new Kafka({ clientId: 'local-kafka-int-test', brokers: [brokers], logLevel: logLevel.WARN });
}

async function createTopic(kafka: Kafka, topic: string, numPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    expect(await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 1 }], waitForLeaders: true })).toBe(true);
  } finally {
    await admin.disconnect();
  }
}

async function produce(kafka: Kafka, topic: string, messages: { key: string; value: string }[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

interface Received {
  partition: number;
  key: string;
  value: string;
}

/** Reads `topic` from the beginning through a fresh consumer group until `count` messages arrived. */
async function consume(kafka: Kafka, topic: string, count: number): Promise<Received[]> {
  const received: Received[] = [];
  const consumer: Consumer = kafka.consumer({
    groupId: `int-test-${randomUUID()}`,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }: { partition: number; message: KafkaMessage }) => {
        received.push({ partition, key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
      },
    });
    await pollUntil(`${count} messages on ${topic}`, () => received.length >= count, CONSUME_TIMEOUT_MS);
  } finally {
    await consumer.disconnect();
  }
  return received;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('local Kafka with kafkajs 2.2.4', () => {
  it('describes the cluster, creates a 3-partition topic and round-trips 100 messages through a consumer group', async () => {
    const kafka = client(inject('kafkaBrokers'));
    const admin = kafka.admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toHaveLength(1);

    const topic = `local-kafka-roundtrip-${randomUUID()}`;
    await createTopic(kafka, topic, 3);
    const sent = Array.from({ length: 100 }, (_, i) => ({ key: `saga-${i}`, value: JSON.stringify({ i }) }));
    await produce(kafka, topic, sent);

    const received = await consume(kafka, topic, sent.length);
    expect(received).toHaveLength(100);
    expect(received.map(({ key, value }) => ({ key, value })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      [...sent].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(new Set(received.map((m) => m.partition))).toEqual(new Set([0, 1, 2]));
  });

  describe('a second broker that crashes', () => {
    let broker: LocalKafka | undefined;
    afterAll(async () => {
      await broker?.stop();
    });

    it('keeps data produced before a SIGKILL across restart()', async () => {
      broker = await startLocalKafka({ ephemeral: true });
      const topic = 'before-crash';
      const sent = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
      await createTopic(client(broker.brokers), topic, 1);
      await produce(client(broker.brokers), topic, sent);

      const crashedPid = broker.pid;
      broker.kill();
      await pollUntil(`pid ${crashedPid} to die`, () => !isAlive(crashedPid), DEATH_TIMEOUT_MS);

      await broker.restart();
      expect(broker.pid).not.toBe(crashedPid);
      const received = await consume(client(broker.brokers), topic, sent.length);
      expect(received.map(({ key, value }) => ({ key, value }))).toEqual(sent);
    });
  });
});
