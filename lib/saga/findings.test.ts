import { describe, expect, it } from 'vitest';
import { RETRY_HEADERS } from '../retry/retry-wire';
import type { FindingKind } from '../wire/rest';
import type { SagaEvent } from './event';
import { mayHaveTimelineFindings } from './finding-lanes';
import { computeFindings, MAX_FINDINGS_PER_SAGA, mergeFindings } from './findings';
import { foldEvents, toEvent } from '../../testing/fixtures/materialize';
import { sagaType, T0 } from '../../testing/fixtures/order-fulfilment';
import { mulberry32 } from '../../testing/prng';
import { RecordFactory, type Step } from '../../testing/fixtures/records';
import { applyEvent } from './reducer';
import { orderCompensated, orderCompleted, orderFailedAtPayment, tripCompensated, tripCompleted } from '../../testing/fixtures/scenarios';

/**
 * Timelines hand-written from the demo's record shapes (fixtures/order-fulfilment.ts): a record, a record re-sent by
 * the monitor (it carries the retry header), or a manual retry's audit entry as the store puts it on the timeline.
 */
type Entry = Step | readonly [topic: string, type: string, atMs: number, mark: 'resent'] | readonly ['retry' | 'retry-failed', step: string, atMs: number];
type Shape = 'order-fulfilment' | 'trip-booking';

const AUDIT_TOPIC = 'saga-monitor.audit';

function events(shape: Shape, entries: readonly Entry[]): SagaEvent[] {
  const f = new RecordFactory();
  const id = shape === 'order-fulfilment' ? 'o-1' : 't-1';
  let audits = 0;
  return entries.map(([a, b, at, mark]) => {
    if (a === 'retry' || a === 'retry-failed') {
      const e: SagaEvent = {
        sagaId: id,
        sagaType: shape,
        effect: 'retry',
        step: b,
        eventType: a === 'retry' ? 'RetryPublished' : 'RetryFailed',
        timeoutMs: null,
        triggers: null,
        ruleIndex: null,
        topic: AUDIT_TOPIC,
        partition: 0,
        offset: String(audits++),
        timestamp: T0 + at,
        key: id,
        headers: { 'saga-id': id },
        value: null,
        valueTruncated: false,
      };
      return e;
    }
    const o = mark === 'resent' ? { headers: { [RETRY_HEADERS.id]: `retry-${at}` } } : {};
    return toEvent(shape === 'order-fulfilment' ? f.order(id, a, b, T0 + at, o) : f.trip(id, a, b, T0 + at, o));
  });
}

const findingsOf = (shape: Shape, entries: readonly Entry[]) => {
  const state = foldEvents(events(shape, entries));
  return computeFindings(state, sagaType(shape));
};
const brief = (shape: Shape, entries: readonly Entry[]) => findingsOf(shape, entries).map((f) => [f.kind, f.step, f.at - T0]);

const ORDER_START: Entry[] = [
  ['orders.requested', 'OrderRequested', 0],
  ['payment.commands', 'AuthorizePayment', 100],
];
const RESERVED: Entry[] = [
  ['payment.events', 'PaymentAuthorized', 300],
  ['inventory.commands', 'ReserveInventory', 400],
  ['inventory.events', 'InventoryReserved', 600],
];

type Case = [name: string, shape: Shape, entries: readonly Entry[], expected: Array<[FindingKind, string | null, number]>];

