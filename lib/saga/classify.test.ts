import { describe, expect, it } from 'vitest';
import { MonitorConfig, type MonitorConfigInput } from '../config/schema';
import { classify, isRejected, MAX_VALUE_CHARS_KEPT } from './classify';
import { compileConfig } from './compiled-config';
import { compiled, monitorConfigInput, orderFulfilment, T0 } from '../../testing/fixtures/order-fulfilment';
import { rawRecord, RecordFactory } from '../../testing/fixtures/records';
import type { RawRecord } from './record';
import { type RejectReason } from '../vocabulary';

const f = new RecordFactory();
const json = (v: unknown) => JSON.stringify(v);
const sagaHeader = { 'saga-id': 'o-1' };

describe('classify: records that match a rule', () => {
  it.each<{ name: string; record: RawRecord; want: Record<string, unknown> }>([
    {
      name: 'a step command, with its timeout',
      record: f.order('o-1', 'payment.commands', 'AuthorizePayment', T0),
      want: { sagaType: 'order-fulfilment', sagaId: 'o-1', effect: 'step-started', step: 'payment', eventType: 'AuthorizePayment', timeoutMs: 5_000, ruleIndex: 1 },
    },
    {
      name: 'a step reply',
      record: f.order('o-1', 'payment.events', 'PaymentAuthorized', T0),
      want: { effect: 'step-completed', step: 'payment', eventType: 'PaymentAuthorized', timeoutMs: null, triggers: null },
    },
    {
      name: 'a compensation command',
      record: f.order('o-1', 'inventory.commands', 'ReleaseInventory', T0),
      want: { effect: 'compensation-started', step: 'inventory' },
    },
    {
      name: 'the saga completion',
      record: f.order('o-1', 'orders.completed', 'OrderCompleted', T0),
      want: { effect: 'complete', step: null },
    },
    {
      name: 'a choreography event with its trigger (default effect step-started)',
      record: f.trip('t-1', 'trips.requested', 'TripRequested', T0),
      want: { sagaType: 'trip-booking', sagaId: 't-1', effect: 'start', triggers: { effect: 'step-started', step: 'flight', timeoutMs: 8_000 } },
    },
    {
      name: 'a choreography failure that starts a compensation',
      record: f.trip('t-1', 'cars.events', 'CarRentalFailed', T0),
      want: { effect: 'step-failed', step: 'car', triggers: { effect: 'compensation-started', step: 'hotel' } },
    },
    {
      name: 'a numeric saga id, as text',
      record: rawRecord('trips.requested', json({ type: 'TripRequested', tripId: 42 }), T0),
      want: { sagaId: '42', effect: 'start' },
    },
    {
      name: 'a per-rule saga id from the key',
      record: rawRecord('trips.completed', json({ type: 'TripConfirmed' }), T0, { key: 't-9' }),
      want: { sagaId: 't-9', effect: 'complete' },
    },
  ])('$name', ({ record, want }) => {
    expect(classify(record, compiled)).toMatchObject(want);
  });

  it('keeps where the record came from', () => {
    const r = rawRecord('payment.events', json({ type: 'PaymentAuthorized' }), T0 + 5, { partition: 2, offset: '9007199254740993', headers: sagaHeader, key: 'k' });
    expect(classify(r, compiled)).toMatchObject({ topic: 'payment.events', partition: 2, offset: '9007199254740993', timestamp: T0 + 5, key: 'k', headers: sagaHeader, value: r.value, valueTruncated: false, lossy: false });
    // A record whose text is not its bytes says so, so a resend refuses it.
    expect(classify({ ...r, lossy: true }, compiled)).toMatchObject({ lossy: true });
  });

  it('cuts a long value at MAX_VALUE_CHARS_KEPT', () => {
    const value = json({ type: 'PaymentAuthorized', pad: 'x'.repeat(MAX_VALUE_CHARS_KEPT) });
    const e = classify(rawRecord('payment.events', value, T0, { headers: sagaHeader }), compiled);
    expect(e).toMatchObject({ effect: 'step-completed', valueTruncated: true, value: value.slice(0, MAX_VALUE_CHARS_KEPT) });
  });
});

describe('classify: a record that matches no rule but yields a saga id is observed', () => {
  it.each([
    { name: 'a status update on the output topic', record: f.order('o-1', 'orders.completed', 'OrderStatusChanged', T0), eventType: 'OrderStatusChanged' },
    { name: 'a value without an event type', record: rawRecord('payment.events', '{}', T0, { headers: sagaHeader }), eventType: null },
    { name: 'an event type of the wrong kind', record: rawRecord('payment.events', json({ type: { v: 1 } }), T0, { headers: sagaHeader }), eventType: null },
  ])('$name', ({ record, eventType }) => {
    expect(classify(record, compiled)).toMatchObject({ sagaId: 'o-1', effect: 'observed', step: null, ruleIndex: null, timeoutMs: null, eventType });
  });
});

