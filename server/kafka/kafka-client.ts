import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { KafkaConfig } from '../../lib/config/schema';
import { stopIdleRequestQueueTimers } from './request-queue-idle';

export type KafkaLogSink = (level: 'error' | 'warn', message: string) => void;

/** One kafkajs client per monitor; its log goes to the sink so connection errors reach the health page. */
export function createKafka(config: KafkaConfig, sink: KafkaLogSink): Kafka {
  stopIdleRequestQueueTimers();
  const sasl: SASLOptions | undefined = config.sasl
    ? ({ mechanism: config.sasl.mechanism, username: config.sasl.username, password: config.sasl.password })
    : undefined;
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    sasl,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const text = `${log.message}${log.error ? `: ${String(log.error)}` : ''}${log.broker ? ` (${String(log.broker)})` : ''}`;
        sink(level <= logLevel.ERROR ? 'error' : 'warn', text);
      },
  });
}
