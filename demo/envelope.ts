import type { IHeaders, Message } from 'kafkajs';
import { z } from 'zod';
import { EVENT_TOPICS, type EventType } from './event-catalog';
import { topicName } from './topics';

export const SAGA_ID_HEADER = 'saga-id';
export const EVENT_TYPE_HEADER = 'event-type';
/** Set by the monitor on records it re-sends; workers never drop such a record. */
export const RETRY_HEADER = 'saga-monitor-retry-id';

/** What every demo record carries; business fields ride along and are copied forward by the services. */
export const DemoEvent = z.looseObject({
  type: z.string().min(1),
  sagaId: z.string().min(1),
  at: z.iso.datetime(),
});
export type DemoEvent = z.infer<typeof DemoEvent>;

export type Fields = Record<string, unknown>;

/** An event a component wants published; the envelope (sagaId, at) and the topic are added on the way out. */
export interface Emission {
  type: EventType;
  fields: Fields;
}

export interface OutgoingRecord {
  topic: string;
  type: EventType;
  message: Message;
}

export function parseEvent(value: Buffer | null): DemoEvent | null {
  if (value === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = DemoEvent.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function businessFields(e: DemoEvent): Fields {
  const { type: _type, sagaId: _sagaId, at: _at, ...rest } = e;
  return rest;
}

export function hasHeader(headers: IHeaders | undefined, name: string): boolean {
  return headers?.[name] !== undefined;
}

/**
 * Emissions of one reaction get strictly increasing times after `notBefore` (the cause's time), so a saga's records
 * sort into causal order by `at` even when the clock has not moved a millisecond.
 */
export function toRecords(prefix: string, sagaId: string, emissions: Emission[], notBefore: number, now: number): OutgoingRecord[] {
  const start = Math.max(now, notBefore + 1);
  return emissions.map((e, i) => {
    const at = new Date(start + i).toISOString();
    // The envelope's keys come first and cannot be overwritten by a business field of the same name.
    const value = Object.assign({ type: e.type, sagaId, at }, e.fields, { type: e.type, sagaId, at });
    return {
      topic: topicName(prefix, EVENT_TOPICS[e.type]),
      type: e.type,
      message: {
        key: sagaId,
        value: JSON.stringify(value),
        timestamp: String(start + i),
        headers: { [SAGA_ID_HEADER]: sagaId, [EVENT_TYPE_HEADER]: e.type },
      },
    };
  });
}
