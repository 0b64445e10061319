import { Partitioners } from 'kafkajs';
import { BatchProducer } from './batch-producer';
import type { SagaType } from './event-catalog';
import { createKafka, ensureTopics } from './kafka-setup';
import { resolveOptions, type DemoOptions, type ResolvedDemoOptions } from './options';
import { startGenerator } from './generator';
import { sagaStartRecords } from './saga-starts';
import type { Runtime } from './service-runtime';
import { serviceStarters, ServiceControl } from './service-control';
import { createStats, snapshotStats, type DemoStats } from './stats';
import { TimerSet } from './timer-set';
import { demoTopics } from './topics';
import type { StepName } from './event-catalog';
import type { LatencyRange } from './latency';
import { setStepLatency } from './set-latency';

export interface Demo {
  /** Stops generating, leaves the consumer groups, drops pending replies, flushes what is queued. Idempotent. */
  stop(): Promise<void>;
  stats(): DemoStats;
  options: ResolvedDemoOptions;
  /** The topics in use, prefixed. */
  topics: string[];
  /** Changes a step's worker latency from now on (replies already scheduled keep theirs); throws like the option. */
  setLatency(step: StepName, range: LatencyRange): void;
  /**
   * Disconnects one service's consumer (e.g. "shipping-service"), so its group has 0 members, as when the service is
   * down. Rejects for an unknown name, listing the known ones.
   */
  stopService(name: string): Promise<void>;
  /** Starts a stopped service again; resolves once it has joined its group. */
  startService(name: string): Promise<void>;
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

  const services = new ServiceControl(serviceStarters(rt));
  const failed = await services.startAll();
  const shutdown = async () => {
    await services.stopAll();
    timers.clear();
    await batches.stop();
    await producer.disconnect();
  };
  if (failed) {
    await shutdown();
    throw failed.error;
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
    setLatency: (step, range) => setStepLatency(opts, step, range),
    stopService: (name) => services.stop(name),
    startService: (name) => services.start(name),
    stop: () => {
      stopping ??= (async () => {
        generators.forEach((g) => g.stop());
        await shutdown();
      })();
      return stopping;
    },
  };
}
