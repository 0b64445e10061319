import type { Message } from 'kafkajs';
import { testKafka } from './test-client';

/** Messages per request: large requests are fast, and stay far below the broker's request size limit. */
const MESSAGES_PER_SEND = 2_000;

/**
 * Produces with an idempotent producer, so a retry on a busy machine never writes a record twice: tests that count
 * records exactly need that. Order within a topic is the order given.
 */
export async function produceOnce(brokers: string, records: Array<{ topic: string; message: Message }>): Promise<void> {
  const producer = testKafka(brokers).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += MESSAGES_PER_SEND) {
      const byTopic = new Map<string, Message[]>();
      for (const { topic, message } of records.slice(i, i + MESSAGES_PER_SEND)) {
        let list = byTopic.get(topic);
        if (!list) byTopic.set(topic, (list = []));
        list.push(message);
      }
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    }
  } finally {
    await producer.disconnect();
  }
}
