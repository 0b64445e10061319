/** Every topic the demo produces to, unprefixed (the names saga-monitor.config.json uses). */
export const DEMO_TOPICS = [
  'orders.requested',
  'payment.commands',
  'payment.events',
  'inventory.commands',
  'inventory.events',
  'shipping.commands',
  'shipping.events',
  'orders.completed',
  'orders.failed',
  'trips.requested',
  'flights.events',
  'hotels.events',
  'cars.events',
  'trips.completed',
  'trips.failed',
  /** Retry commands from Saga Monitor (command mode): the orchestrator owns its retries. */
  'orders.retries',
] as const;
export type DemoTopic = (typeof DEMO_TOPICS)[number];

/** Three partitions let saga keys spread and show per-partition ordering; one replica fits a single local broker. */
export const TOPIC_PARTITIONS = 3;
export const TOPIC_REPLICATION = 1;

/** Tests isolate their runs on one broker with a prefix; the monitor's config names the unprefixed topics. */
export function topicName(prefix: string, topic: DemoTopic): string {
  return `${prefix}${topic}`;
}

export function demoTopics(prefix = ''): string[] {
  return DEMO_TOPICS.map((t) => topicName(prefix, t));
}
