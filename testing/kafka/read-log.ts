import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { RawRecord } from '../../lib/saga/record';
import { testKafka } from './test-client';
import { pollUntil } from '../../lib/poll-until';

/** A record read back from the log: the monitor's record shape, without the wire size nobody here needs. */
export type LoggedRecord = Omit<RawRecord, 'valueBytes'>;

/** Reading tens of thousands of records back from a local broker takes seconds; this bounds a hung read. */
const READ_TIMEOUT_MS = 60_000;

/** The end offset of every partition of `topics`, as `topic/partition` -> offset. */
export async function endOffsets(kafka: Kafka, topics: readonly string[]): Promise<Map<string, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out = new Map<string, bigint>();
    for (const topic of topics) for (const o of await admin.fetchTopicOffsets(topic)) out.set(`${topic}/${o.partition}`, BigInt(o.high));
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Every record of `topics` from the start of the log to the end offsets they have when called, as `map` makes it. */
async function collect<T>(kafka: Kafka, topics: readonly string[], timeoutMs: number, map: (topic: string, partition: number, m: KafkaMessage) => T): Promise<T[]> {
  const ends = await endOffsets(kafka, topics);
  const remaining = new Set([...ends].filter(([, end]) => end > 0n).map(([slot]) => slot));
  const out: T[] = [];
  const consumer = kafka.consumer({ groupId: `fault-test-reader-${randomUUID()}`, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const slot = `${batch.topic}/${batch.partition}`;
        const end = ends.get(slot) ?? 0n;
        for (const m of batch.messages) {
          if (BigInt(m.offset) >= end) continue;
          out.push(map(batch.topic, batch.partition, m));
          if (BigInt(m.offset) + 1n >= end) remaining.delete(slot);
        }
      },
    });
    await pollUntil(`the log of ${topics.length} topics read back`, () => remaining.size === 0, timeoutMs);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** Every record of `topics` from the start of the log to the end offsets they have when called: what Kafka holds. */
export function readLog(kafka: Kafka, topics: readonly string[], timeoutMs = READ_TIMEOUT_MS): Promise<LoggedRecord[]> {
  return collect(kafka, topics, timeoutMs, (topic, partition, m) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = String(v);
    return { topic, partition, offset: m.offset, timestamp: Number(m.timestamp), key: m.key?.toString() ?? null, value: m.value?.toString() ?? null, headers };
  });
}

/** A topic a test published a handful of records to reads back within a second or two. */
const READ_TOPIC_TIMEOUT_MS = 20_000;

/** Every record of one topic, read with a client of its own: what a test checks was (or was not) published. */
export function readTopic(brokers: string, topic: string, timeoutMs = READ_TOPIC_TIMEOUT_MS): Promise<LoggedRecord[]> {
  return readLog(testKafka(brokers), [topic], timeoutMs);
}

/** Every record of one topic as kafkajs decodes it: bytes, and an array for a header repeated. */
export function readTopicBytes(brokers: string, topic: string, timeoutMs = READ_TOPIC_TIMEOUT_MS): Promise<KafkaMessage[]> {
  return collect(testKafka(brokers), [topic], timeoutMs, (_topic, _partition, m) => m);
}
