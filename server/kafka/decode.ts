import { isUtf8 } from 'node:buffer';
import type { KafkaMessage } from 'kafkajs';
import type { RawRecord } from '../../lib/saga/record';

/** A key or header as text: UTF-8 as it is, other bytes (a binary id) as `0x` hex, so distinct bytes stay distinct ids. */
function idText(b: Buffer): string {
  // Ids are short and nearly always ASCII: a scan here is cheaper than the UTF-8 check and decoder it spares.
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return isUtf8(b) ? b.toString('utf8') : `0x${b.toString('hex')}`;
  return b.toString('latin1');
}

// Other clients can write a header without a value (null); kafkajs hands it over as null.
function headerText(v: Buffer | string | null | (Buffer | string | null)[] | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length > 0 ? headerText(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : idText(v);
}

/** Decodes key, value and headers as UTF-8 text; bytes that are not UTF-8 fail later, as invalid JSON. */
export function decodeMessage(topic: string, partition: number, m: KafkaMessage): RawRecord {
  const headers: Record<string, string> = {};
  const h = m.headers;
  if (h) {
    for (const k in h) {
      if (!Object.hasOwn(h, k)) continue;
      const text = headerText(h[k]);
      if (text !== undefined) headers[k] = text;
    }
  }
  const value = m.value;
  return {
    topic,
    partition,
    offset: m.offset,
    timestamp: Number(m.timestamp),
    key: m.key ? idText(m.key) : null,
    // toString() without arguments goes straight to the UTF-8 decoder.
    value: value ? value.toString() : null,
    valueBytes: value ? value.length : 0,
    headers,
  };
}
