import { describe, expect, it } from 'vitest';
import { businessFields, parseEvent, toRecords } from './envelope';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

describe('toRecords', () => {
  it('keys, heads and stamps every record with the saga id and type on the catalog topic', () => {
    const [r] = toRecords('p.', 'ord-a-1', [{ type: 'PaymentAuthorized', fields: { amount: 5 } }], 0, T0);
    expect(r.topic).toBe('p.payment.events');
    expect(r.message.key).toBe('ord-a-1');
    expect(r.message.headers).toEqual({ 'saga-id': 'ord-a-1', 'event-type': 'PaymentAuthorized' });
    expect(r.message.timestamp).toBe(String(T0));
    expect(JSON.parse(String(r.message.value))).toEqual({ type: 'PaymentAuthorized', sagaId: 'ord-a-1', at: '2026-01-01T00:00:00.000Z', amount: 5 });
  });

  it('orders a reaction after its cause and its own records one after another', () => {
    const recs = toRecords('', 'trip-a-1', [{ type: 'CarRented', fields: {} }, { type: 'TripConfirmed', fields: {} }], T0 + 50, T0);
    expect(recs.map((r) => r.message.timestamp)).toEqual([String(T0 + 51), String(T0 + 52)]);
    expect(recs.map((r) => r.topic)).toEqual(['cars.events', 'trips.completed']);
  });

  it('does not let a business field overwrite the envelope', () => {
    const [r] = toRecords('', 'ord-a-1', [{ type: 'OrderCompleted', fields: { type: 'x', sagaId: 'y' } }], 0, T0);
    expect(JSON.parse(String(r.message.value))).toMatchObject({ type: 'OrderCompleted', sagaId: 'ord-a-1' });
  });
});

describe('parseEvent', () => {
  it('round-trips what toRecords writes and splits off the business fields', () => {
    const [r] = toRecords('', 'ord-a-1', [{ type: 'OrderFailed', fields: { reason: 'r' } }], 0, T0);
    const e = parseEvent(Buffer.from(String(r.message.value)));
    expect(e).toMatchObject({ type: 'OrderFailed', sagaId: 'ord-a-1' });
    expect(businessFields(e!)).toEqual({ reason: 'r' });
  });

  it.each([null, '', 'not json', '{"type":"X"}', '{"type":"X","sagaId":"s","at":"yesterday"}'])('rejects %j', (v) => {
    expect(parseEvent(v === null ? null : Buffer.from(v))).toBeNull();
  });
});
