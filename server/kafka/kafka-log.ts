import type { Logger } from '../logger';
import type { ConsumerHealth } from './consumer-health';
import type { KafkaLogSink } from './kafka-client';

/** kafkajs log lines that mean the brokers cannot be reached, so health says so before the consumer gives up. */
const CONNECTION_TROUBLE = /ECONNREFUSED|Connection error|connect ETIMEDOUT|Closed connection|Broker not connected|KafkaJSConnectionError/i;

/** kafkajs's log into the monitor's, marking health disconnected on a line that says the brokers cannot be reached. */
export function kafkaLogSink(health: ConsumerHealth, log: Logger): KafkaLogSink {
  return (level, msg) => {
    if (CONNECTION_TROUBLE.test(msg)) health.setState('disconnected', msg);
    if (level === 'error') log.error(`kafka: ${msg}`);
    else log.warn(`kafka: ${msg}`);
  };
}