const CASES: Case[] = [
  // Normal sagas of both shapes: nothing to report.
  ['a completed order', 'order-fulfilment', orderCompleted.records, []],
  ['a compensated order', 'order-fulfilment', orderCompensated.records, []],
  ['an order that failed at its first step', 'order-fulfilment', orderFailedAtPayment.records, []],
  ['a completed trip, each step started by a trigger', 'trip-booking', tripCompleted.records, []],
  ['a compensated trip, each compensation started by a trigger', 'trip-booking', tripCompensated.records, []],
  [
    'a trip whose hotel failed, the flight cancelled through a trigger',
    'trip-booking',
    [['trips.requested', 'TripRequested', 0], ['flights.events', 'FlightBooked', 500], ['hotels.events', 'HotelBookingFailed', 900], ['flights.events', 'FlightCancelled', 1_200], ['trips.failed', 'TripCancelled', 1_300]],
    [],
  ],

  // uncompensated
  [
    'an order failed at inventory with the payment never refunded',
    'order-fulfilment',
    [...ORDER_START, ['payment.events', 'PaymentAuthorized', 300], ['inventory.commands', 'ReserveInventory', 400], ['inventory.events', 'InventoryUnavailable', 600], ['orders.failed', 'OrderFailed', 700]],
    [['uncompensated', 'payment', 700]],
  ],
  [
    'an order that compensated inventory but not payment, then failed',
    'order-fulfilment',
    [...ORDER_START, ...RESERVED, ['shipping.commands', 'ScheduleShipment', 700], ['shipping.events', 'ShipmentFailed', 900], ['inventory.commands', 'ReleaseInventory', 1_000], ['inventory.events', 'InventoryReleased', 1_100], ['orders.failed', 'OrderFailed', 1_400]],
    [['uncompensated', 'payment', 1_400]],
  ],
  [
    'a failed step without a fail record yet: the compensations may still come',
    'order-fulfilment',
    [...ORDER_START, ['payment.events', 'PaymentAuthorized', 300], ['inventory.commands', 'ReserveInventory', 400], ['inventory.events', 'InventoryUnavailable', 600]],
    [],
  ],
  [
    'a trip cancelled with its flight and hotel still booked',
    'trip-booking',
    [['trips.requested', 'TripRequested', 0], ['flights.events', 'FlightBooked', 500], ['hotels.events', 'HotelBooked', 900], ['trips.failed', 'TripCancelled', 1_000]],
    [['uncompensated', 'flight', 1_000], ['uncompensated', 'hotel', 1_000]],
  ],

  // reply-without-request
  ['a payment reply with no command before it', 'order-fulfilment', [['orders.requested', 'OrderRequested', 0], ['payment.events', 'PaymentAuthorized', 300]], [['reply-without-request', 'payment', 300]]],
  [
    'a compensation reply with no compensation command before it',
    'order-fulfilment',
    [...ORDER_START, ...RESERVED, ['shipping.commands', 'ScheduleShipment', 700], ['shipping.events', 'ShipmentFailed', 900], ['inventory.events', 'InventoryReleased', 1_100]],
    [['reply-without-request', 'inventory', 1_100]],
  ],
  [
    'a command read after its reply but timed before it: the timeline order counts',
    'order-fulfilment',
    [['orders.requested', 'OrderRequested', 0], ['payment.events', 'PaymentAuthorized', 300], ['payment.commands', 'AuthorizePayment', 100]],
    [],
  ],
  ['a hotel booked although no flight event started the hotel step', 'trip-booking', [['trips.requested', 'TripRequested', 0], ['hotels.events', 'HotelBooked', 900]], [['reply-without-request', 'hotel', 900]]],

  // duplicate-command
  ['a payment command sent twice without a reply', 'order-fulfilment', [...ORDER_START, ['payment.commands', 'AuthorizePayment', 200]], [['duplicate-command', 'payment', 200]]],
  ['a command again after the step failed: a new attempt', 'order-fulfilment', [...ORDER_START, ['payment.events', 'PaymentDeclined', 200], ['payment.commands', 'AuthorizePayment', 300]], []],
  ['a failed retry re-sent nothing, so it asked for nothing', 'order-fulfilment', [...ORDER_START, ['retry-failed', 'payment', 150], ['payment.commands', 'AuthorizePayment', 200]], [['duplicate-command', 'payment', 200]]],
  [
    'a refund command sent twice without a reply',
    'order-fulfilment',
    [...ORDER_START, ...RESERVED, ['shipping.commands', 'ScheduleShipment', 700], ['shipping.events', 'ShipmentFailed', 900], ['inventory.commands', 'ReleaseInventory', 1_000], ['inventory.events', 'InventoryReleased', 1_100], ['payment.commands', 'RefundPayment', 1_200], ['payment.commands', 'RefundPayment', 1_250]],
    [['duplicate-command', 'payment', 1_250]],
  ],
  ['a flight event published twice starts the hotel twice', 'trip-booking', [['trips.requested', 'TripRequested', 0], ['flights.events', 'FlightBooked', 500], ['flights.events', 'FlightBooked', 600]], [['duplicate-command', 'hotel', 600]]],

  // Manual retries answered once: no duplicate command, no race.
  ['a retry by command, re-sent marked, answered once', 'order-fulfilment', [...ORDER_START, ['retry', 'payment', 9_000], ['payment.commands', 'AuthorizePayment', 9_010, 'resent'], ['payment.events', 'PaymentAuthorized', 9_100]], []],
  ['a retry by command, re-sent unmarked, answered once', 'order-fulfilment', [...ORDER_START, ['retry', 'payment', 9_000], ['payment.commands', 'AuthorizePayment', 9_010], ['payment.events', 'PaymentAuthorized', 9_100]], []],
  ['a resend, whose audit entry follows the re-sent record, answered once', 'order-fulfilment', [...ORDER_START, ['payment.commands', 'AuthorizePayment', 9_000, 'resent'], ['retry', 'payment', 9_002], ['payment.events', 'PaymentAuthorized', 9_100]], []],
  ['an unmarked re-sent command written before its audit entry', 'order-fulfilment', [...ORDER_START, ['payment.commands', 'AuthorizePayment', 9_000], ['retry', 'payment', 9_003], ['payment.events', 'PaymentAuthorized', 9_100]], []],
  ['a retry of a declined payment, answered once', 'order-fulfilment', [...ORDER_START, ['payment.events', 'PaymentDeclined', 300], ['retry', 'payment', 9_000], ['payment.commands', 'AuthorizePayment', 9_010, 'resent'], ['payment.events', 'PaymentAuthorized', 9_100]], []],
  [
    'a choreography resend: the flight event re-sent to restart the hotel, answered once',
    'trip-booking',
    [['trips.requested', 'TripRequested', 0], ['flights.events', 'FlightBooked', 500], ['flights.events', 'FlightBooked', 9_000, 'resent'], ['retry', 'hotel', 9_002], ['hotels.events', 'HotelBooked', 9_100]],
    [],
  ],
  ['one retry does not excuse two extra commands', 'order-fulfilment', [...ORDER_START, ['retry', 'payment', 9_000], ['payment.commands', 'AuthorizePayment', 9_010], ['payment.commands', 'AuthorizePayment', 9_020]], [['duplicate-command', 'payment', 9_020]]],

  // retry-raced-reply
  [
    'after a retry the late original reply and the retried one both arrive',
    'order-fulfilment',
    [...ORDER_START, ['retry', 'payment', 9_000], ['payment.commands', 'AuthorizePayment', 9_010, 'resent'], ['payment.events', 'PaymentAuthorized', 9_050], ['payment.events', 'PaymentAuthorized', 9_100]],
    [['retry-raced-reply', 'payment', 9_100]],
  ],
  [
    'the late original reply lands between the retry and the re-sent command',
    'order-fulfilment',
    [...ORDER_START, ['retry', 'payment', 9_000], ['payment.events', 'PaymentAuthorized', 9_005], ['payment.commands', 'AuthorizePayment', 9_010, 'resent'], ['payment.events', 'PaymentAuthorized', 9_100]],
    [['retry-raced-reply', 'payment', 9_005]],
  ],
  [
    'a resend answered twice, once before its audit entry was written',
    'order-fulfilment',
    [...ORDER_START, ['payment.commands', 'AuthorizePayment', 9_000, 'resent'], ['payment.events', 'PaymentAuthorized', 9_001], ['retry', 'payment', 9_002], ['payment.events', 'PaymentDeclined', 9_100]],
    [['retry-raced-reply', 'payment', 9_100], ['conflicting-replies', 'payment', 9_100]],
  ],

  // Replies stamped before their command (producers' clocks disagree): within the tolerance they answer it.
  ['a payment reply stamped 20 ms before its command', 'order-fulfilment', [['orders.requested', 'OrderRequested', 0], ['payment.events', 'PaymentAuthorized', 80], ['payment.commands', 'AuthorizePayment', 100]], []],
  ['a hotel booked 100 ms before the flight event that started it', 'trip-booking', [['trips.requested', 'TripRequested', 0], ['hotels.events', 'HotelBooked', 400], ['flights.events', 'FlightBooked', 500]], []],
  ['a refund stamped before its command', 'order-fulfilment', [...ORDER_START, ['payment.events', 'PaymentAuthorized', 300], ['inventory.commands', 'ReserveInventory', 400], ['inventory.events', 'InventoryUnavailable', 600], ['payment.events', 'PaymentRefunded', 650], ['payment.commands', 'RefundPayment', 700]], []],
  [
    'a reply stamped further before its command than the tolerance',
    'order-fulfilment',
    [['orders.requested', 'OrderRequested', 0], ['payment.events', 'PaymentAuthorized', 300], ['payment.commands', 'AuthorizePayment', 2_301]],
    [['reply-without-request', 'payment', 300]],
  ],

  // conflicting-replies
  [
    'attempt 1 declined after attempt 2 authorized, after a manual retry',
    'order-fulfilment',
    [...ORDER_START, ['retry', 'payment', 9_000], ['payment.commands', 'AuthorizePayment', 9_010, 'resent'], ['payment.events', 'PaymentAuthorized', 9_100], ['payment.events', 'PaymentDeclined', 9_200]],
    [['retry-raced-reply', 'payment', 9_200], ['conflicting-replies', 'payment', 9_200]],
  ],
  ['a decline after the payment was authorized, without a retry', 'order-fulfilment', [...ORDER_START, ['payment.events', 'PaymentAuthorized', 300], ['payment.events', 'PaymentDeclined', 400]], [['conflicting-replies', 'payment', 400]]],
  ['a late success after the payment was declined', 'order-fulfilment', [...ORDER_START, ['payment.events', 'PaymentDeclined', 300], ['payment.events', 'PaymentAuthorized', 400]], [['conflicting-replies', 'payment', 400]]],
  ['the same outcome twice is a repeat, not a conflict', 'order-fulfilment', [...ORDER_START, ['payment.events', 'PaymentAuthorized', 300], ['payment.events', 'PaymentAuthorized', 400]], []],
  [
    'a retry after a decline, answered with success, contradicts nothing',
    'order-fulfilment',
    [...ORDER_START, ['payment.events', 'PaymentDeclined', 300], ['payment.commands', 'AuthorizePayment', 400], ['payment.events', 'PaymentAuthorized', 600]],
    [],
  ],
  ['a trip whose hotel reported booked, then failed', 'trip-booking', [['trips.requested', 'TripRequested', 0], ['flights.events', 'FlightBooked', 500], ['hotels.events', 'HotelBooked', 900], ['hotels.events', 'HotelBookingFailed', 1_000]], [['conflicting-replies', 'hotel', 1_000]]],
];

