import { Kafka, logLevel, type Admin, type Consumer, type EachMessagePayload } from 'kafkajs';
import { pollUntil } from '../lib/poll-until';
import { TOPIC_PARTITIONS, TOPIC_REPLICATION } from './topics';

/** Joining a new group takes the broker's initial rebalance delay (3 s by default) plus a fetch; a minute is ample. */
export const CONSUMER_READY_TIMEOUT_MS = 60_000;
/** An idle fetch returns after this long: bounds how long readiness and stop() wait on an empty topic. */
export const CONSUMER_MAX_WAIT_MS = 500;
/** Partitions a consumer works on at once: every demo topic has three. */
const PARTITIONS_CONSUMED_CONCURRENTLY = TOPIC_PARTITIONS;

export function createKafka(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
}

/** A new topic's leader is listed before it serves requests (KRaft); this bounds the wait until it does. */
export const TOPIC_READY_TIMEOUT_MS = 30_000;
/** Pause between readiness probes: a partition usually starts serving within a few hundred ms. */
const TOPIC_READY_POLL_MS = 100;

/**
 * Creates the missing topics and returns once each answers ListOffsets, so no client of the demo logs "not the leader"
 * at start. Topics someone else created meanwhile are fine. The admin client is silent: its probes fail on purpose.
 */
export async function ensureTopics(brokers: string[], clientId: string, topics: string[]): Promise<void> {
  const admin = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    // Resolves false when every topic already existed (a concurrent creator won the race): nothing to do then.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: TOPIC_REPLICATION })),
    });
    await waitUntilServing(admin, missing);
  } finally {
    await admin.disconnect();
  }
}

async function waitUntilServing(admin: Admin, topics: string[]): Promise<void> {
  let waiting = topics;
  await pollUntil(
    `topics to serve (${topics.join(', ')})`,
    async () => {
      const results = await Promise.allSettled(waiting.map((t) => admin.fetchTopicOffsets(t)));
      waiting = waiting.filter((_, i) => results[i].status === 'rejected');
      if (waiting.length === 0) return true;
      throw new Error(`not serving yet: ${waiting.join(', ')}`);
    },
    TOPIC_READY_TIMEOUT_MS,
    TOPIC_READY_POLL_MS,
  );
}

export interface ConsumerSpec {
  groupId: string;
  topics: string[];
  eachMessage: (p: EachMessagePayload) => Promise<void>;
  /** Read partitions the group never committed on from their start (a service started again after an outage); else from the end. */
  fromBeginning?: boolean;
}

/**
 * Starts a consumer and resolves once it has joined its group and finished a fetch: only then are a new group's
 * offsets resolved to the log end, so a record produced afterwards is seen (GROUP_JOIN alone comes too early).
 */
export async function startConsumer(kafka: Kafka, spec: ConsumerSpec): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: spec.groupId, maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS, allowAutoTopicCreation: false });
  let joined = false;
  let timer: NodeJS.Timeout | undefined;
  const offs: Array<() => void> = [];
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`consumer ${spec.groupId} not ready after ${CONSUMER_READY_TIMEOUT_MS} ms`)), CONSUMER_READY_TIMEOUT_MS);
    offs.push(
      consumer.on(consumer.events.GROUP_JOIN, () => {
        joined = true;
      }),
      consumer.on(consumer.events.FETCH, () => {
        if (joined) resolve();
      }),
      // kafkajs restarts the consumer after a retriable crash; only a final one means it will never be ready.
      consumer.on(consumer.events.CRASH, (e) => {
        if (!e.payload.restart) reject(e.payload.error);
      }),
    );
  });
  // Awaited below; this only keeps a rejection that comes before that from counting as unhandled.
  ready.catch(() => {});
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: spec.topics, fromBeginning: spec.fromBeginning ?? false });
    await consumer.run({ partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY, eachMessage: spec.eachMessage });
    await ready;
  } catch (e) {
    await consumer.disconnect().catch(() => {});
    throw e;
  } finally {
    clearTimeout(timer);
    offs.forEach((off) => off());
  }
  return consumer;
}
