/** A Kafka record as the monitor sees it: key, value and headers already decoded to text by the consumer. */
export interface RawRecord {
  topic: string;
  partition: number;
  /** Kafka offsets are int64: kept as decimal strings. */
  offset: string;
  /** Record timestamp, epoch ms. */
  timestamp: number;
  key: string | null;
  value: string | null;
  /** Size of the value on the wire, before decoding. */
  valueBytes: number;
  headers: Record<string, string>;
  /**
   * The text above is not the record's bytes: a key, value or header that is not UTF-8, a header repeated or without
   * a value. Such a record can be read, never resent from this text (absent: the text is exact).
   */
  lossy?: boolean;
  /** A lossy record's bytes as read, kept when small and writable again, so a resend publishes them unchanged. */
  bytes?: RecordBytes;
}

/** A record's key, value and headers as bytes, headers in their order and repeated as they were. */
export interface RecordBytes {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Array<[string, Uint8Array]>;
}

/** Compares Kafka offsets given as decimal strings without losing int64 precision. */
export function compareOffsets(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function recordKey(r: { topic: string; partition: number; offset: string }): string {
  return `${r.topic}/${r.partition}/${r.offset}`;
}