describe('computeFindings', () => {
  it.each(CASES)('%s', (_name, shape, entries, expected) => {
    expect(brief(shape, entries)).toEqual(expected);
  });

  it('names the step and the records in one sentence, with the records as evidence in timeline order', () => {
    const [f] = findingsOf('order-fulfilment', [...ORDER_START, ['payment.events', 'PaymentAuthorized', 300], ['inventory.commands', 'ReserveInventory', 400], ['inventory.events', 'InventoryUnavailable', 600], ['orders.failed', 'OrderFailed', 700]]);
    expect(f.message).toBe('Step payment completed with PaymentAuthorized (payment.events/0@0) but was never compensated, and the saga failed with OrderFailed (orders.failed/0@0).');
    expect(f.evidence).toEqual([
      { topic: 'payment.events', partition: 0, offset: '0' },
      { topic: 'orders.failed', partition: 0, offset: '0' },
    ]);
    const [dup] = findingsOf('order-fulfilment', [...ORDER_START, ['payment.commands', 'AuthorizePayment', 200]]);
    expect(dup.message).toMatch(/^Step payment was started again by AuthorizePayment \(payment\.commands\/0@1\) while the attempt started by AuthorizePayment \(payment\.commands\/0@0\) had no reply/);
    expect(dup.evidence.map((r) => r.offset)).toEqual(['0', '1']);
    const [race] = findingsOf('order-fulfilment', [...ORDER_START, ['retry', 'payment', 9_000], ['payment.events', 'PaymentAuthorized', 9_005], ['payment.commands', 'AuthorizePayment', 9_010, 'resent']]);
    expect(race.message).toContain('after the manual retry (saga-monitor.audit/0@0) but before the re-sent AuthorizePayment (payment.commands/0@1)');
    expect(race.evidence.map((r) => r.topic)).toEqual(['saga-monitor.audit', 'payment.events', 'payment.commands']);
  });

  it('does not look for replies without requests on a truncated timeline, whose starts may have been dropped', () => {
    const state = foldEvents(events('order-fulfilment', [['orders.requested', 'OrderRequested', 0], ['payment.events', 'PaymentAuthorized', 300]]));
    expect(computeFindings(state, sagaType('order-fulfilment'))).toHaveLength(1);
    expect(computeFindings({ ...state, droppedEvents: 4, truncated: true }, sagaType('order-fulfilment'))).toEqual([]);
  });

  it(`keeps at most ${MAX_FINDINGS_PER_SAGA} findings for a saga id reused for ever, the earliest ones`, () => {
    const resends = Array.from({ length: 40 }, (_, i): Entry => ['payment.commands', 'AuthorizePayment', 200 + i]);
    const found = findingsOf('order-fulfilment', [...ORDER_START, ...resends]);
    expect(found).toHaveLength(MAX_FINDINGS_PER_SAGA);
    expect(found.at(-1)!.at - T0).toBe(200 + MAX_FINDINGS_PER_SAGA - 1);
  });
});

