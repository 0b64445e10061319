import type { KafkaMessage } from 'kafkajs';
import { testKafka } from './kafka-test-client';
import { pollUntil } from './poll-until';

/** Reads a whole topic from the beginning: every record up to the end offsets it has when called. */
export async function readTopic(brokers: string, topic: string, timeoutMs = 20_000): Promise<KafkaMessage[]> {
  const kafka = testKafka(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
  const consumer = kafka.consumer({ groupId: `test-reader-${Date.now()}-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 200 });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    await pollUntil(`${expected} records on ${topic}`, () => seen.length >= expected, timeoutMs);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
