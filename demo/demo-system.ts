import { Partitioners, type Consumer } from 'kafkajs';
import { BatchProducer } from './batch-producer';
import type { SagaType } from './event-catalog';
import { createKafka, ensureTopics } from './kafka-setup';
import { resolveOptions, type DemoOptions, type ResolvedDemoOptions } from './options';
import { startOrchestrator } from './orchestrator';
import { ORDER_WORKERS } from './order-workers';
import { startGenerator } from './generator';
import { sagaStartRecords } from './saga-starts';
import { startService, type Runtime } from './service-runtime';
import { createStats, snapshotStats, type DemoStats } from './stats';
import { TimerSet } from './timer-set';
import { demoTopics } from './topics';
import { TRIP_SERVICES } from './trip-services';

export interface Demo {
  /** Stops generating, leaves the consumer groups, drops pending replies, flushes what is queued. Idempotent. */
  stop(): Promise<void>;
  stats(): DemoStats;
  options: ResolvedDemoOptions;
  /** The topics in use, prefixed. */
  topics: string[];
}

function startConsumers(rt: Runtime): Array<Promise<Consumer>> {
  const started: Array<Promise<Consumer>> = [];
  if (rt.opts.sagaTypes.includes('order-fulfilment')) {
    started.push(startOrchestrator(rt), ...ORDER_WORKERS.map((w) => startService(w, rt)));
  }
  if (rt.opts.sagaTypes.includes('trip-booking')) started.push(...TRIP_SERVICES.map((s) => startService(s, rt)));
  return started;
}

/**
 * Runs the demo saga system: creates its topics, starts every service and waits until each has joined its group,
 * then generates sagas. Throws (after cleaning up) when Kafka cannot be reached or a consumer does not get ready.
 */
export async function startDemo(input: DemoOptions & { brokers: string[] }): Promise<Demo> {
  const opts = resolveOptions(input);
  const topics = demoTopics(opts.topicPrefix);
  await ensureTopics(input.brokers, opts.clientId, topics);
  const kafka = createKafka(input.brokers, opts.clientId);
  const stats = createStats();
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const batches = new BatchProducer(producer, {
    onQueued: (r) => {
      stats.produced[r.type] = (stats.produced[r.type] ?? 0) + 1;
    },
    onSent: (n) => {
      stats.recordsSent += n;
    },
    onLost: (n, e) => {
      stats.recordsLost += n;
      opts.log(`demo: lost ${n} record(s): ${String(e)}`);
    },
  });
  batches.start();
  const timers = new TimerSet();
  const rt: Runtime = { kafka, opts, stats, producer: batches, timers };

  const settled = await Promise.allSettled(startConsumers(rt));
  const consumers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const shutdown = async () => {
    await Promise.allSettled(consumers.map((c) => c.disconnect()));
    timers.clear();
    await batches.stop();
    await producer.disconnect();
  };
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await shutdown();
    throw failed.reason;
  }

  const pending = new Set<SagaType>(opts.sagaTypes);
  const generators = opts.sagaTypes.map((type) =>
    startGenerator({
      ratePerSecond: opts.ratePerSecond[type],
      max: opts.maxSagas,
      emit: (from, to) => {
        const now = Date.now();
        for (let n = from; n <= to; n++) batches.enqueue(sagaStartRecords(type, opts, n, now));
        stats.sagasStarted[type] = to;
      },
      onDone: () => {
        pending.delete(type);
        stats.generatorsDone = pending.size === 0;
      },
    }),
  );

  let stopping: Promise<void> | null = null;
  return {
    options: opts,
    topics,
    stats: () => snapshotStats(stats),
    stop: () => {
      stopping ??= (async () => {
        generators.forEach((g) => g.stop());
        await shutdown();
      })();
      return stopping;
    },
  };
}