describe('mergeFindings', () => {
  const config = sagaType('order-fulfilment');
  const failedTwice: Entry[] = [
    ...ORDER_START,
    ['payment.commands', 'AuthorizePayment', 200],
    ['payment.events', 'PaymentAuthorized', 300],
    ['inventory.commands', 'ReserveInventory', 400],
    ['inventory.events', 'InventoryUnavailable', 600],
    ['orders.failed', 'OrderFailed', 700],
  ];

  it('keeps every finding, with its evidence, when a finished saga loses its timeline', () => {
    const state = foldEvents(events('order-fulfilment', failedTwice));
    const before = computeFindings(state, config);
    expect(before.map((f) => f.kind)).toEqual(['duplicate-command', 'uncompensated']);
    const trimmed = { ...state, events: [], droppedEvents: state.events.length, truncated: true };
    expect(mergeFindings(before, computeFindings(trimmed, config), trimmed)).toEqual(before);
  });

  it('drops an uncompensated step once a late compensation arrives, even on a dropped timeline', () => {
    const state = foldEvents(events('order-fulfilment', failedTwice));
    const before = computeFindings(state, config);
    const trimmed = { ...state, events: [], droppedEvents: state.events.length, truncated: true };
    const [refund, refunded] = events('order-fulfilment', [['payment.commands', 'RefundPayment', 800], ['payment.events', 'PaymentRefunded', 900]]);
    const after = applyEvent(applyEvent(trimmed, refund, config), refunded, config);
    expect(after.steps[0].status).toBe('compensated');
    expect(mergeFindings(before, computeFindings(after, config), after).map((f) => f.kind)).toEqual(['duplicate-command']);
  });

  it('on a whole timeline, what it shows now wins: a late command clears its reply without request', () => {
    const early = foldEvents(events('order-fulfilment', [['orders.requested', 'OrderRequested', 0], ['payment.events', 'PaymentAuthorized', 300]]));
    const before = computeFindings(early, config);
    expect(before).toHaveLength(1);
    const [command] = events('order-fulfilment', [['payment.commands', 'AuthorizePayment', 100]]);
    const later = applyEvent(early, { ...command, offset: '9' }, config);
    expect(mergeFindings(before, computeFindings(later, config), later)).toEqual([]);
  });
});

