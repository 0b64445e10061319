import type { Trigger } from '../config/schema';
import type { EventEffect, RejectReason } from '../vocabulary';
import type { RecordBytes } from './record';


/** One classified record, the unit the reducer folds. */
export interface SagaEvent {
  sagaId: string;
  sagaType: string;
  effect: EventEffect;
  step: string | null;
  eventType: string | null;
  /** The step's own timeout, from the rule that started it. */
  timeoutMs: number | null;
  triggers: Trigger | null;
  /** Index of the matching rule in the saga type's `rules`, or null for observed events. */
  ruleIndex: number | null;
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
  key: string | null;
  headers: Record<string, string>;
  /** The value as text, cut at MAX_VALUE_CHARS_KEPT; the whole record can be read again from Kafka. */
  value: string | null;
  valueTruncated: boolean;
  /** The record's text is not its bytes (RawRecord.lossy): a resend would re-encode it, so it is refused. */
  lossy?: boolean;
  /** The bytes of a lossy record, when kept (RawRecord.bytes): what a resend publishes. */
  bytes?: RecordBytes;
}

export interface Rejected {
  reason: RejectReason;
  detail: string;
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
  key: string | null;
  /** Start of the value, for the health page. */
  valuePreview: string | null;
}

/** Timeline order: time first; at equal times, causes before their consequences. */
const EFFECT_RANK: Record<EventEffect, number> = {
  start: 0,
  'step-started': 1,
  'step-completed': 2,
  'step-failed': 2,
  'compensation-started': 3,
  'compensation-completed': 4,
  complete: 5,
  fail: 5,
  observed: 6,
  retry: 6,
};

/**
 * A record that triggers an effect is also the cause of that effect's consequences: a compensation's reply that starts
 * the next compensation goes before that next compensation's reply of the same millisecond.
 */
function rankOf(e: SagaEvent): number {
  const own = EFFECT_RANK[e.effect];
  return e.triggers ? Math.min(own, EFFECT_RANK[e.triggers.effect] - 0.5) : own;
}

export function compareEvents(a: SagaEvent, b: SagaEvent): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  const rank = rankOf(a) - rankOf(b);
  if (rank !== 0) return rank;
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  if (a.offset.length !== b.offset.length) return a.offset.length - b.offset.length;
  return a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0;
}
