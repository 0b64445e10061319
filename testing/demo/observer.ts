// Test support for the integration test: reads every demo topic from the start and groups records by saga.
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';
import { ORDER_STEPS } from '../../demo/order-steps';

export interface Observed {
  topic: string;
  key: string;
  headers: Record<string, string>;
  type: string;
  sagaId: string;
  /** ms since epoch, from the value's `at`. */
  at: number;
  value: string;
}

function headerStrings(h: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k, String(v)]));
}

export async function observe(brokers: string[], topics: string[]): Promise<{ bySaga: Map<string, Observed[]>; all: Observed[]; stop(): Promise<void> }> {
  const kafka = new Kafka({ clientId: 'demo-observer', brokers, logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `demo-observer-${Date.now()}`, maxWaitTimeInMs: 200 });
  const bySaga = new Map<string, Observed[]>();
  const all: Observed[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const value = String(message.value);
      const v = JSON.parse(value) as { type: string; sagaId: string; at: string };
      const o: Observed = { topic, key: String(message.key), headers: headerStrings(message.headers), type: v.type, sagaId: v.sagaId, at: Date.parse(v.at), value };
      all.push(o);
      const list = bySaga.get(o.sagaId) ?? [];
      list.push(o);
      bySaga.set(o.sagaId, list);
    },
  });
  return { bySaga, all, stop: () => consumer.disconnect() };
}

/** Event types of a saga in causal order (`at` is strictly increasing per saga by construction). */
export function sequence(records: Observed[] | undefined, skip: readonly string[] = []): string[] {
  return [...(records ?? [])].sort((a, b) => a.at - b.at).map((r) => r.type).filter((t) => !skip.includes(t));
}

/** What an order that failed at step `failedAt` (or completed, when null) must have gone through. */
export function expectedOrderSequence(failedAt: number | null): string[] {
  const steps = failedAt === null ? ORDER_STEPS.length : failedAt;
  const out = ['OrderRequested'];
  for (let i = 0; i < steps; i++) out.push(ORDER_STEPS[i].command, ORDER_STEPS[i].succeeded);
  if (failedAt === null) return [...out, 'OrderCompleted'];
  out.push(ORDER_STEPS[failedAt].command, ORDER_STEPS[failedAt].failed);
  for (let i = failedAt - 1; i >= 0; i--) out.push(ORDER_STEPS[i].compensate, ORDER_STEPS[i].compensated);
  return [...out, 'OrderFailed'];
}

export const TRIP_SEQUENCES = {
  confirmed: ['TripRequested', 'FlightBooked', 'HotelBooked', 'CarRented', 'TripConfirmed'],
  flightFailed: ['TripRequested', 'FlightBookingFailed', 'TripCancelled'],
  hotelFailed: ['TripRequested', 'FlightBooked', 'HotelBookingFailed', 'FlightCancelled', 'TripCancelled'],
  carFailed: ['TripRequested', 'FlightBooked', 'HotelBooked', 'CarRentalFailed', 'HotelCancelled', 'FlightCancelled', 'TripCancelled'],
} as const;

