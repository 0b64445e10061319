import type { KafkaMessage } from 'kafkajs';
import type { MonitorConfig } from '../lib/config/schema';
import { classify, isRejected } from '../lib/saga/classify';
import { compileConfig } from '../lib/saga/compiled-config';
import { decodeMessage } from '../server/kafka/decode';
import { SagaStore } from '../server/store/saga-store';
import { BENCH_PARTITIONS, sagas, type WorkloadOptions } from './workload';

/** Sagas generated at once before their records are dealt out by topic and partition, as a broker would hold them. */
const CHUNK_SAGAS = 5_000;

export interface FetchedBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
}

function partitionOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return (h >>> 0) % BENCH_PARTITIONS;
}

/**
 * The workload's records as a consumer receives them, without a broker: kafkajs-shaped messages in batches of one
 * topic-partition, so the records of one saga arrive across topics out of their time order, as in a real catch-up.
 */
export function* fetchedBatches(o: WorkloadOptions, events: number): Generator<FetchedBatch> {
  const gen = sagas(o);
  const offsets = new Map<string, number>();
  let produced = 0;
  while (produced < events) {
    const byPartition = new Map<string, FetchedBatch>();
    for (let n = 0; n < CHUNK_SAGAS && produced < events; n++) {
      for (const r of gen.next().value!.records) {
        const key = r.message.key as string;
        const partition = partitionOf(key);
        const tp = `${r.topic}/${partition}`;
        let batch = byPartition.get(tp);
        if (!batch) byPartition.set(tp, (batch = { topic: r.topic, partition, messages: [] }));
        const offset = offsets.get(tp) ?? 0;
        offsets.set(tp, offset + 1);
        const headers: Record<string, Buffer> = {};
        for (const [k, v] of Object.entries(r.message.headers ?? {})) headers[k] = Buffer.from(v as string);
        const value = Buffer.from(r.message.value as string);
        batch.messages.push({ key: Buffer.from(key), value, timestamp: r.message.timestamp!, offset: String(offset), headers, attributes: 0 });
        produced += 1;
      }
    }
    yield* byPartition.values();
  }
}

/** Decode, classify and apply, as the consumer does per record, into a store of its own. */
export function storePipeline(config: MonitorConfig, now: () => number) {
  const compiled = compileConfig(config);
  const store = new SagaStore(compiled, now);
  let rejected = 0;
  return {
    store,
    rejected: () => rejected,
    consume(b: FetchedBatch): void {
      for (const m of b.messages) {
        const r = classify(decodeMessage(b.topic, b.partition, m), compiled);
        if (isRejected(r)) rejected += 1;
        else store.apply(r);
      }
    },
  };
}
