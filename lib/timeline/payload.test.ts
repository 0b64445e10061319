import { describe, expect, it } from 'vitest';
import { formatPayload, recordAddress } from './payload';

describe('formatPayload', () => {
  it.each([
    { name: 'null', value: null, kind: 'empty', text: '' },
    { name: 'empty string', value: '', kind: 'empty', text: '' },
    { name: 'JSON object', value: '{"a":1,"b":[true]}', kind: 'json', text: '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}' },
    { name: 'JSON array with leading space', value: ' [1]', kind: 'json', text: '[\n  1\n]' },
    { name: 'truncated JSON stays raw', value: '{"a":1,"b":', kind: 'text', text: '{"a":1,"b":' },
    { name: 'plain text', value: 'hello <b>world</b>', kind: 'text', text: 'hello <b>world</b>' },
    { name: 'a bare JSON number is shown as sent', value: '42', kind: 'text', text: '42' },
  ])('$name', ({ value, kind, text }) => {
    expect(formatPayload(value)).toEqual({ kind, text });
  });
});

describe('recordAddress', () => {
  it('is topic/partition/offset', () => {
    expect(recordAddress({ topic: 'payment.events', partition: 2, offset: '1027' })).toBe('payment.events/2/1027');
  });
});
