/**
 * Workload generator, part 5: thousands of sagas of both demo types laid out as Kafka holds them, written from the
 * demo's topics (demo/topics.ts: three partitions, records keyed by saga id) and Kafka's log: a record goes to the
 * partition of its key and takes the next offset there in the order it is appended, which is when it was sent plus a
 * random delay (two producers writing to one partition do not append in timestamp order, nor in the order they were
 * sent when their clocks disagree).
 */
import type { SagaTypeConfig } from '../../lib/config/schema';
import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { SAGA_TYPES, type SagaType } from '../../demo/event-catalog';
import { derivedRng, hashString, type Rng } from '../../lib/random';
import { makeSagaId } from '../../demo/saga-id';
import { TOPIC_PARTITIONS } from '../../demo/topics';
import { RETRY_HEADERS } from '../../lib/retry/retry-wire';
import { orderStory } from './order-story';
import { DEFAULT_KNOBS, type WorkloadKnobs } from './plan';
import type { SimRecord } from './saga-sim';
import { tripStory } from './trip-story';

/** Start of every workload: a fixed instant, so failures print readable times. */
export const T0 = Date.UTC(2025, 5, 2, 8, 0, 0);

export interface LogRecord extends SimRecord {
  partition: number;
  offset: string;
  /** When the record reached the log: never before it was sent. */
  appendedAt: number;
}

export interface Workload {
  seed: number;
  knobs: WorkloadKnobs;
  sagas: Array<{ id: string; type: SagaType }>;
  /** Every record once, in append order (so in offset order within each partition). */
  log: LogRecord[];
  bySaga: Map<string, LogRecord[]>;
  /** The latest time in the log: a record's timestamp, or when it was sent if that is later (a clock behind). */
  endAt: number;
}

type Story = (sagaId: string, startAt: number, type: SagaTypeConfig, rng: Rng, k: WorkloadKnobs) => SimRecord[];
const STORIES: Record<SagaType, Story> = { 'order-fulfilment': orderStory, 'trip-booking': tripStory };

export function makeWorkload(seed: number, config: CompiledConfig, knobs: WorkloadKnobs = DEFAULT_KNOBS): Workload {
  const runTag = (seed >>> 0).toString(36);
  const sagas: Workload['sagas'] = [];
  const produced: Array<{ r: SimRecord; saga: number; appendedAt: number }> = [];
  const layout = derivedRng(seed, 'layout');
  for (let i = 0; i < knobs.sagas; i++) {
    const rng = derivedRng(seed, 'saga', i);
    const type = rng.pick(SAGA_TYPES);
    const typeConfig = config.sagaTypes.get(type)?.config;
    if (!typeConfig) throw new Error(`the config does not monitor ${type}`);
    const id = makeSagaId(type, runTag, i + 1);
    sagas.push({ id, type });
    for (const r of STORIES[type](id, T0 + rng.int(0, knobs.windowMs), typeConfig, rng, knobs)) {
      produced.push({ r, saga: i, appendedAt: r.sentAt + layout.int(0, knobs.jitterMs) });
    }
  }
  produced.sort((a, b) => a.appendedAt - b.appendedAt || a.saga - b.saga || a.r.order - b.r.order);

  const next = new Map<string, number>();
  const placed = new Map<SimRecord, LogRecord>();
  const log: LogRecord[] = [];
  const bySaga = new Map<string, LogRecord[]>(sagas.map((s) => [s.id, []]));
  for (const { r, appendedAt } of produced) {
    const partition = hashString(r.key) % TOPIC_PARTITIONS;
    const slot = `${r.topic}/${partition}`;
    const offset = next.get(slot) ?? 0;
    next.set(slot, offset + 1);
    const rec: LogRecord = { ...r, partition, offset: String(offset), appendedAt };
    if (r.copyOf) {
      const of = placed.get(r.copyOf)!;
      rec.headers = { ...rec.headers, [RETRY_HEADERS.of]: `${of.topic}/${of.partition}/${of.offset}` };
    }
    placed.set(r, rec);
    log.push(rec);
    bySaga.get(r.sagaId)!.push(rec);
  }
  return { seed, knobs, sagas, log, bySaga, endAt: log.reduce((m, r) => Math.max(m, r.timestamp, r.sentAt), -Infinity) };
}
