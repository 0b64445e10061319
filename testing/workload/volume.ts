import { Kafka, logLevel, type Message } from 'kafkajs';
import { EVENT_TOPICS, type EventType, type SagaType } from '../../demo/event-catalog';
import { EVENT_TYPE_HEADER, SAGA_ID_HEADER } from '../../demo/envelope';
import { makeOrder } from '../../demo/order-data';
import { createRng, type Rng } from '../../lib/random';
import { makeSagaId } from '../../demo/saga-id';
import { DEMO_TOPICS } from '../../demo/topics';
import { makeTrip } from '../../demo/trip-data';

/** Six partitions per topic, as the performance contract asks: keys spread, several partitions fetched at once. */
export const BENCH_PARTITIONS = 6;
/** Trips are shorter sagas than orders; this mix averages about five records per saga. */
const TRIP_SHARE = 0.65;
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

type Plan = { outcome: BenchSaga['outcome']; types: EventType[] };

const ORDER_OK: EventType[] = ['OrderRequested', 'AuthorizePayment', 'PaymentAuthorized', 'ReserveInventory', 'InventoryReserved', 'ScheduleShipment', 'ShipmentScheduled', 'OrderCompleted'];
const TRIP_OK: EventType[] = ['TripRequested', 'FlightBooked', 'HotelBooked', 'CarRented', 'TripConfirmed'];

/** Outcomes in roughly the demo's proportions: most complete, some fail or compensate, a few are cut off mid-way. */
function planOrder(rng: Rng): Plan {
  const x = rng.float();
  if (x < 0.8) return { outcome: 'completed', types: ORDER_OK };
  if (x < 0.88) return { outcome: 'failed', types: ['OrderRequested', 'AuthorizePayment', 'PaymentDeclined', 'OrderFailed'] };
  if (x < 0.95) {
    return {
      outcome: 'compensated',
      types: ['OrderRequested', 'AuthorizePayment', 'PaymentAuthorized', 'ReserveInventory', 'InventoryUnavailable', 'RefundPayment', 'PaymentRefunded', 'OrderFailed'],
    };
  }
  return { outcome: 'in-flight', types: ORDER_OK.slice(0, rng.int(1, ORDER_OK.length - 1)) };
}

function planTrip(rng: Rng): Plan {
  const x = rng.float();
  if (x < 0.8) return { outcome: 'completed', types: TRIP_OK };
  if (x < 0.9) return { outcome: 'compensated', types: ['TripRequested', 'FlightBooked', 'HotelBookingFailed', 'FlightCancelled', 'TripCancelled'] };
  if (x < 0.95) return { outcome: 'failed', types: ['TripRequested', 'FlightBookingFailed', 'TripCancelled'] };
  return { outcome: 'in-flight', types: TRIP_OK.slice(0, rng.int(1, TRIP_OK.length - 1)) };
}

export interface WorkloadOptions {
  seed: number | string;
  /** Distinguishes runs on one broker; part of every saga id. */
  runTag: string;
  /** Time of the first saga's first record. */
  startAt: number;
  /** Time between two sagas' starts. */
  sagaSpacingMs: number;
  /** Time between two records of one saga. */
  stepSpacingMs: number;
}

/**
 * The same sagas for the same seed, forever: business fields of about 300 bytes per record (the order or trip rides
 * along on every record, as the demo's services copy it forward), record times spaced as the options say.
 */
export function* sagas(o: WorkloadOptions): Generator<BenchSaga> {
  const rng = createRng(o.seed);
  for (let n = 0; ; n++) {
    const type: SagaType = rng.chance(TRIP_SHARE) ? 'trip-booking' : 'order-fulfilment';
    const sagaId = makeSagaId(type, o.runTag, n);
    const start = o.startAt + n * o.sagaSpacingMs;
    const fields = type === 'trip-booking' ? makeTrip(rng, start) : makeOrder(rng);
    const plan = type === 'trip-booking' ? planTrip(rng) : planOrder(rng);
    const records = plan.types.map((eventType, i) => {
      const at = start + i * o.stepSpacingMs;
      return {
        topic: EVENT_TOPICS[eventType],
        message: {
          key: sagaId,
          value: JSON.stringify({ type: eventType, sagaId, at: new Date(at).toISOString(), ...fields }),
          timestamp: String(at),
          headers: { [SAGA_ID_HEADER]: sagaId, [EVENT_TYPE_HEADER]: eventType },
        },
      };
    });
    yield { sagaId, type, outcome: plan.outcome, records };
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