describe('classify: the first matching rule wins', () => {
  const configWith = (rules: MonitorConfigInput['sagas'][number]['rules'], extra: Partial<MonitorConfigInput['sagas'][number]> = {}) =>
    compileConfig(MonitorConfig.parse({ ...monitorConfigInput, sagas: [{ ...orderFulfilment, ...extra, rules }] }));
  const declined = f.order('o-1', 'payment.events', 'PaymentDeclined', T0);
  const authorized = f.order('o-1', 'payment.events', 'PaymentAuthorized', T0);
  const catchAll = { topic: 'payment.events', step: 'payment', effect: 'step-completed' } as const;
  const specific = { topic: 'payment.events', eventType: 'PaymentDeclined', step: 'payment', effect: 'step-failed' } as const;

  it.each([
    { name: 'specific before catch-all: the specific rule', rules: [specific, catchAll], record: declined, effect: 'step-failed', ruleIndex: 0 },
    { name: 'specific before catch-all: other types fall to the catch-all', rules: [specific, catchAll], record: authorized, effect: 'step-completed', ruleIndex: 1 },
    { name: 'catch-all first: the catch-all', rules: [catchAll, specific], record: declined, effect: 'step-completed', ruleIndex: 0 },
    { name: 'two rules for one event type: the first', rules: [specific, { ...specific, effect: 'fail' as const }], record: declined, effect: 'step-failed', ruleIndex: 0 },
  ])('$name', ({ rules, record, effect, ruleIndex }) => {
    expect(classify(record, configWith(rules))).toMatchObject({ effect, ruleIndex, eventType: record === declined ? 'PaymentDeclined' : 'PaymentAuthorized' });
  });

  it('a matching rule whose saga id cannot be read rejects the record instead of observing it', () => {
    const r = rawRecord('trips.completed', json({ type: 'TripConfirmed', tripId: 't-1' }), T0);
    expect(classify(r, compiled)).toMatchObject({ reason: 'missing-saga-id' });
  });

  it('a rule reading its event type from a header matches a value that is not JSON', () => {
    const config = configWith([{ topic: 'orders.failed', eventType: 'OrderFailed', effect: 'fail', eventTypeFrom: { header: 'event-type' } }]);
    const r = rawRecord('orders.failed', '\u0000avro-bytes', T0, { headers: { ...sagaHeader, 'event-type': 'OrderFailed' } });
    expect(classify(r, config)).toMatchObject({ sagaId: 'o-1', effect: 'fail', eventType: 'OrderFailed' });
  });

  it('saga types sharing a topic: the one whose saga id the record carries claims it', () => {
    const subscription = { ...orderFulfilment, type: 'subscription', sagaId: { header: 'subscription-id' } };
    const config = compileConfig(MonitorConfig.parse({ ...monitorConfigInput, sagas: [orderFulfilment, subscription] }));
    const r = rawRecord('payment.events', json({ type: 'PaymentAuthorized' }), T0, { headers: { 'subscription-id': 's-1' } });
    expect(classify(r, config)).toMatchObject({ sagaType: 'subscription', sagaId: 's-1', effect: 'step-completed' });
    expect(classify(f.order('o-1', 'payment.events', 'PaymentAuthorized', T0), config)).toMatchObject({ sagaType: 'order-fulfilment' });
  });
});

