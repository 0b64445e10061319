/**
 * The benchmarks' and the load run's workload: endless sagas of the demo's two types, each told by the property
 * test's stories (testing/property/order-story.ts, trip-story.ts), which run the demo's own orchestrator, workers and
 * services and publish through the demo's envelope. The event sequences and business fields are the demo's; what
 * differs from the property test is the knob set: nothing but what a healthy demo does, at a fixed step latency.
 */
import { Kafka, logLevel, type Message } from 'kafkajs';
import { toRecords, type Emission } from '../../demo/envelope';
import type { EventType, SagaType } from '../../demo/event-catalog';
import { ORDER_WORKERS } from '../../demo/order-workers';
import { makeSagaId } from '../../demo/saga-id';
import { DEMO_TOPICS } from '../../demo/topics';
import { TRIP_SERVICES } from '../../demo/trip-services';
import { MonitorConfig, type SagaTypeConfig } from '../../lib/config/schema';
import { createRng, type Rng } from '../../lib/random';
import { classify, isRejected } from '../../lib/saga/classify';
import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { applyEvent } from '../../lib/saga/reducer';
import type { SagaState } from '../../lib/saga/saga-state';
import { shippedConfigInput } from '../monitor/test-config';
import { orderStory } from '../property/order-story';
import { DEFAULT_KNOBS, type WorkloadKnobs } from '../property/plan';
import type { SimRecord } from '../property/saga-sim';
import { tripStory } from '../property/trip-story';

/** Six partitions per topic, as the performance contract asks: keys spread, several partitions fetched at once. */
export const BENCH_PARTITIONS = 6;
/** Trips are the shorter sagas (5 records against an order's 11); this mix averages about seven records per saga. */
const TRIP_SHARE = 0.65;
/** The mix's average, for sizing a backlog by saga count (6.9 measured; the unit test keeps it honest). */
export const RECORDS_PER_SAGA = 7;
/** Per step: with the drops, about four sagas in five complete, as on the demo's dashboard. */
const VOLUME_FAILURE_RATE = 0.05;
/** Per record: the few sagas that stay in flight (no operator retries them here). */
const VOLUME_DROP_RATE = 0.015;
/** Records a seeding request carries: large requests are what makes seeding a million records take seconds. */
const SEED_BATCH_RECORDS = 5_000;
/** Seeding requests in flight at once. */
const SEED_CONCURRENCY = 4;

export interface BenchRecord {
  topic: string;
  message: Message;
}

export interface BenchSaga {
  sagaId: string;
  type: SagaType;
  /** completed, failed, compensated or in-flight: what the records say, for scenarios that check the outcome. */
  outcome: 'completed' | 'failed' | 'compensated' | 'in-flight';
  records: BenchRecord[];
}

export interface WorkloadOptions {
  seed: number | string;
  /** Distinguishes runs on one broker; part of every saga id. */
  runTag: string;
  /** Time of the first saga's first record. */
  startAt: number;
  /** Time between two sagas' starts. */
  sagaSpacingMs: number;
  /** Time between a record and the reaction to it: a saga's records are this far apart, or 1 ms within a reaction. */
  stepSpacingMs: number;
}

/**
 * The property test's knobs with every fault it rolls turned off: no slow or late replies, no orchestrator that
 * stops, no operator retries, no same-millisecond ties, no append jitter, one true clock, no conflicting replies.
 * Failures and drops stay, at the rates above.
 */
export function volumeKnobs(stepSpacingMs: number): WorkloadKnobs {
  return {
    ...DEFAULT_KNOBS,
    failureRate: VOLUME_FAILURE_RATE,
    dropRate: VOLUME_DROP_RATE,
    slowRate: 0,
    crashRate: 0,
    retryRate: 0,
    tieRate: 0,
    latencyMs: { min: stepSpacingMs, max: stepSpacingMs },
    jitterMs: 0,
    clockSkew: null,
    conflictRate: 0,
  };
}

type Story = (sagaId: string, startAt: number, type: SagaTypeConfig, rng: Rng, k: WorkloadKnobs) => SimRecord[];
const STORIES: Record<SagaType, Story> = { 'order-fulfilment': orderStory, 'trip-booking': tripStory };

/** The stories read their waits from the configuration the benchmarks run the monitor with. */
function shippedSagaTypes(): Record<SagaType, SagaTypeConfig> {
  const config = MonitorConfig.parse(shippedConfigInput());
  const of = (type: SagaType) => {
    const found = config.sagas.find((s) => s.type === type);
    if (!found) throw new Error(`saga-monitor.config.json does not monitor ${type}`);
    return found;
  };
  return { 'order-fulfilment': of('order-fulfilment'), 'trip-booking': of('trip-booking') };
}

/** The records that end a saga, and how. */
const FINAL: Partial<Record<EventType, 'completed' | 'failed'>> = { OrderCompleted: 'completed', TripConfirmed: 'completed', OrderFailed: 'failed', TripCancelled: 'failed' };
/** Records a demo service answers by undoing a step: a failed saga that has one was compensated. */
const COMPENSATION_CAUSES: ReadonlySet<string> = new Set(
  [...ORDER_WORKERS, ...TRIP_SERVICES].flatMap((s) => Object.entries(s.reactions).flatMap(([type, r]) => (r.phase === 'compensation' ? [type] : []))),
);

