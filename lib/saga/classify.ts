import type { CompiledConfig, CompiledRule, TopicEntry } from './compiled-config';
import type { Rejected, SagaEvent } from './event';
import { LazyJson, type Extracted, type ExtractFailure } from './extract';
import type { RawRecord } from './record';
import { type RejectReason } from '../vocabulary';

/** Values are kept for the drill-down; beyond this they are cut (the record stays in Kafka). */
export const MAX_VALUE_CHARS_KEPT = 8_192;
/** Rejected samples show the start of the value only. */
const PREVIEW_CHARS = 200;

const ID_FAILURE_REASON: Record<ExtractFailure, RejectReason> = {
  'invalid-json': 'invalid-json',
  'empty-value': 'empty-value',
  missing: 'missing-saga-id',
  'wrong-type': 'invalid-saga-id',
};

function toEvent(record: RawRecord, entry: TopicEntry, rule: CompiledRule | null, sagaId: string, eventType: string | null): SagaEvent {
  const value = record.value;
  const truncated = value !== null && value.length > MAX_VALUE_CHARS_KEPT;
  return {
    sagaId,
    sagaType: entry.sagaType.config.type,
    effect: rule ? rule.rule.effect : 'observed',
    step: rule?.rule.step ?? null,
    eventType,
    timeoutMs: rule?.rule.timeoutMs ?? null,
    triggers: rule?.rule.triggers ?? null,
    ruleIndex: rule ? rule.index : null,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: record.key,
    headers: record.headers,
    value: truncated ? value.slice(0, MAX_VALUE_CHARS_KEPT) : value,
    valueTruncated: truncated,
    lossy: record.lossy === true,
    bytes: record.bytes,
  };
}

/** A rejected record as the health page shows it. */
export function reject(record: RawRecord, reason: RejectReason, detail: string): Rejected {
  return {
    reason,
    detail,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: record.key,
    valuePreview: record.value === null ? null : record.value.slice(0, PREVIEW_CHARS),
  };
}

/**
 * Turns one record into a saga event: per saga type (config order), the first rule that matches its topic and event
 * type wins and must yield a saga id. Only when no rule of any type matches is the record observed, under the first type
 * (config order) that reads a saga id from it; otherwise it is rejected with the first reason met. A type that cannot
 * read the record (its event type is read from a value that is not JSON) leaves it to the next type.
 */
export function classify(record: RawRecord, config: CompiledConfig): SagaEvent | Rejected {
  const entries = config.byTopic.get(record.topic);
  if (!entries) return reject(record, 'unconfigured-topic', `no rule reads topic ${record.topic}`);
  const json = new LazyJson(record.value);
  let firstFailure: Extract<Extracted, { ok: false }> | null = null;
  let observed: SagaEvent | null = null;
  entries: for (const entry of entries) {
    // Only a label for observed events: a rule that reads its event type elsewhere (eventTypeFrom) needs no JSON.
    const typeEt = entry.sagaType.eventType?.(record, json) ?? null;
    const fallbackEventType = typeEt?.ok ? typeEt.value : null;
    for (const rule of entry.rules) {
      let eventType: string | null = null;
      if (rule.eventType) {
        // A rule without eventTypeFrom reads the event type where its saga type does: that result is already known.
        const et = rule.rule.eventTypeFrom === undefined && typeEt !== null ? typeEt : rule.eventType(record, json);
        if (et.ok) eventType = et.value;
        else if (et.reason === 'invalid-json' || et.reason === 'empty-value') {
          firstFailure ??= et;
          continue entries;
        }
      }
      if (rule.rule.eventType !== undefined && eventType !== rule.rule.eventType) continue;
      const id = rule.sagaId(record, json);
      if (!id.ok) {
        // The first match wins: a matching rule without a saga id is a rejection for this saga type, not a reason
        // to try later rules or to observe the record under the type's saga id.
        firstFailure ??= id;
        continue entries;
      }
      return toEvent(record, entry, rule, id.value, eventType ?? fallbackEventType);
    }
    if (observed !== null) continue;
    const id = entry.sagaType.sagaId(record, json);
    if (id.ok) observed = toEvent(record, entry, null, id.value, fallbackEventType);
    else firstFailure ??= id;
  }
  return observed ?? rejectFor(record, firstFailure?.reason ?? 'missing');
}

const REJECT_DETAIL: Record<RejectReason, string> = {
  'empty-value': 'the value is empty but a rule reads it as JSON',
  'invalid-json': 'the value is not valid JSON but a rule reads it with a jsonPath',
  'missing-saga-id': 'no saga id where the config says to find it',
  'invalid-saga-id': 'the saga id is not a string or a number',
  'unconfigured-topic': 'no rule reads this topic',
  'processing-error': 'the monitor failed on this record',
  'unauthenticated-audit': 'an audit record without a valid signature',
};

function rejectFor(record: RawRecord, failure: ExtractFailure): Rejected {
  const reason = ID_FAILURE_REASON[failure];
  return reject(record, reason, REJECT_DETAIL[reason]);
}

export function isRejected(x: SagaEvent | Rejected): x is Rejected {
  return 'reason' in x;
}
