import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { DEMO_TOPICS } from '../demo/topics';
import { RAW_CONSUMER_SETTINGS, STEADY_FROM, type RawConsumerResult, type RawConsumerSettings } from './raw-consumer-settings';

/**
 * The reference for the catch-up scenario, in a process of its own as the monitor is: a bare kafkajs consumer that
 * reads every demo topic from the beginning to the end offsets found at start, counting records in eachBatch.
 *
 * Usage: node --import tsx bench/raw-consumer.ts <brokers> [settings JSON overriding RAW_CONSUMER_SETTINGS]
 * Prints one JSON line (RawConsumerResult) on stdout and exits.
 */
const processStartAt = Math.round(performance.timeOrigin);

async function main(): Promise<void> {
  const brokers = process.argv[2];
  if (!brokers) throw new Error('usage: raw-consumer.ts <brokers> [settings JSON]');
  const settings: RawConsumerSettings = { ...RAW_CONSUMER_SETTINGS, ...(process.argv[3] ? (JSON.parse(process.argv[3]) as Partial<RawConsumerSettings>) : {}) };
  const kafka = new Kafka({ clientId: 'saga-monitor-bench-raw', brokers: brokers.split(','), logLevel: logLevel.ERROR });

  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const topics = DEMO_TOPICS.filter((t) => existing.has(t));
  /** Next offset each partition must reach, keyed `topic/partition`; reached partitions are removed. */
  const remaining = new Map<string, bigint>();
  let expected = 0;
  for (const topic of topics) {
    for (const o of await admin.fetchTopicOffsets(topic)) {
      const n = Number(BigInt(o.high) - BigInt(o.low));
      if (n > 0) remaining.set(`${topic}/${o.partition}`, BigInt(o.high));
      expected += n;
    }
  }
  const markEvents = Math.ceil(expected * STEADY_FROM);
  await admin.disconnect();

  const consumer = kafka.consumer({
    groupId: `saga-monitor-bench-raw-${randomUUID()}`,
    allowAutoTopicCreation: false,
    maxBytes: settings.maxBytes,
    maxBytesPerPartition: settings.maxBytesPerPartition,
    minBytes: settings.minBytes,
    maxWaitTimeInMs: settings.maxWaitTimeInMs,
  });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });

  let events = 0;
  let batches = 0;
  let firstBatchAt = 0;
  let doneAt = 0;
  let cpuAtFirstBatch = process.cpuUsage();
  let mark: RawConsumerResult['mark'] = null;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  if (remaining.size === 0) finish();
  await consumer.run({
    autoCommit: settings.autoCommit,
    partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
    eachBatch: async ({ batch }) => {
      if (firstBatchAt === 0) {
        firstBatchAt = Date.now();
        cpuAtFirstBatch = process.cpuUsage();
      }
      batches += 1;
      events += batch.messages.length;
      if (mark === null && events >= markEvents) {
        const cpu = process.cpuUsage();
        mark = { at: Date.now(), events, cpuMs: (cpu.user + cpu.system) / 1000 };
      }
      const last = batch.messages[batch.messages.length - 1];
      if (!last) return;
      const key = `${batch.topic}/${batch.partition}`;
      const end = remaining.get(key);
      if (end !== undefined && BigInt(last.offset) + 1n >= end) {
        remaining.delete(key);
        if (remaining.size === 0) {
          doneAt = Date.now();
          finish();
        }
      }
    },
  });
  const runningAt = Date.now();
  await done;
  const cpu = process.cpuUsage();
  const read = process.cpuUsage(cpuAtFirstBatch);
  const result: RawConsumerResult = {
    events,
    batches,
    processStartAt,
    runningAt,
    firstBatchAt: firstBatchAt || doneAt,
    doneAt: doneAt || Date.now(),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    readCpuMs: Math.round((read.user + read.system) / 1000),
    mark,
    settings,
  };
  await consumer.disconnect();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`raw consumer: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