describe('the screen that skips building lanes', () => {
  const VOCABULARY: Record<Shape, Entry[]> = {
    'order-fulfilment': [...orderCompensated.records, ...orderCompleted.records, ['payment.events', 'PaymentDeclined', 0], ['retry', 'payment', 0], ['retry', 'inventory', 0], ['payment.commands', 'AuthorizePayment', 0, 'resent']],
    'trip-booking': [...tripCompensated.records, ...tripCompleted.records, ['hotels.events', 'HotelBookingFailed', 0], ['retry', 'hotel', 0], ['flights.events', 'FlightBooked', 0, 'resent']],
  };

  const NORMAL: Record<Shape, Array<{ records: readonly Entry[] }>> = {
    'order-fulfilment': [orderCompleted, orderCompensated, orderFailedAtPayment],
    'trip-booking': [tripCompleted, tripCompensated],
  };

  it('finds what the full search finds, on 600 seeded random timelines of both shapes', () => {
    const rand = mulberry32(42);
    let withTimelineFindings = 0;
    let screenedOut = 0;
    for (let run = 0; run < 600; run++) {
      const shape: Shape = run % 2 === 0 ? 'order-fulfilment' : 'trip-booking';
      const words = VOCABULARY[shape];
      const word = (): Entry => {
        const [a, b, , mark] = words[Math.floor(rand() * words.length)];
        const at = Math.floor(rand() * 2_000);
        return mark === 'resent' ? [a, b, at, 'resent'] : ([a, b, at] as Entry);
      };
      // Half are a normal saga cut short, now and then with one stray record; half are records drawn at random.
      const normal = NORMAL[shape][Math.floor(rand() * NORMAL[shape].length)].records;
      const entries: Entry[] =
        run % 4 < 2
          ? [...normal.slice(0, 1 + Math.floor(rand() * normal.length)), ...(rand() < 0.3 ? [word()] : [])]
          : Array.from({ length: 1 + Math.floor(rand() * 12) }, word);
      const state = foldEvents(events(shape, entries));
      const full = computeFindings(state, sagaType(shape), false);
      expect(computeFindings(state, sagaType(shape)), `run ${run}: ${JSON.stringify(entries)}`).toEqual(full);
      if (full.some((f) => f.kind !== 'uncompensated')) withTimelineFindings += 1;
      if (!mayHaveTimelineFindings(state.events, sagaType(shape).steps)) screenedOut += 1;
    }
    // Both ways through the screen are taken often enough to mean something.
    expect(withTimelineFindings).toBeGreaterThan(100);
    expect(screenedOut).toBeGreaterThan(100);
  });
});
