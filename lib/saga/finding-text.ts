import type { RecordRef } from '../wire/rest';
import { compareEvents, type SagaEvent } from './event';

/** A record as an operator finds it again: its event type, then where it sits in Kafka (a retry's audit entry by place only). */
export function nameOf(e: SagaEvent): string {
  const where = `(${e.topic}/${e.partition}@${e.offset})`;
  return e.effect === 'retry' ? where : `${e.eventType ?? e.effect} ${where}`;
}

/** The records behind a finding, in timeline order, each once. */
export function evidenceOf(events: readonly SagaEvent[]): RecordRef[] {
  const out: RecordRef[] = [];
  for (const e of [...events].sort(compareEvents)) {
    if (!out.some((r) => r.topic === e.topic && r.partition === e.partition && r.offset === e.offset)) {
      out.push({ topic: e.topic, partition: e.partition, offset: e.offset });
    }
  }
  return out;
}
