import type { KafkaMessage } from 'kafkajs';
import type { RawRecord } from '../../lib/saga/record';

function headerText(v: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.length > 0 ? headerText(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : v.toString('utf8');
}

/** Decodes key, value and headers as UTF-8 text; bytes that are not UTF-8 fail later, as invalid JSON. */
export function decodeMessage(topic: string, partition: number, m: KafkaMessage): RawRecord {
  const headers: Record<string, string> = {};
  if (m.headers) {
    for (const [k, v] of Object.entries(m.headers)) {
      const text = headerText(v);
      if (text !== undefined) headers[k] = text;
    }
  }
  return {
    topic,
    partition,
    offset: m.offset,
    timestamp: Number(m.timestamp),
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value ? m.value.toString('utf8') : null,
    valueBytes: m.value ? m.value.length : 0,
    headers,
  };
}