describe('classify: saga types that share a topic and read the saga id the same way', () => {
  // A subscription saga whose charges go over the order's payment topics, its id in the same `saga-id` header.
  const subscription = {
    type: 'subscription',
    sagaId: { header: 'saga-id' },
    eventType: { jsonPath: '$.type' },
    stuckAfterMs: 30_000,
    steps: ['charge'],
    rules: [
      { topic: 'payment.commands', eventType: 'ChargeCard', step: 'charge', effect: 'step-started', timeoutMs: 5_000 },
      { topic: 'payment.events', eventType: 'CardCharged', step: 'charge', effect: 'step-completed' },
    ],
  };
  const config = compileConfig(MonitorConfig.parse({ ...monitorConfigInput, sagas: [orderFulfilment, subscription] }));

  it.each([
    { name: 'a reply no rule of the first type names goes to the type whose rule names it', topic: 'payment.events', type: 'CardCharged', want: { sagaType: 'subscription', effect: 'step-completed', step: 'charge' } },
    { name: 'so does a command', topic: 'payment.commands', type: 'ChargeCard', want: { sagaType: 'subscription', effect: 'step-started', timeoutMs: 5_000 } },
    { name: "the first type's own records stay its own", topic: 'payment.events', type: 'PaymentAuthorized', want: { sagaType: 'order-fulfilment', effect: 'step-completed' } },
    { name: 'a record no rule of any type names is observed under the first type that reads its id', topic: 'payment.events', type: 'StatusChanged', want: { sagaType: 'order-fulfilment', effect: 'observed' } },
  ])('$name', ({ topic, type, want }) => {
    expect(classify(rawRecord(topic, json({ type }), T0, { headers: { 'saga-id': 's-1' } }), config)).toMatchObject({ sagaId: 's-1', ...want });
  });

  it('a value one type cannot parse as JSON is read by a type that takes its event type from a header', () => {
    const legacy = { ...subscription, type: 'legacy', eventType: { header: 'event-type' }, rules: [{ topic: 'payment.events', eventType: 'Charged', step: 'charge', effect: 'step-completed' }] };
    const both = compileConfig(MonitorConfig.parse({ ...monitorConfigInput, sagas: [orderFulfilment, legacy] }));
    const r = rawRecord('payment.events', '\u0000binary', T0, { headers: { 'saga-id': 's-1', 'event-type': 'Charged' } });
    expect(classify(r, both)).toMatchObject({ sagaType: 'legacy', sagaId: 's-1', effect: 'step-completed' });
    // No rule names it: observed under the type that can read it, not rejected for the type that cannot.
    const other = rawRecord('payment.events', '\u0000binary', T0, { headers: { 'saga-id': 's-1', 'event-type': 'Other' } });
    expect(classify(other, both)).toMatchObject({ sagaType: 'legacy', effect: 'observed', eventType: 'Other' });
  });
});

describe('classify: unreadable records are rejected with a reason', () => {
  it.each<{ name: string; record: RawRecord; reason: RejectReason; detail: RegExp }>([
    { name: 'invalid JSON', record: rawRecord('payment.events', '{"type": "Paym', T0, { headers: sagaHeader }), reason: 'invalid-json', detail: /not valid JSON/ },
    { name: 'a null value', record: rawRecord('payment.events', null, T0, { headers: sagaHeader }), reason: 'empty-value', detail: /empty/ },
    { name: 'an empty value', record: rawRecord('payment.events', '', T0, { headers: sagaHeader }), reason: 'empty-value', detail: /empty/ },
    { name: 'no saga id header', record: rawRecord('payment.events', json({ type: 'PaymentAuthorized' }), T0, { headers: { other: 'x' } }), reason: 'missing-saga-id', detail: /no saga id/ },
    { name: 'an empty saga id header', record: rawRecord('payment.events', json({ type: 'PaymentAuthorized' }), T0, { headers: { 'saga-id': '' } }), reason: 'missing-saga-id', detail: /no saga id/ },
    { name: 'no saga id field', record: rawRecord('trips.requested', json({ type: 'TripRequested' }), T0), reason: 'missing-saga-id', detail: /no saga id/ },
    { name: 'a boolean saga id', record: rawRecord('trips.requested', json({ type: 'TripRequested', tripId: true }), T0), reason: 'invalid-saga-id', detail: /not a string or a number/ },
    { name: 'an object saga id', record: rawRecord('flights.events', json({ type: 'FlightBooked', tripId: { id: 't-1' } }), T0), reason: 'invalid-saga-id', detail: /not a string or a number/ },
    { name: 'a saga id on an unmatched record of the wrong type', record: rawRecord('flights.events', json({ type: 'Other', tripId: [1] }), T0), reason: 'invalid-saga-id', detail: /not a string/ },
    { name: 'an unconfigured topic', record: rawRecord('audit.log', json({ type: 'OrderRequested' }), T0, { headers: sagaHeader }), reason: 'unconfigured-topic', detail: /no rule reads/ },
  ])('$name: $reason', ({ record, reason, detail }) => {
    const r = classify(record, compiled);
    expect(isRejected(r)).toBe(true);
    expect(r).toMatchObject({ reason, topic: record.topic, partition: record.partition, offset: record.offset, timestamp: record.timestamp });
    expect(isRejected(r) && r.detail).toMatch(detail);
  });

  it('keeps only the start of the value as a preview', () => {
    const r = classify(rawRecord('payment.events', 'x'.repeat(1_000), T0, { headers: sagaHeader }), compiled);
    expect(isRejected(r) && r.valuePreview).toBe('x'.repeat(200));
    expect(classify(rawRecord('payment.events', null, T0), compiled)).toMatchObject({ valuePreview: null });
  });
});
