import { describe, expect, it } from 'vitest';
import { businessFields, parseEvent, toRecords, type DemoEvent, type Emission } from './envelope';
import { EVENT_TOPICS, type EventType } from './event-catalog';
import { makeOrder } from './order-data';
import { startOrder } from './order-state-machine';
import { ORDER_WORKERS } from './order-workers';
import { createRng } from '../lib/random';
import type { ServiceDef } from './service-runtime';
import { makeTrip } from './trip-data';
import { TRIP_SERVICES } from './trip-services';

/** Scenario: drives the pure reactions by hand, as the runtime would, to check the chains and the record sizes. */
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const rng = createRng(11);

function asEvent(sagaId: string, e: Emission): DemoEvent {
  return parseEvent(Buffer.from(String(toRecords('', sagaId, [e], 0, T0)[0].message.value)))!;
}

function react(services: readonly ServiceDef[], input: DemoEvent, outcome: 'ok' | 'fail'): Emission[] {
  const r = services.flatMap((s) => (s.reactions[input.type as EventType] ? [s.reactions[input.type as EventType]!] : []));
  expect(r).toHaveLength(1);
  return r[0].respond(input, outcome, rng);
}

const tripStart = (): DemoEvent => asEvent('trip-a-1', { type: 'TripRequested', fields: { tripId: 'trip-a-1', trip: makeTrip(rng, T0) } });

function chain(start: DemoEvent, outcomes: Record<string, 'ok' | 'fail'>): DemoEvent[] {
  const seen: DemoEvent[] = [start];
  let queue = [start];
  while (queue.length > 0) {
    const next: DemoEvent[] = [];
    for (const e of queue) {
      if (!TRIP_SERVICES.some((s) => s.reactions[e.type as EventType])) continue;
      for (const out of react(TRIP_SERVICES, e, outcomes[e.type] ?? 'ok')) {
        const event = asEvent(e.sagaId, out);
        seen.push(event);
        next.push(event);
      }
    }
    queue = next;
  }
  return seen;
}

describe('trip services', () => {
  it.each<[string, Record<string, 'ok' | 'fail'>, string[]]>([
    ['confirm a trip', {}, ['TripRequested', 'FlightBooked', 'HotelBooked', 'CarRented', 'TripConfirmed']],
    ['cancel when the flight fails', { TripRequested: 'fail' }, ['TripRequested', 'FlightBookingFailed', 'TripCancelled']],
    ['cancel the flight when the hotel fails', { FlightBooked: 'fail' }, ['TripRequested', 'FlightBooked', 'HotelBookingFailed', 'FlightCancelled', 'TripCancelled']],
    [
      'cancel hotel then flight when the car fails',
      { HotelBooked: 'fail' },
      ['TripRequested', 'FlightBooked', 'HotelBooked', 'CarRentalFailed', 'HotelCancelled', 'FlightCancelled', 'TripCancelled'],
    ],
  ])('%s', (_name, outcomes, expected) => {
    expect(chain(tripStart(), outcomes).map((e) => e.type)).toEqual(expected);
  });
});

describe('order workers', () => {
  it('answer each command and compensation on the matching events topic', () => {
    const order = makeOrder(rng);
    const [cmd] = startOrder('ord-a-1', order).emit;
    const ok = react(ORDER_WORKERS, asEvent('ord-a-1', cmd), 'ok');
    const no = react(ORDER_WORKERS, asEvent('ord-a-1', cmd), 'fail');
    expect([ok[0].type, no[0].type]).toEqual(['PaymentAuthorized', 'PaymentDeclined']);
    const refund = react(ORDER_WORKERS, asEvent('ord-a-1', { type: 'RefundPayment', fields: businessFields(asEvent('ord-a-1', ok[0])) }), 'ok');
    expect(refund[0]).toMatchObject({ type: 'PaymentRefunded', fields: { paymentId: ok[0].fields.paymentId } });
  });

  it('subscribe to command topics only', () => {
    const topics = ORDER_WORKERS.flatMap((w) => Object.keys(w.reactions).map((t) => EVENT_TOPICS[t as EventType]));
    expect(new Set(topics)).toEqual(new Set(['payment.commands', 'inventory.commands', 'shipping.commands']));
  });
});

describe('record sizes', () => {
  it('stay roughly within 150-500 bytes, like real business events', () => {
    const sizes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const order = asEvent('ord-a-1', { type: 'OrderRequested', fields: { orderId: 'ord-a-1', ...makeOrder(rng) } });
      const trip = chain(tripStart(), { HotelBooked: i % 2 === 0 ? 'fail' : 'ok' });
      sizes.push(...[order, ...trip].map((e) => JSON.stringify(e).length));
    }
    expect(Math.min(...sizes)).toBeGreaterThan(150);
    expect(Math.max(...sizes)).toBeLessThan(500);
  });
});
