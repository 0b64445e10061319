import { formatDuration } from '../../lib/format';
import type { Logger } from '../logger';

/**
 * close() waits this long for Kafka to see the consumer leave and its group deleted (about 1.3 s with an idle local
 * broker). With the brokers down kafkajs retries for about 16 s, and with one that hangs, 30 s per request: a process
 * being stopped does not wait on that.
 */
export const KAFKA_STOP_DEADLINE_MS = 10_000;

/**
 * Runs the Kafka half of stopping for at most `deadlineMs`; past it, stops waiting and logs the consumer group left
 * behind and how to delete it. The stop itself is not cancelled (kafkajs cannot be): it ends, or the process does.
 */
export async function stopKafkaWithin(stop: () => Promise<void>, deadlineMs: number, groupId: string, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([stop().then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)))]);
  clearTimeout(timer);
  if (!inTime) {
    log.warn(
      `kafka: no answer within ${formatDuration(deadlineMs)} while stopping; stopping without it. The consumer group ${groupId} stays on the cluster until its offsets expire (offsets.retention.minutes) or it is deleted (kafka-consumer-groups.sh --delete --group ${groupId})`,
    );
  }
}
