import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from './decode';

// Shaped as kafkajs' record decoder returns them: Buffers, a null for a header written without a value (Java clients
// can write one; kafkajs itself cannot), an array for a header name repeated.
const message = (over: { key?: Buffer | null; value?: Buffer | null; headers?: Record<string, unknown> }): KafkaMessage =>
  ({ offset: '7', timestamp: '1000', attributes: 0, key: null, value: null, headers: {}, ...over }) as unknown as KafkaMessage;

describe('decodeMessage: bytes a producer may send', () => {
  it('drops a header without a value instead of failing the record', () => {
    const r = decodeMessage('t', 0, message({ headers: { 'saga-id': null, trace: Buffer.from('abc') } }));
    expect(r.headers).toEqual({ trace: 'abc' });
  });

  it('takes the last value of a repeated header, ignoring a null one', () => {
    const r = decodeMessage('t', 0, message({ headers: { 'saga-id': [Buffer.from('a'), Buffer.from('b')], other: [Buffer.from('x'), null] } }));
    expect(r.headers).toEqual({ 'saga-id': 'b' });
  });

  it('keeps UTF-8 keys and headers as text and gives bytes that are not UTF-8 as hex, so distinct ids stay distinct', () => {
    const a = decodeMessage('t', 0, message({ key: Buffer.from([0xff, 0x01]), headers: { id: Buffer.from([0xc3, 0x28]) } }));
    const b = decodeMessage('t', 0, message({ key: Buffer.from([0xfe, 0x01]), headers: { id: Buffer.from('h\u00e9') } }));
    expect([a.key, a.headers.id, b.key, b.headers.id]).toEqual(['0xff01', '0xc328', '0xfe01', 'h\u00e9']);
  });

  it('an empty key is an empty id, a null key none; values stay text either way', () => {
    const r = decodeMessage('t', 0, message({ key: Buffer.alloc(0), value: Buffer.from([0xff, 0x7b]) }));
    expect(r).toMatchObject({ key: '', value: '\ufffd{', valueBytes: 2 });
    expect(decodeMessage('t', 0, message({})).key).toBeNull();
  });

  it('marks a record whose text is not its bytes, so it is never resent re-encoded', () => {
    const exact = decodeMessage('t', 0, message({ key: Buffer.from('o-1'), value: Buffer.from('{"type":"A","n":"h\u00e9"}'), headers: { id: Buffer.from('o-1') } }));
    expect(exact.lossy).toBe(false);
    for (const over of [
      { value: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) },
      { key: Buffer.from([0xff, 0x01]) },
      { headers: { id: Buffer.from([0xc3, 0x28]) } },
      { headers: { id: [Buffer.from('a'), Buffer.from('b')] } },
      { headers: { id: null } },
    ]) {
      expect(decodeMessage('t', 0, message(over)).lossy, JSON.stringify(over)).toBe(true);
    }
  });

  it('keeps the bytes of a record whose text is not its bytes, headers in order with every value, for a resend as read', () => {
    const value = Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    const r = decodeMessage('t', 0, message({ key: Buffer.from([0xff, 0x01]), value, headers: { trace: [Buffer.from('a'), Buffer.from('b')], bin: Buffer.from([0xc3, 0x28]) } }));
    expect(r.lossy).toBe(true);
    expect(r.bytes).toEqual({ key: Buffer.from([0xff, 0x01]), value, headers: [['trace', Buffer.from('a')], ['trace', Buffer.from('b')], ['bin', Buffer.from([0xc3, 0x28])]] });
    // A header without a value cannot be written again by this client: such a record keeps no bytes, and is refused.
    expect(decodeMessage('t', 0, message({ headers: { id: null } })).bytes).toBeUndefined();
    expect(decodeMessage('t', 0, message({ value: Buffer.from('{}') })).bytes).toBeUndefined();
  });
});
