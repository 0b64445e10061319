import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemo, type Demo } from './demo-system';
import { RETRY_HEADER } from './envelope';
import { EVENT_TOPICS, type EventType, type StepName } from './event-catalog';
import { ORDER_STEPS } from './order-steps';
import type { ForceOutcome, Outcome } from './outcome';
import { makeSagaId } from './saga-id';
import { pollUntil } from '../lib/poll-until';
import { expectedOrderSequence, observe, sequence, TRIP_SEQUENCES, type Observed } from '../testing/demo/observer';

/** Scenario: 40 sagas of each type on a real broker, seeded random outcomes plus a few pinned ones (below). */
const SAGAS = 40;
/** Generous for 80 sagas at 5-40 ms per step, plus the consumer groups joining on two cores. */
const SETTLE_MS = 90_000;
const RUN_TAG = `it${Date.now().toString(36).slice(-5)}`;
const PREFIX = `demo-int-${RUN_TAG}.`;
const brokers = inject('kafkaBrokers').split(',');

/** Pinned outcomes by saga ordinal: the step and what happens there; every other step of that saga succeeds. */
const PINNED: Record<'order-fulfilment' | 'trip-booking', Record<number, [StepName, Outcome]>> = {
  'order-fulfilment': { 1: ['inventory', 'drop'], 2: ['shipping', 'fail'], 3: ['inventory', 'fail'], 4: ['shipping', 'ok'] },
  'trip-booking': { 1: ['hotel', 'drop'], 2: ['car', 'fail'], 3: ['car', 'ok'], 4: ['hotel', 'fail'] },
};
const force: ForceOutcome = (c) => {
  const pin = c.ordinal === null ? undefined : PINNED[c.sagaType][c.ordinal];
  if (!pin) return undefined;
  return c.phase === 'action' && c.step === pin[0] ? pin[1] : 'ok';
};
const orderId = (n: number) => makeSagaId('order-fulfilment', RUN_TAG, n);
const tripId = (n: number) => makeSagaId('trip-booking', RUN_TAG, n);
const ids = (make: (n: number) => string) => Array.from({ length: SAGAS }, (_, i) => make(i + 1));
const TERMINAL = new Set(['OrderCompleted', 'OrderFailed', 'TripConfirmed', 'TripCancelled']);

let demo: Demo;
let log: Awaited<ReturnType<typeof observe>>;
let dropped: Set<string>;
const records = (id: string): Observed[] => log.bySaga.get(id) ?? [];
const ended = (id: string) => records(id).some((r) => TERMINAL.has(r.type));
/** Topics are read independently, so a saga's end can be seen before its middle: wait for every record sent. */
function caughtUp(extra = 0): boolean {
  const s = demo.stats();
  const queued = Object.values(s.produced).reduce((n, x) => n + x, 0);
  return queued === s.recordsSent && log.all.length === s.recordsSent + extra;
}

