import { Kafka, logLevel, type Message } from 'kafkajs';

export function testKafka(brokers: string): Kafka {
  return new Kafka({ clientId: 'saga-monitor-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

export async function createTopics(brokers: string, topics: string[], partitions = 3): Promise<void> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Produces every message in one send per topic: what a real producer does, and fast. */
export async function produce(brokers: string, byTopic: Record<string, Message[]>): Promise<void> {
  const producer = testKafka(brokers).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.sendBatch({ topicMessages: Object.entries(byTopic).map(([topic, messages]) => ({ topic, messages })) });
  } finally {
    await producer.disconnect();
  }
}

export function sagaRecord(sagaId: string, type: string, extra: Record<string, unknown> = {}, timestamp?: number): Message {
  return {
    key: sagaId,
    headers: { 'saga-id': sagaId },
    value: JSON.stringify({ type, sagaId, at: new Date().toISOString(), ...extra }),
    ...(timestamp !== undefined ? { timestamp: String(timestamp) } : {}),
  };
}
