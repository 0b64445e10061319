import { Kafka, logLevel, type Message } from 'kafkajs';
import { HealthResponse } from '../lib/wire/rest';
import type { Api } from './fixtures';
import type { StackState } from './stack-state';

/**
 * Writes records straight to a topic the monitor reads, named without its test prefix ('payment.events'). The broker
 * and the prefixed name come from the stack itself, so this works against E2E_BASE_URL too.
 */
export async function produceTo(api: Api, stack: StackState, topic: string, messages: Message[]): Promise<string> {
  const health = await api.get('/api/health', HealthResponse);
  const target = health.topics.find((t) => t.topic === topic || t.topic.endsWith(`.${topic}`));
  if (!target) throw new Error(`the monitor reads no topic named like ${topic}: ${health.topics.map((t) => t.topic).join(', ')}`);
  const brokers = stack.brokers?.split(',') ?? health.kafka.brokers;
  const producer = new Kafka({ clientId: 'saga-monitor-e2e', brokers, logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic: target.topic, messages });
  } finally {
    await producer.disconnect();
  }
  return target.topic;
}