function outcomeOf(records: readonly SimRecord[]): BenchSaga['outcome'] {
  const final = FINAL[records[records.length - 1].type];
  if (final === undefined) return 'in-flight';
  if (final === 'completed') return 'completed';
  return records.some((r) => COMPENSATION_CAUSES.has(r.type)) ? 'compensated' : 'failed';
}

function benchRecord(r: SimRecord): BenchRecord {
  return { topic: r.topic, message: { key: r.key, value: r.value, timestamp: String(r.timestamp), headers: r.headers } };
}

/**
 * A saga's records as the monitor folds them: through its own classify and reducer under `config`, offsets in record
 * order. Throws on a record the configuration rejects, naming `what`.
 */
export function foldBenchRecords(records: readonly BenchRecord[], config: CompiledConfig, what: string): SagaState | undefined {
  let state: SagaState | undefined;
  records.forEach((r, i) => {
    const value = String(r.message.value);
    const raw = { topic: r.topic, partition: 0, offset: String(i), timestamp: Number(r.message.timestamp), key: String(r.message.key), value, valueBytes: value.length, headers: r.message.headers as Record<string, string> };
    const e = classify(raw, config);
    if (isRejected(e)) throw new Error(`${what}: the configuration rejects ${r.topic}: ${e.detail}`);
    const type = config.sagaTypes.get(e.sagaType);
    if (!type) throw new Error(`${what}: the configuration has no saga type ${e.sagaType}`);
    state = applyEvent(state, e, type.config);
  });
  return state;
}

/** Records built by the demo's envelope, as the stories' records are: the first at `at`, the next ones 1 ms apart. */
export function envelopeRecords(sagaId: string, emissions: Emission[], at: number): BenchRecord[] {
  return toRecords('', sagaId, emissions, 0, at).map(({ topic, message }) => ({ topic, message }));
}

/**
 * The same sagas for the same seed, forever: the demo's records, business fields copied forward as its services do,
 * each saga starting `sagaSpacingMs` after the one before. The outcome is read from the records themselves.
 */
export function* sagas(o: WorkloadOptions): Generator<BenchSaga> {
  const rng = createRng(o.seed);
  const types = shippedSagaTypes();
  const knobs = volumeKnobs(o.stepSpacingMs);
  for (let n = 0; ; n++) {
    const type: SagaType = rng.chance(TRIP_SHARE) ? 'trip-booking' : 'order-fulfilment';
    const sagaId = makeSagaId(type, o.runTag, n);
    const records = STORIES[type](sagaId, o.startAt + n * o.sagaSpacingMs, types[type], rng, knobs);
    yield { sagaId, type, outcome: outcomeOf(records), records: records.map(benchRecord) };
  }
}

export function benchKafka(brokers: string, clientId = 'saga-monitor-bench'): Kafka {
  return new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.ERROR });
}

/** Creates every demo topic with six partitions (the bench broker is fresh, so none exists). */
export async function createBenchTopics(brokers: string): Promise<void> {
  const admin = benchKafka(brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = DEMO_TOPICS.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: BENCH_PARTITIONS, replicationFactor: 1 })) });
    }
  } finally {
    await admin.disconnect();
  }
}

export interface SeedResult {
  events: number;
  sagas: number;
  bytes: number;
  byOutcome: Record<BenchSaga['outcome'], number>;
  seconds: number;
}

/**
 * Produces whole sagas until at least `events` records are written, in large requests, before any timing starts.
 * Records of one saga share a key, so each topic's partition keeps their order. `source` replaces the demo mix for
 * scenarios that need sagas of a particular shape.
 */
export async function seed(
  brokers: string,
  events: number,
  o: WorkloadOptions,
  say: (line: string) => void,
  source: Iterable<BenchSaga> = sagas(o),
): Promise<SeedResult> {
  await createBenchTopics(brokers);
  const producer = benchKafka(brokers).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  const result: SeedResult = { events: 0, sagas: 0, bytes: 0, byOutcome: { completed: 0, failed: 0, compensated: 0, 'in-flight': 0 }, seconds: 0 };
  const inFlight = new Set<Promise<unknown>>();
  let batch = new Map<string, Message[]>();
  let batchSize = 0;
  let lastReport = 0;
  const send = async () => {
    const topicMessages = [...batch].map(([topic, messages]) => ({ topic, messages }));
    batch = new Map();
    batchSize = 0;
    const p = producer.sendBatch({ topicMessages, acks: 1 });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= SEED_CONCURRENCY) await Promise.race(inFlight);
  };
  try {
    for (const s of source) {
      if (result.events >= events) break;
      result.sagas += 1;
      result.byOutcome[s.outcome] += 1;
      for (const r of s.records) {
        const list = batch.get(r.topic) ?? [];
        list.push(r.message);
        batch.set(r.topic, list);
        result.events += 1;
        result.bytes += (r.message.value as string).length;
        batchSize += 1;
      }
      if (batchSize >= SEED_BATCH_RECORDS) await send();
      if (result.events - lastReport >= 100_000) {
        lastReport = result.events;
        say(`seeded ${result.events.toLocaleString('en-US')} of ${events.toLocaleString('en-US')} records`);
      }
    }
    if (batchSize > 0) await send();
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