async function resend(original: Observed, retryId: string): Promise<void> {
  const producer = new Kafka({ clientId: 'demo-it-retry', brokers, logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({
    topic: original.topic,
    messages: [{ key: original.key, value: original.value, headers: { ...original.headers, [RETRY_HEADER]: retryId } }],
  });
  await producer.disconnect();
}

beforeAll(async () => {
  demo = await startDemo({
    brokers,
    topicPrefix: PREFIX,
    runTag: RUN_TAG,
    seed: 20_240_601,
    ratePerSecond: 40,
    maxSagas: SAGAS,
    failureRate: 0.15,
    stuckRate: 0.05,
    latency: { minMs: 5, maxMs: 40 },
    forceOutcome: force,
  });
  log = await observe(brokers, demo.topics);
  // Settled: every saga started and either ended or had a record dropped that this log has seen too.
  dropped = await pollUntil('every saga to end or be dropped', () => {
    const s = demo.stats();
    const drops = new Map(s.dropped.recent.map((d) => [d.sagaId, d.eventType]));
    const waiting = (id: string) => records(id).some((r) => r.type === drops.get(id));
    const all = [...ids(orderId), ...ids(tripId)];
    return s.generatorsDone && all.every((id) => ended(id) || waiting(id)) && caughtUp() ? new Set(drops.keys()) : undefined;
  }, SETTLE_MS);
});

afterAll(async () => {
  await log?.stop();
  await demo?.stop();
});

describe('demo saga system on a real broker', () => {
  it('keys, heads and routes every record by saga id and event type', () => {
    expect(log.all.length).toBeGreaterThan(SAGAS * 4);
    for (const r of log.all) {
      expect(r.key).toBe(r.sagaId);
      expect(r.headers['saga-id']).toBe(r.sagaId);
      expect(r.headers['event-type']).toBe(r.type);
      expect(r.topic).toBe(PREFIX + EVENT_TOPICS[r.type as EventType]);
    }
  });

  it('runs completed orders through the three steps in order and failed ones through reverse compensation', () => {
    const outcome = { completed: 0, failed: 0 };
    for (const id of ids(orderId).filter(ended)) {
      const seq = sequence(records(id), ['OrderStatusChanged']);
      const failedAt = ORDER_STEPS.findIndex((d) => seq.includes(d.failed));
      expect(seq, id).toEqual(expectedOrderSequence(failedAt === -1 ? null : failedAt));
      outcome[failedAt === -1 ? 'completed' : 'failed'] += 1;
    }
    expect(outcome.completed).toBeGreaterThan(0);
    expect(outcome.failed).toBeGreaterThan(0);
    expect(sequence(records(orderId(2)), ['OrderStatusChanged'])).toEqual(expectedOrderSequence(2));
    expect(sequence(records(orderId(3)), ['OrderStatusChanged'])).toEqual(expectedOrderSequence(1));
    expect(sequence(records(orderId(4)), ['OrderStatusChanged'])).toEqual(expectedOrderSequence(null));
    expect(sequence(records(orderId(4)))).toContain('OrderStatusChanged');
  });

  it('runs the choreography down its completion and compensation paths', () => {
    const paths = Object.entries(TRIP_SEQUENCES);
    const seen = new Set<string>();
    for (const id of ids(tripId).filter(ended)) {
      const seq = sequence(records(id));
      const path = paths.find(([, expected]) => expected.join() === seq.join());
      expect(path, `${id}: ${seq.join(' > ')}`).toBeDefined();
      seen.add(path![0]);
    }
    expect(seen).toContain('confirmed');
    expect(seen).toContain('carFailed');
    expect(seen).toContain('hotelFailed');
    expect(sequence(records(tripId(2)))).toEqual(TRIP_SEQUENCES.carFailed);
  });

  it('leaves dropped sagas waiting: the dropped record is their last and they never end', () => {
    expect(dropped).toContain(orderId(1));
    expect(dropped).toContain(tripId(1));
    for (const id of dropped) {
      expect(ended(id), id).toBe(false);
      const drop = demo.stats().dropped.recent.find((d) => d.sagaId === id)!;
      expect(sequence(records(id), ['OrderStatusChanged']).at(-1)).toBe(drop.eventType);
    }
  });

  it('completes a stuck order when its dropped command is re-sent with a retry id', async () => {
    const command = records(orderId(1)).find((r) => r.type === 'ReserveInventory')!;
    await resend(command, 'retry-order-1');
    await pollUntil('the retried order to complete', () => ended(orderId(1)) && caughtUp(1), SETTLE_MS);
    const seq = sequence(records(orderId(1)), ['OrderStatusChanged']);
    expect(seq.at(-1)).toBe('OrderCompleted');
    expect(seq.filter((t) => t === 'ReserveInventory')).toHaveLength(2);
    expect(seq.filter((t) => t === 'InventoryReserved')).toHaveLength(1);
    expect(seq.filter((t) => t === 'ScheduleShipment')).toHaveLength(1);
  });

  it('completes a stuck trip when the event a service dropped is re-sent with a retry id', async () => {
    const event = records(tripId(1)).find((r) => r.type === 'FlightBooked')!;
    await resend(event, 'retry-trip-1');
    await pollUntil('the retried trip to be confirmed', () => ended(tripId(1)) && caughtUp(2), SETTLE_MS);
    expect(sequence(records(tripId(1)))).toEqual([...TRIP_SEQUENCES.confirmed.slice(0, 2), 'FlightBooked', ...TRIP_SEQUENCES.confirmed.slice(2)]);
  });

  it('ignores a duplicate reply instead of advancing the order twice', async () => {
    const before = demo.stats();
    const reply = records(orderId(4)).find((r) => r.type === 'PaymentAuthorized')!;
    await resend(reply, 'duplicate-reply');
    await pollUntil('the orchestrator to ignore the duplicate', () => demo.stats().repliesIgnored > before.repliesIgnored, SETTLE_MS);
    expect(demo.stats().produced.ReserveInventory).toBe(before.produced.ReserveInventory);
  });
});
