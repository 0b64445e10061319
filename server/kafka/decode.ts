import { isUtf8 } from 'node:buffer';
import type { KafkaMessage } from 'kafkajs';
import { MAX_VALUE_CHARS_KEPT } from '../../lib/saga/classify';
import type { RawRecord, RecordBytes } from '../../lib/saga/record';

/** A key or header as text: UTF-8 as it is, other bytes (a binary id) as `0x` hex, so distinct bytes stay distinct ids. */
function idText(b: Buffer): string {
  // Ids are short and nearly always ASCII: a scan here is cheaper than the UTF-8 check and decoder it spares.
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return isUtf8(b) ? b.toString('utf8') : `0x${b.toString('hex')}`;
  return b.toString('latin1');
}

/** True when `b` decodes to text that encodes back to the same bytes (UTF-8, as resends encode text). */
function isText(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return isUtf8(b);
  return true;
}

/**
 * Decodes key, value and headers as UTF-8 text; bytes that are not UTF-8 fail later, as invalid JSON. A header
 * without a value (other clients can write one; kafkajs hands it over as null) is dropped, a repeated one read as its
 * last value; either makes the record `lossy`, as does any text that is not its bytes.
 */
export function decodeMessage(topic: string, partition: number, m: KafkaMessage): RawRecord {
  const headers: Record<string, string> = {};
  let lossy = false;
  const h = m.headers;
  if (h) {
    for (const k in h) {
      if (!Object.hasOwn(h, k)) continue;
      let v = h[k];
      if (Array.isArray(v)) {
        lossy = true;
        v = v.length > 0 ? v[v.length - 1] : undefined;
      }
      if (v === undefined || v === null) {
        lossy = true;
        continue;
      }
      if (typeof v === 'string') headers[k] = v;
      else {
        headers[k] = idText(v);
        lossy ||= !isText(v);
      }
    }
  }
  const value = m.value;
  const key = m.key;
  // The value is long: the native check (SIMD) costs less than a scan here; keys and headers are short ids.
  lossy ||= (key !== null && !isText(key)) || (value !== null && !isUtf8(value));
  const bytes = lossy ? keptBytes(m) : undefined;
  return {
    topic,
    partition,
    offset: m.offset,
    timestamp: Number(m.timestamp),
    key: key ? idText(key) : null,
    // toString() without arguments goes straight to the UTF-8 decoder.
    value: value ? value.toString() : null,
    valueBytes: value ? value.length : 0,
    headers,
    lossy,
    bytes,
  };
}

/**
 * A lossy record's bytes, for a resend as read: only when small (what the monitor keeps of a value) and writable
 * again by this client, which cannot write a header without a value.
 */
function keptBytes(m: KafkaMessage): RecordBytes | undefined {
  if (m.value && m.value.length > MAX_VALUE_CHARS_KEPT) return undefined;
  const headers: Array<[string, Uint8Array]> = [];
  for (const k in m.headers ?? {}) {
    if (!Object.hasOwn(m.headers!, k)) continue;
    const v = m.headers![k];
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one === undefined || one === null) return undefined;
      headers.push([k, typeof one === 'string' ? Buffer.from(one) : one]);
    }
  }
  return { key: m.key ?? null, value: m.value ?? null, headers };
}
